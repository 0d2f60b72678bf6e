package io.github.rwsplit.testcluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server says it is, from {@code SELECT VERSION()}: {@code 10.11.5-MariaDB-log} or {@code 8.4.3}.
 *
 * @param text the whole answer, as the server gave it
 */
public record ServerVersion(ServerFamily family, int major, int minor, String text) {

    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    /** Reads the answer of {@code SELECT VERSION()}; only MariaDB names itself there. */
    public static ServerVersion parse(String text) {
        Matcher numbers = MAJOR_MINOR.matcher(text);
        if (!numbers.find()) {
            throw new IllegalArgumentException("not a server version: '" + text + "'");
        }
        ServerFamily family = text.contains("MariaDB") ? ServerFamily.MARIADB : ServerFamily.MYSQL;
        return new ServerVersion(family, Integer.parseInt(numbers.group(1)), Integer.parseInt(numbers.group(2)), text);
    }

    @Override
    public String toString() {
        return family.productName() + " " + text;
    }
}
