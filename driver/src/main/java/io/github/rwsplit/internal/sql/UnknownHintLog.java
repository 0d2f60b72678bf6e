package io.github.rwsplit.internal.sql;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns once per distinct unknown hint item. It remembers a bounded number of texts, so that an application that
 * builds hint text from data cannot grow memory without end; past that bound it says once that it stops warning.
 */
final class UnknownHintLog {
    static final int MAX_REMEMBERED = 1000;

    private static final Logger log = LoggerFactory.getLogger(UnknownHintLog.class);

    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean saturated = new AtomicBoolean();

    void report(String item) {
        if (reported.size() < MAX_REMEMBERED) {
            if (reported.add(item)) {
                log.warn("Ignoring unknown rwsplit hint item '{}'; known items are primary, replica and maxLag=DURATION",
                        item);
            }
        } else if (!reported.contains(item) && saturated.compareAndSet(false, true)) {
            log.warn("More than {} distinct unknown rwsplit hint items seen; further ones are ignored without warning",
                    MAX_REMEMBERED);
        }
    }
}
