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
        assertThrows(IllegalArgumentException.class, () -> GtidSet.parse("0-1-x"));
    }

    @Test
    void aTaggedGtidIsKeyedByItsServerAndTag() {
        GtidSet executed = GtidSet.parse(UUID + ":1-5:batch:1-3");
        assertTrue(executed.includes(GtidSet.parse(UUID + ":batch:2")));
        assertTrue(executed.includes(GtidSet.parse(UUID + ":4")));
        assertFalse(executed.includes(GtidSet.parse(UUID + ":batch:4")), "tagged 4 is not untagged 4");
        assertFalse(executed.includes(GtidSet.parse(UUID + ":other:1")), "another tag is another source");
        assertFalse(GtidSet.parse(UUID + ":1-9").includes(GtidSet.parse(UUID + ":batch:1")));
    }

    @Test
    void aTagAppliesToTheIntervalsAfterItUntilTheNextTag() {
        GtidSet mixed = GtidSet.parse(UUID + ":tag1:1-5:8:tag2:1-3," + OTHER + ":2");
        assertTrue(mixed.includes(GtidSet.parse(UUID + ":tag1:8")));
        assertTrue(mixed.includes(GtidSet.parse(UUID + ":tag2:3")));
        assertFalse(mixed.includes(GtidSet.parse(UUID + ":tag2:8")));
        assertEquals(UUID + ":tag1:1-5:8:tag2:1-3," + OTHER + ":2", mixed.toString());
    }

    @Test
    void tagsAndUuidsAreReadWithoutRegardToCaseAndWrittenInLowerCase() {
        GtidSet set = GtidSet.parse(UUID.toUpperCase() + ":Domain_1:117");
        assertEquals(UUID + ":domain_1:117", set.toString());
        assertEquals(set, GtidSet.parse(UUID + ":domain_1:117"));
    }

    @Test
    void untaggedIntervalsAreWrittenBeforeTheTagsOfTheSameServer() {
        GtidSet set = GtidSet.parse(UUID + ":zz:1," + UUID + ":aa:2," + UUID + ":3");
        assertEquals(UUID + ":3:aa:2:zz:1", set.toString());
        assertEquals(set, GtidSet.parse(set.toString()), "what it writes reads back the same");
    }

    @Test
    void unionAndUpToLatestKeepTagsApart() {
        GtidSet merged = GtidSet.parse(UUID + ":batch:4").union(GtidSet.parse(UUID + ":9"));
        assertEquals(UUID + ":1-9:batch:1-4", merged.upToLatest().toString());
        assertTrue(GtidSet.parse(UUID + ":1-9:batch:1-4").includes(merged.upToLatest()));
        assertFalse(GtidSet.parse(UUID + ":1-9:batch:1-3").includes(merged.upToLatest()));
    }

    @Test
    void blanksEmptyItemsAndAServerWithoutIntervalsAreAcceptedAsTheServerAcceptsThem() {
        GtidSet set = GtidSet.parse(" " + UUID + " : tag_1 : 1 - 2 ,, " + OTHER + " ,\n" + UUID + ":tag_1 ");
        assertEquals(UUID + ":tag_1:1-2", set.toString());
    }

    @Test
    void everyMalformedTextFailsWithAnIllegalArgumentNamingThePart() {
        for (String bad : new String[] {UUID + ":1-x", UUID + ":0", UUID + ":5-3", UUID + ":9tag:1",
                UUID + ":" + "t".repeat(33) + ":1", UUID + ":", "nothex-71ca-11e1-9e33-c80aa9429562:1",
                UUID + ":99999999999999999999", "0-1-99999999999999999999", "0-1", "0-1-2-3", "-1-2"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GtidSet.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("not a GTID"), e.getMessage());
        }
    }
}
