package io.github.rwsplit.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The statements the classifier benchmark classifies: what applications send most, and two heavy ones. */
final class Statements {
    private Statements() {
    }

    static final String POINT_SELECT = "SELECT id, name, email, created_at FROM users WHERE id = ?";
    static final String INSERT = "INSERT INTO orders (user_id, item, qty, price, created_at) VALUES (?, ?, ?, ?, NOW())";
    static final String UPDATE = "UPDATE users SET last_login = NOW(), login_count = login_count + 1 WHERE id = ?";
    static final String JOIN_10 = "SELECT o.id, u.name, p.title, c.name, s.status, w.city, r.rating, d.amount, t.tag,"
            + " v.vendor FROM orders o JOIN users u ON u.id = o.user_id JOIN products p ON p.id = o.product_id"
            + " JOIN categories c ON c.id = p.category_id JOIN shipments s ON s.order_id = o.id"
            + " JOIN warehouses w ON w.id = s.warehouse_id LEFT JOIN reviews r ON r.order_id = o.id"
            + " LEFT JOIN discounts d ON d.order_id = o.id LEFT JOIN tags t ON t.product_id = p.id"
            + " JOIN vendors v ON v.id = p.vendor_id WHERE o.created_at > ? AND u.country = ? ORDER BY o.id LIMIT 50";
    static final String CTE = "WITH recent AS (SELECT user_id, COUNT(*) AS n FROM orders WHERE created_at > ?"
            + " GROUP BY user_id), top_users AS (SELECT user_id FROM recent WHERE n > 5)"
            + " SELECT u.id, u.name, r.n FROM users u JOIN recent r ON r.user_id = u.id"
            + " WHERE u.id IN (SELECT user_id FROM top_users) ORDER BY r.n DESC";
    static final String REPORT_2KB = report();

    /** Name to SQL, in the order of the published table. */
    static Map<String, String> all() {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("point select", POINT_SELECT);
        statements.put("insert", INSERT);
        statements.put("update", UPDATE);
        statements.put("10-table join", JOIN_10);
        statements.put("2 KB report query", REPORT_2KB);
        statements.put("CTE", CTE);
        return statements;
    }

    /** A realistic reporting query of about 2 KB: aggregates, CASE, subqueries, comments and string literals. */
    private static String report() {
        StringBuilder sql = new StringBuilder("/* monthly revenue report */ SELECT r.region_name, p.category,"
                + " DATE_FORMAT(o.created_at, '%Y-%m') AS month, COUNT(DISTINCT o.id) AS orders,"
                + " SUM(CASE WHEN o.status = 'PAID' THEN oi.qty * oi.price ELSE 0 END) AS revenue,"
                + " SUM(CASE WHEN o.status = 'REFUNDED' THEN oi.qty * oi.price ELSE 0 END) AS refunds,"
                + " AVG(oi.price) AS avg_price, MAX(oi.price) AS max_price,"
                + " (SELECT COUNT(*) FROM returns rt WHERE rt.region_id = r.id AND rt.created_at >= ?) AS returns_count"
                + " FROM orders o JOIN order_items oi ON oi.order_id = o.id JOIN products p ON p.id = oi.product_id"
                + " JOIN customers cu ON cu.id = o.customer_id JOIN regions r ON r.id = cu.region_id"
                + " WHERE o.created_at BETWEEN ? AND ? AND p.category IN ('books', 'music', 'games', 'toys')"
                + " AND cu.segment <> 'internal' -- staff accounts are not revenue\n");
        int column = 0;
        while (sql.length() < 1900) {
            sql.append(" AND (oi.discount_code IS NULL OR oi.discount_code NOT LIKE 'TEST").append(column++)
                    .append("%')");
        }
        sql.append(" GROUP BY r.region_name, p.category, month HAVING revenue > 0 ORDER BY month, revenue DESC");
        return sql.toString();
    }
}
