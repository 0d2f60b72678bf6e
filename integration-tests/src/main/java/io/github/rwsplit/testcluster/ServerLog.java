package io.github.rwsplit.testcluster;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A server's error log file, read back when it fails, so the failure explains itself. */
record ServerLog(Path file) {

    private static final int TAIL_LINES = 25;

    /** The current end of the log, to read later what one start wrote. */
    long end() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What was written after {@code offset} (an earlier {@link #end()}). */
    String since(long offset) {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            byte[] written = new byte[(int) Math.max(0, log.length() - offset)];
            log.seek(offset);
            log.readFully(written);
            return new String(written, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    String tail() {
        try {
            if (!Files.exists(file)) {
                return "(no log at " + file + ")";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join(System.lineSeparator(),
                    lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log " + file + " unreadable: " + e + ")";
        }
    }
}
