package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GtidSetTest {
    private static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String OTHER = "4f22ab58-82db-22f2-af44-d91bb0530673";

    @Test
    void aMariaDbPositionIncludesEverythingUpToItsSequencePerDomain() {
        GtidSet applied = GtidSet.parse("0-1-42,1-2-7");
        assertTrue(applied.includes(GtidSet.parse("0-1-42")));
        assertTrue(applied.includes(GtidSet.parse("0-3-10")), "the server id does not order a domain");
        assertFalse(applied.includes(GtidSet.parse("0-1-43")));
        assertFalse(applied.includes(GtidSet.parse("2-1-1")), "an unknown domain is not applied");
        assertEquals("0-1-42,1-2-7", applied.toString());
    }

    @Test
    void aMySqlSetIncludesOnlyItsIntervals() {
        GtidSet executed = GtidSet.parse(UUID + ":1-5:7-9," + OTHER + ":1-3");
        assertTrue(executed.includes(GtidSet.parse(UUID + ":8")));
        assertFalse(executed.includes(GtidSet.parse(UUID + ":6")), "a gap is not applied");
        assertTrue(executed.includes(GtidSet.parse(OTHER + ":1-3")));
        assertEquals(UUID + ":1-5:7-9," + OTHER + ":1-3", executed.toString());
    }

    @Test
    void upToLatestAsksForEverythingBeforeTheLastWriteOfEachSource() {
        GtidSet own = GtidSet.parse(UUID + ":5," + UUID + ":9");
        GtidSet required = own.upToLatest();
        assertEquals(UUID + ":1-9", required.toString());
        assertFalse(GtidSet.parse(UUID + ":1-5:7-9").includes(required));
        assertTrue(GtidSet.parse(UUID + ":1-9").includes(required));
    }

    @Test
    void unionKeepsTheLatestMariaDbServerOfEachDomain() {
        GtidSet merged = GtidSet.parse("0-1-42").union(GtidSet.parse("0-2-50"));
        assertEquals("0-2-50", merged.toString());
        assertEquals("0-2-50", GtidSet.parse("0-2-50").union(GtidSet.parse("0-1-42")).toString());
    }

    @Test
    void blankIsEmptyAndEverythingIncludesIt() {
        assertTrue(GtidSet.parse("").isEmpty());
        assertTrue(GtidSet.parse(null).isEmpty());
        assertTrue(GtidSet.parse("0-1-1").includes(GtidSet.EMPTY));
        assertFalse(GtidSet.EMPTY.includes(GtidSet.parse("0-1-1")));
    }

    @Test
    void garbageIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> GtidSet.parse("not-a-gtid-at-all"));
        assertThrows(NumberFormatException.class, () -> GtidSet.parse("0-1-x"));
    }
}
