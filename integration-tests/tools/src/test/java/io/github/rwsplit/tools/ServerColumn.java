package io.github.rwsplit.tools;

import io.github.rwsplit.testcluster.ClusterNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The first column of a query run on one node directly, bypassing rwsplit: what that server holds. */
final class ServerColumn {
    private ServerColumn() {
    }

    static List<String> read(ClusterNode node, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = node.appConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
