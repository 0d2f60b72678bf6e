package io.github.rwsplit.internal.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of transactions by global transaction id, in either server's notation, used both for what a replica has applied
 * and for what a read must see. MariaDB positions ({@code 0-1-42,1-2-7}) say "up to sequence 42 of domain 0"; MySQL
 * GTID sets ({@code 3e11fa47-...:1-5:7-9}) list intervals per source, where MySQL 8.3+ may tag transactions
 * ({@code 3e11fa47-...:1-5:batch:1-3}: the tag applies to the intervals after it). Both become intervals per source
 * (MariaDB domain; MySQL uuid, or uuid and tag), so one containment test serves both: a replica has applied a write when
 * its set includes the write's.
 */
public final class GtidSet {
    public static final GtidSet EMPTY = new GtidSet(Map.of(), Map.of());

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** MySQL's tag syntax, which the server matches without regard to case and prints in lower case. */
    private static final Pattern TAG = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,31}");
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)\\s*(?:-\\s*(\\d+))?");
    private static final Pattern MARIADB_GTID = Pattern.compile("(\\d+)-(\\d+)-(\\d+)");

    /**
     * Source (MariaDB domain; MySQL uuid, or {@code uuid:tag} for tagged transactions) to sorted, disjoint, closed
     * intervals. Sorted by key, so a uuid's tagged sources follow its untagged one, as the server prints them.
     */
    private final Map<String, List<long[]>> intervals;
    /** MariaDB only: the server id seen with each domain's highest sequence, kept to write the position back. */
    private final Map<String, String> mariaDbServers;

    private GtidSet(Map<String, List<long[]>> intervals, Map<String, String> mariaDbServers) {
        this.intervals = intervals;
        this.mariaDbServers = mariaDbServers;
    }

    /**
     * Parses a MariaDB GTID position or a MySQL GTID set, tagged or not; blank text is the empty set. Accepts what the
     * servers accept: blanks around tokens, line breaks after commas, empty items, a uuid or tag without intervals.
     *
     * @throws IllegalArgumentException (never another exception) when the text is neither, naming the part that is not
     */
    public static GtidSet parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        Map<String, List<long[]>> intervals = new TreeMap<>();
        Map<String, String> servers = new TreeMap<>();
        for (String part : text.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            if (item.indexOf(':') >= 0 || UUID.matcher(item).matches()) {
                parseMySqlSet(item, intervals);
            } else {
                parseMariaDbGtid(item, intervals, servers);
            }
        }
        return new GtidSet(freeze(intervals), Map.copyOf(servers));
    }

    /** {@code uuid(:tag|:interval)...}: a tag applies to the intervals that follow it, until the next tag. */
    private static void parseMySqlSet(String item, Map<String, List<long[]>> intervals) {
        String[] tokens = item.split(":", -1);
        String uuid = tokens[0].strip();
        if (!UUID.matcher(uuid).matches()) {
            throw new IllegalArgumentException("not a GTID set: '" + item + "' does not start with a server uuid");
        }
        String source = uuid.toLowerCase(Locale.ROOT);
        for (int i = 1; i < tokens.length; i++) {
            String token = tokens[i].strip();
            Matcher interval = INTERVAL.matcher(token);
            if (interval.matches()) {
                long from = number(interval.group(1), item);
                long to = interval.group(2) == null ? from : number(interval.group(2), item);
                if (from < 1 || to < from) {
                    throw new IllegalArgumentException("not a GTID set: interval '" + token + "' in '" + item
                            + "' is empty or starts below 1");
                }
                add(intervals, source, from, to);
            } else if (TAG.matcher(token).matches()) {
                source = uuid.toLowerCase(Locale.ROOT) + ":" + token.toLowerCase(Locale.ROOT);
            } else {
                throw new IllegalArgumentException("not a GTID set: '" + token + "' in '" + item
                        + "' is neither an interval nor a tag");
            }
        }
    }

    private static void parseMariaDbGtid(String item, Map<String, List<long[]>> intervals,
                                         Map<String, String> servers) {
        Matcher gtid = MARIADB_GTID.matcher(item);
        if (!gtid.matches()) {
            throw new IllegalArgumentException("not a GTID: '" + item + "' is neither domain-server-sequence nor"
                    + " uuid:interval");
        }
        String domain = String.valueOf(number(gtid.group(1), item));
        long sequence = number(gtid.group(3), item);
        if (sequence == 0) {
            return;
        }
        if (sequence > upTo(intervals, domain)) {
            servers.put(domain, String.valueOf(number(gtid.group(2), item)));
        }
        add(intervals, domain, 1, sequence);
    }

    private static long number(String digits, String item) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a GTID: '" + digits + "' in '" + item + "' is out of range", e);
        }
    }

    private static long upTo(Map<String, List<long[]>> intervals, String source) {
        List<long[]> list = intervals.get(source);
        return list == null || list.isEmpty() ? 0 : list.get(list.size() - 1)[1];
    }

    private static void add(Map<String, List<long[]>> intervals, String source, long from, long to) {
        List<long[]> list = intervals.computeIfAbsent(source, s -> new ArrayList<>());
        list.add(new long[] {from, to});
        list.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] interval : list) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && interval[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], interval[1]);
            } else {
                merged.add(new long[] {interval[0], interval[1]});
            }
        }
        list.clear();
        list.addAll(merged);
    }

    private static Map<String, List<long[]>> freeze(Map<String, List<long[]>> intervals) {
        Map<String, List<long[]>> frozen = new TreeMap<>();
        intervals.forEach((source, list) -> frozen.put(source, Collections.unmodifiableList(new ArrayList<>(list))));
        return Collections.unmodifiableMap(frozen);
    }

    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    /** Whether every transaction of {@code other} is in this set. */
    public boolean includes(GtidSet other) {
        for (Map.Entry<String, List<long[]>> source : other.intervals.entrySet()) {
            List<long[]> mine = intervals.get(source.getKey());
            for (long[] needed : source.getValue()) {
                if (mine == null || mine.stream().noneMatch(have -> have[0] <= needed[0] && needed[1] <= have[1])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The transactions of both sets. */
    public GtidSet union(GtidSet other) {
        if (other.isEmpty() || includes(other)) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Map<String, List<long[]>> merged = new TreeMap<>();
        for (GtidSet set : List.of(this, other)) {
            set.intervals.forEach((source, list) -> list.forEach(i -> add(merged, source, i[0], i[1])));
        }
        Map<String, String> servers = new TreeMap<>(mariaDbServers);
        other.mariaDbServers.forEach((domain, server) -> {
            if (upTo(other.intervals, domain) >= upTo(intervals, domain)) {
                servers.put(domain, server);
            }
        });
        return new GtidSet(freeze(merged), Map.copyOf(servers));
    }

    /**
     * Everything up to the highest transaction of each source: what a read must wait for after this connection's
     * writes. On MySQL this is stricter than the writes themselves (earlier transactions of others too), which keeps
     * the requirement one interval per source however many writes it covers.
     */
    public GtidSet upToLatest() {
        Map<String, List<long[]>> closed = new TreeMap<>();
        intervals.forEach((source, list) -> add(closed, source, 1, list.get(list.size() - 1)[1]));
        return new GtidSet(freeze(closed), mariaDbServers);
    }

    /**
     * In the notation of the server that produced it: a MariaDB position, or a MySQL GTID set with each uuid's untagged
     * intervals first and its tags after them ({@code uuid:1-5:tag:1-3}), which every MySQL server reads back.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        String lastUuid = null;
        for (Map.Entry<String, List<long[]>> entry : intervals.entrySet()) {
            String source = entry.getKey();
            List<long[]> list = entry.getValue();
            String server = mariaDbServers.get(source);
            if (server != null || isMariaDbDomain(source, list)) {
                separate(text, ',').append(source).append('-').append(server == null ? "0" : server).append('-')
                        .append(list.get(list.size() - 1)[1]);
                lastUuid = null;
                continue;
            }
            int tagged = source.indexOf(':');
            String uuid = tagged < 0 ? source : source.substring(0, tagged);
            if (!uuid.equals(lastUuid)) {
                separate(text, ',').append(uuid);
                lastUuid = uuid;
            }
            if (tagged >= 0) {
                text.append(source, tagged, source.length());
            }
            for (long[] interval : list) {
                text.append(':').append(interval[0]);
                if (interval[1] != interval[0]) {
                    text.append('-').append(interval[1]);
                }
            }
        }
        return text.toString();
    }

    private static StringBuilder separate(StringBuilder text, char separator) {
        return text.length() > 0 ? text.append(separator) : text;
    }

    private static boolean isMariaDbDomain(String source, List<long[]> list) {
        return source.chars().allMatch(Character::isDigit) && list.size() == 1 && list.get(0)[0] == 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GtidSet other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
