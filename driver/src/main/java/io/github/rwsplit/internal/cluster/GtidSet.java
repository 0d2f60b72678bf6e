package io.github.rwsplit.internal.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of transactions by global transaction id, in either server's notation, used both for what a replica has applied
 * and for what a read must see. MariaDB positions ({@code 0-1-42,1-2-7}) say "up to sequence 42 of domain 0"; MySQL
 * GTID sets ({@code 3e11fa47-...:1-5:7-9}) list intervals per source. Both become intervals per source, so one
 * containment test serves both: a replica has applied a write when its set includes the write's.
 */
public final class GtidSet {
    public static final GtidSet EMPTY = new GtidSet(Map.of(), Map.of());

    /** Source (MariaDB domain, MySQL server uuid) to sorted, disjoint, closed intervals. */
    private final Map<String, List<long[]>> intervals;
    /** MariaDB only: the server id seen with each domain's highest sequence, kept to write the position back. */
    private final Map<String, String> mariaDbServers;

    private GtidSet(Map<String, List<long[]>> intervals, Map<String, String> mariaDbServers) {
        this.intervals = intervals;
        this.mariaDbServers = mariaDbServers;
    }

    /**
     * Parses a MariaDB GTID position or a MySQL GTID set; blank text is the empty set.
     *
     * @throws IllegalArgumentException when the text is neither
     */
    public static GtidSet parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        Map<String, List<long[]>> intervals = new TreeMap<>();
        Map<String, String> servers = new TreeMap<>();
        for (String part : text.replace("\n", "").split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            if (colon >= 0) {
                String source = item.substring(0, colon).toLowerCase(Locale.ROOT);
                for (String range : item.substring(colon + 1).split(":")) {
                    int dash = range.indexOf('-');
                    long from = Long.parseLong(range.substring(0, dash < 0 ? range.length() : dash).trim());
                    long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1).trim());
                    add(intervals, source, from, to);
                }
            } else {
                String[] fields = item.split("-");
                if (fields.length != 3) {
                    throw new IllegalArgumentException("not a GTID: " + item);
                }
                long sequence = Long.parseLong(fields[2]);
                if (sequence > upTo(intervals, fields[0])) {
                    servers.put(fields[0], fields[1]);
                }
                add(intervals, fields[0], 1, sequence);
            }
        }
        return new GtidSet(freeze(intervals), Map.copyOf(servers));
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

    /** In the notation of the server that produced it: a MariaDB position or a MySQL GTID set. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        intervals.forEach((source, list) -> {
            if (text.length() > 0) {
                text.append(',');
            }
            String server = mariaDbServers.get(source);
            if (server != null || isMariaDbDomain(source, list)) {
                text.append(source).append('-').append(server == null ? "0" : server).append('-')
                        .append(list.get(list.size() - 1)[1]);
            } else {
                text.append(source);
                for (long[] interval : list) {
                    text.append(':').append(interval[0]);
                    if (interval[1] != interval[0]) {
                        text.append('-').append(interval[1]);
                    }
                }
            }
        });
        return text.toString();
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
