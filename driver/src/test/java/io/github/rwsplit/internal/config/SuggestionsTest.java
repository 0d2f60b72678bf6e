package io.github.rwsplit.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    @ParameterizedTest
    @CsvSource({"kitten, sitting, 3", "flaw, lawn, 2", "abc, abc, 0", "'', abc, 3", "abc, '', 3", "ab, ba, 2",
            "loadbalance, loadBalance, 1", "a, b, 1"})
    void distanceIsTheLevenshteinDistance(String a, String b, int expected) {
        assertEquals(expected, Suggestions.distance(a, b, Integer.MAX_VALUE));
        assertEquals(expected, Suggestions.distance(b, a, Integer.MAX_VALUE));
    }

    @Test
    void distanceGivesUpAtTheLimit() {
        assertEquals(2, Suggestions.distance("abc", "xyzxyz", 2));
        assertEquals(3, Suggestions.distance("kitten", "sitting", 3));
        assertEquals(3, Suggestions.distance("kitten", "sitting", 4));
        assertEquals(1, Suggestions.distance("abcdefgh", "zzzzzzzz", 1));
    }

    @Test
    void closestIgnoresCaseAndKeepsTheCandidatesSpelling() {
        assertEquals("maxReplicationLag", Suggestions.closest("MAXREPLICATIONLAG", List.of("maxReplicationLag", "jmx")));
        assertEquals("connectTimeout", Suggestions.closest("ConnectTimeout",
                List.of("socketTimeout", "connectTimeout", "connectionTimeZone")));
    }

    @Test
    void closestPicksTheNearestCandidate() {
        assertEquals("retryReads", Suggestions.closest("retryRead", List.of("readYourWrites", "retryReads")));
        assertEquals("pool.minimumIdle", Suggestions.closest("pool.minimumIddle",
                List.of("pool.maximumPoolSize", "pool.minimumIdle", "pool.idleTimeout")));
    }

    @Test
    void closestAllowsAboutOneEditInThreeCharacters() {
        // at least 2 edits, so that short keys still get a suggestion: "jxm" is 2 edits from "jmx"
        assertEquals("jmx", Suggestions.closest("jxm", List.of("jmx")));
        assertEquals("heartbeatTable", Suggestions.closest("hartbeatTabel", List.of("heartbeatTable")));
        assertNull(Suggestions.closest("abc", List.of("jmx")));
        assertNull(Suggestions.closest("loadBalanceStrategyX", List.of("jmx", "loadBalance")));
    }

    @Test
    void noCandidatesMeansNoSuggestion() {
        assertNull(Suggestions.closest("jmx", List.of()));
    }

    @ParameterizedTest
    @CsvSource({"maxReplicationlag, maxReplicationLag", "replicaWieghts, replicaWeights",
            "readFromPrimay, readFromPrimary", "sslmode, sslMode", "usr, user", "pool.maxPoolSize, pool.maximumPoolSize",
            "socketTimout, socketTimeout"})
    void unknownKeysSuggestTheClosestOptionOrConnectorJProperty(String key, String suggestion) {
        assertEquals("rwsplit: unknown option '" + key + "'; did you mean '" + suggestion + "'?",
                Parse.rejected(Parse.CLUSTER + "?" + key + "=1"));
    }
}
