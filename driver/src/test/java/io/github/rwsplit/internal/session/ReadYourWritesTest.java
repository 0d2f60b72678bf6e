package io.github.rwsplit.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.internal.cluster.GtidSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadYourWritesTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final ReadYourWrites consistency = new ReadYourWrites(TimeUnit.SECONDS.toNanos(5), now::get);

    @Test
    void nothingIsPendingBeforeAnyWrite() {
        assertFalse(consistency.pending());
        assertNull(consistency.position());
    }

    @Test
    void aWriteWithAGtidIsRequiredOfEveryLaterRead() {
        consistency.committed(GtidSet.parse("0-1-41"), true);
        consistency.committed(GtidSet.parse("0-1-42"), true);
        assertTrue(consistency.pending());
        assertFalse(consistency.primaryOnly());
        assertEquals("0-1-42", consistency.position());
        consistency.satisfiedEverywhere();
        assertFalse(consistency.pending());
    }

    @Test
    void aWriteThatChangedNothingRequiresNothing() {
        consistency.committed(GtidSet.EMPTY, true);
        assertFalse(consistency.pending());
    }

    @Test
    void withoutGtidsThePrimaryServesReadsForMaxReplicationLagAfterAWrite() {
        consistency.committed(GtidSet.EMPTY, false);
        assertTrue(consistency.primaryOnly());
        now.addAndGet(TimeUnit.SECONDS.toNanos(4));
        assertTrue(consistency.primaryOnly());
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertFalse(consistency.primaryOnly());
        assertFalse(consistency.pending());
    }

    @Test
    void aHandedOverPositionJoinsThisConnectionsOwn() {
        consistency.committed(GtidSet.parse("0-1-10"), true);
        consistency.require(GtidSet.parse("0-2-20,1-1-5"));
        assertEquals("0-2-20,1-1-5", consistency.position());
    }
}
