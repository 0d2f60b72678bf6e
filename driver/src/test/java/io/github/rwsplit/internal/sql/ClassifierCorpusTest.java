package io.github.rwsplit.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.junit.jupiter.api.Test;

/** Runs every case of classifier-corpus.txt (its header documents the format) and reports all failures at once. */
class ClassifierCorpusTest {
    static final String CORPUS = "/classifier-corpus.txt";
    private static final String ARROW = " → ";

    /** One case of the corpus. */
    record Case(int line, String sql, Target target, String attributes) {
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(ClassifierCorpusTest.class.getResourceAsStream(CORPUS))) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                int arrow = line.lastIndexOf(ARROW);
                if (line.isBlank() || (line.startsWith("#") && arrow < 0)) {
                    continue;
                }
                if (arrow < 0) {
                    throw new IllegalStateException("line " + (i + 1) + ": no arrow: " + line);
                }
                String sql = line.substring(0, arrow).replace("⏎", "\n").replace("⇥", "\t").replace("␀", "\0");
                String[] expectation = line.substring(arrow + ARROW.length()).strip().split(" ", 2);
                cases.add(new Case(i + 1, sql, target(expectation[0]), expectation.length > 1 ? expectation[1] : ""));
            }
        }
        return cases;
    }

    private static Target target(String word) {
        switch (word) {
            case "replica":
                return Target.REPLICA_READ;
            case "primary":
                return Target.PRIMARY_READ;
            case "write":
                return Target.WRITE;
            default:
                throw new IllegalStateException("unknown expectation " + word);
        }
    }

    @Test
    void everyCorpusCaseIsClassifiedAsExpected() throws IOException {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 350, "the corpus should hold at least 350 cases, has " + cases.size());
        SqlClassifier classifier = UnhurriedClassifier.of(0);
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Classification actual = classifier.classify(c.sql());
            List<String> problems = problems(c, actual);
            if (!problems.isEmpty()) {
                failures.add("line " + c.line() + ": " + c.sql().replace("\n", "⏎") + "\n    " + String.join("; ", problems)
                        + "\n    got " + actual);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " corpus cases failed:\n" + String.join("\n", failures));
        }
        assertEquals(0, classifier.internalErrors(), "internal errors answered as writes");
    }

    /** Repeated classification of the same text, from the cache (which takes a text when it comes back), gives the
     *  same answer. */
    @Test
    void cachedAnswersEqualFreshOnes() throws IOException {
        SqlClassifier cached = UnhurriedClassifier.of(10_000);
        SqlClassifier fresh = UnhurriedClassifier.of(0);
        for (Case c : cases()) {
            Classification first = cached.classify(c.sql());
            cached.classify(c.sql());
            Classification second = cached.classify(c.sql());
            if (!first.equals(second) || !first.equals(fresh.classify(c.sql()))) {
                fail("line " + c.line() + ": cached " + second + " differs from fresh " + first);
            }
        }
        assertEquals(0, cached.internalErrors() + fresh.internalErrors(), "internal errors answered as writes");
    }

    static List<String> problems(Case c, Classification actual) {
        List<String> problems = new ArrayList<>();
        if (actual.target() != c.target()) {
            problems.add("target " + actual.target() + ", expected " + c.target());
        }
        StatementKind kind = c.target() == Target.REPLICA_READ ? StatementKind.QUERY : null;
        int effects = 0;
        boolean primaryHint = false;
        boolean replicaHint = false;
        long maxLag = -1;
        List<String> unknownHints = new ArrayList<>();
        String setItems = "";
        String database = null;
        List<String> temp = List.of();
        List<String> dropped = List.of();
        boolean parser = false;
        for (String attribute : c.attributes().isBlank() ? new String[0] : c.attributes().split(" ")) {
            int equals = attribute.indexOf('=');
            String key = equals < 0 ? attribute : attribute.substring(0, equals);
            String value = equals < 0 ? "" : attribute.substring(equals + 1);
            switch (key) {
                case "kind" -> kind = StatementKind.valueOf(value.toUpperCase(Locale.ROOT));
                case "session-bound" -> effects |= Classification.SESSION_BOUND;
                case "reads-last-insert-id" -> effects |= Classification.READS_LAST_INSERT_ID;
                case "implicit-commit" -> effects |= Classification.IMPLICIT_COMMIT;
                case "chain" -> effects |= Classification.CHAIN;
                case "returns-rows" -> effects |= Classification.RETURNS_ROWS;
                case "hint" -> {
                    primaryHint |= value.equals("primary");
                    replicaHint |= value.equals("replica");
                }
                case "maxLag" -> maxLag = Long.parseLong(value);
                case "unknown-hint" -> unknownHints.add(value);
                case "set" -> setItems = value;
                case "db" -> database = value;
                case "temp" -> temp = Arrays.asList(value.split(","));
                case "dropped" -> dropped = Arrays.asList(value.split(","));
                case "parser" -> parser = true;
                default -> throw new IllegalStateException("line " + c.line() + ": unknown attribute " + attribute);
            }
        }
        if (kind != null && actual.kind() != kind) {
            problems.add("kind " + actual.kind() + ", expected " + kind);
        }
        if (actual.effects() != effects) {
            problems.add("effects " + actual.effects() + ", expected " + effects);
        }
        Hints hints = actual.hints();
        if (hints.primary() != primaryHint || hints.replica() != replicaHint || hints.maxLagMillis() != maxLag
                || !hints.unknownItems().equals(unknownHints)) {
            problems.add("hints " + hints + ", expected primary=" + primaryHint + " replica=" + replicaHint
                    + " maxLag=" + maxLag + " unknown=" + unknownHints);
        }
        String actualSetItems = String.join(",", actual.setItems().stream()
                .map(item -> item.scope() + ":" + item.name()).toList());
        if (!actualSetItems.equals(setItems)) {
            problems.add("set items " + actualSetItems + ", expected " + setItems);
        }
        if (!Objects.equals(actual.database(), database)) {
            problems.add("database " + actual.database() + ", expected " + database);
        }
        if (!actual.createdTemporaryTables().equals(temp)) {
            problems.add("temporary tables " + actual.createdTemporaryTables() + ", expected " + temp);
        }
        if (!actual.droppedTables().equals(dropped)) {
            problems.add("dropped tables " + actual.droppedTables() + ", expected " + dropped);
        }
        if (actual.decidedByParser() != parser) {
            problems.add("decidedByParser " + actual.decidedByParser() + ", expected " + parser);
        }
        return problems;
    }
}
