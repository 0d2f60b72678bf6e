package io.github.rwsplit.internal.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server output recorded from MySQL's and MariaDB's own test results and reference manuals, kept as test resources
 * under {@code server-output/}; each file says where its content came from.
 */
final class ServerOutputs {
    private static final Pattern VERTICAL_COLUMN = Pattern.compile("\\s*([A-Za-z_]+):(?: (.*))?");

    private ServerOutputs() {
    }

    /** One line of {@code gtid-sets.txt}: the text a server gives, and how rwsplit writes it back (null: refused). */
    record GtidSetCase(String serverText, String written) {
    }

    /** A recorded session-state payload and the GTID text in it (null when it carries none). */
    record SessionStatePayload(String name, byte[] bytes, String expectedGtids) {
    }

    static List<GtidSetCase> gtidSets() {
        List<GtidSetCase> cases = new ArrayList<>();
        for (String line : lines("gtid-sets.txt")) {
            if (line.startsWith("! ")) {
                cases.add(new GtidSetCase(line.substring(2), null));
            } else {
                int arrow = line.lastIndexOf(" => ");
                cases.add(new GtidSetCase(line.substring(0, arrow).replace("\\n", "\n"),
                        line.substring(arrow + 4).strip()));
            }
        }
        return cases;
    }

    /**
     * A row printed by {@code SHOW REPLICA STATUS\G} or {@code SHOW SLAVE STATUS\G}, as column label to value (NULL
     * as null), as Connector/J would hand it over; a value continued on the next line (a long GTID set) is rejoined.
     */
    static Map<String, String> verticalRow(String resource) {
        Map<String, String> row = new LinkedHashMap<>();
        String last = null;
        for (String line : lines(resource)) {
            if (line.startsWith("***")) {
                continue;
            }
            Matcher column = VERTICAL_COLUMN.matcher(line);
            if (column.matches()) {
                last = column.group(1);
                String value = column.group(2) == null ? "" : column.group(2);
                row.put(last, value.equals("NULL") ? null : value);
            } else {
                row.put(last, row.get(last) + "\n" + line);
            }
        }
        return row;
    }

    static SessionStatePayload sessionState(String resource) {
        String expected = null;
        StringBuilder hex = new StringBuilder();
        for (String line : read(resource).split("\n")) {
            if (line.startsWith("# expect: ")) {
                String value = line.substring("# expect: ".length());
                expected = value.equals("none") ? null : value;
            } else if (!line.startsWith("#")) {
                hex.append(line.replace(" ", ""));
            }
        }
        return new SessionStatePayload(resource, HexFormat.of().parseHex(hex), expected);
    }

    /** The file's lines but its comments and blank lines; a line of blanks before {@code " => "} stays. */
    private static List<String> lines(String resource) {
        List<String> lines = new ArrayList<>();
        for (String line : read(resource).split("\n")) {
            if (!line.startsWith("#") && !line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String read(String resource) {
        try (InputStream in = ServerOutputs.class.getResourceAsStream("/server-output/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource server-output/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
