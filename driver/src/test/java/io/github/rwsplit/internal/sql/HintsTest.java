package io.github.rwsplit.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.read.ListAppender;

class HintsTest {
    private final Logger routingLogger = (Logger) LoggerFactory.getLogger("io.github.rwsplit.internal.sql");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        appender.start();
        routingLogger.addAppender(appender);
    }

    @AfterEach
    void releaseLogs() {
        routingLogger.detachAppender(appender);
    }

    private List<String> warnings() {
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void statementsWithoutHintsShareTheNoneInstance() {
        assertSame(Hints.NONE, new SqlClassifier(0).classify("SELECT /* plain comment */ 1").hints());
    }

    @Test
    void itemsCombineAcrossComments() {
        Hints hints = new SqlClassifier(0)
                .classify("/*rwsplit:maxLag=2s*/ SELECT /* rwsplit: replica, MAXLAG=1500ms */ 1 /*rwsplit:primary*/")
                .hints();
        assertEquals(new Hints(true, true, 1500, List.of()), hints);
    }

    @Test
    void durationsAcceptMillisecondsSecondsMinutesAndBareNumbers() {
        SqlClassifier classifier = new SqlClassifier(0);
        assertEquals(500, classifier.classify("/*rwsplit:maxLag=500ms*/ SELECT 1").hints().maxLagMillis());
        assertEquals(2_000, classifier.classify("/*rwsplit:maxLag=2s*/ SELECT 1").hints().maxLagMillis());
        assertEquals(60_000, classifier.classify("/*rwsplit:maxLag=1m*/ SELECT 1").hints().maxLagMillis());
        assertEquals(750, classifier.classify("/*rwsplit:maxLag=750*/ SELECT 1").hints().maxLagMillis());
        assertEquals(0, classifier.classify("/*rwsplit:maxLag=0*/ SELECT 1").hints().maxLagMillis());
        assertEquals(List.of("maxLag=1.5s"),
                classifier.classify("/*rwsplit:maxLag=1.5s*/ SELECT 1").hints().unknownItems());
        assertEquals(List.of("maxLag=99999999999999999999"),
                classifier.classify("/*rwsplit:maxLag=99999999999999999999*/ SELECT 1").hints().unknownItems());
        assertEquals(-1, classifier.classify("/*rwsplit:maxLag=*/ SELECT 1").hints().maxLagMillis());
    }

    @Test
    void unknownItemIsReportedAndWarnedOncePerDistinctText() {
        SqlClassifier classifier = new SqlClassifier(0);
        for (int i = 0; i < 3; i++) {
            Hints hints = classifier.classify("/*rwsplit:primary, shiny*/ SELECT " + i).hints();
            assertTrue(hints.primary());
            assertEquals(List.of("shiny"), hints.unknownItems());
        }
        classifier.classify("/*rwsplit:dull*/ SELECT 1");
        classifier.classify("/*rwsplit:shiny*/ SELECT 2");

        List<String> warnings = warnings();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("'shiny'"), warnings.get(0));
        assertTrue(warnings.get(1).contains("'dull'"), warnings.get(1));
        assertEquals("io.github.rwsplit.internal.sql.UnknownHintLog", appender.list.get(0).getLoggerName());
    }

    @Test
    void unknownItemMemoryIsBoundedAndSaysSoOnce() {
        SqlClassifier classifier = new SqlClassifier(0);
        int distinct = UnknownHintLog.MAX_REMEMBERED + 500;
        for (int i = 0; i < distinct; i++) {
            classifier.classify("/*rwsplit:item" + i + "*/ SELECT 1");
        }
        classifier.classify("/*rwsplit:item0*/ SELECT 1");

        List<String> warnings = warnings();
        assertEquals(UnknownHintLog.MAX_REMEMBERED + 1, warnings.size());
        assertTrue(warnings.get(warnings.size() - 1).contains("further ones are ignored"));
    }

    @Test
    void aLogAppenderMayClassifyWhileTheWarningIsLogged() {
        SqlClassifier classifier = new SqlClassifier(0);
        List<Classification> nested = new ArrayList<>();
        AppenderBase<ILoggingEvent> classifyingAppender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                nested.add(classifier.classify("INSERT INTO log VALUES ('" + event.getLevel() + "')"));
            }
        };
        classifyingAppender.start();
        routingLogger.addAppender(classifyingAppender);
        try {
            Classification outer = classifier.classify("/*rwsplit:reentrant*/ SELECT a FROM t FOR UPDATE");
            assertEquals(Target.PRIMARY_READ, outer.target());
            assertEquals(List.of("reentrant"), outer.hints().unknownItems());
            assertEquals(1, nested.size());
            assertEquals(Target.WRITE, nested.get(0).target());
        } finally {
            routingLogger.detachAppender(classifyingAppender);
        }
    }

    @Test
    void hintsInsideStringsAndLineCommentsAreNotHints() {
        SqlClassifier classifier = new SqlClassifier(0);
        assertSame(Hints.NONE, classifier.classify("SELECT '/*rwsplit:primary*/'").hints());
        assertSame(Hints.NONE, classifier.classify("SELECT 1 -- /*rwsplit:primary*/").hints());
        assertSame(Hints.NONE, classifier.classify("SELECT 1 # /*rwsplit:primary*/").hints());
    }

    @Test
    void aHintNeverChangesTheTarget() {
        SqlClassifier classifier = new SqlClassifier(0);
        assertEquals(Target.WRITE, classifier.classify("/*rwsplit:replica*/ DELETE FROM t").target());
        assertEquals(Target.REPLICA_READ, classifier.classify("/*rwsplit:primary*/ SELECT 1").target());
    }
}
