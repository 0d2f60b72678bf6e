package io.github.rwsplit.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what rwsplit logs while a test runs. */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    static LogCapture rwsplit() {
        return new LogCapture("io.github.rwsplit");
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    long count(String level, String fragment) {
        return events().stream().filter(e -> e.getLevel().toString().equals(level))
                .filter(e -> e.getFormattedMessage().contains(fragment)).count();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
