package io.github.rwsplit.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The option table of docs/configuration.md is generated from {@link Options}; this test fails when the two drift
 * apart, and rewrites the section in place when run with {@code -Drwsplit.updateDocs=true}.
 */
class OptionReferenceTest {
    /** Tests run with the driver module as working directory. */
    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final String REGENERATE = "the option table in docs/configuration.md differs from Options.java;"
            + " regenerate it with: ./mvnw -pl driver test -Dtest=OptionReferenceTest -Drwsplit.updateDocs=true";

    @Test
    void theDocumentedTableIsTheGeneratedOne() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String begin = OptionReference.BEGIN + "\n";
        int start = doc.indexOf(begin);
        int end = doc.indexOf(OptionReference.END);
        assertTrue(start >= 0 && end > start, "docs/configuration.md must hold the lines " + OptionReference.BEGIN
                + " and " + OptionReference.END + ", in that order, around the option table");
        String documented = doc.substring(start + begin.length(), end);
        String generated = OptionReference.markdownTable();
        if (Boolean.getBoolean("rwsplit.updateDocs") && !documented.equals(generated)) {
            Files.writeString(DOC, doc.substring(0, start + begin.length()) + generated + doc.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, documented, REGENERATE);
    }

    @Test
    void theTableHasAHeaderAndOneRowPerOptionInOrder() {
        List<String> lines = OptionReference.markdownTable().lines().toList();
        assertEquals("| key | default | accepted values | meaning |", lines.get(0));
        assertEquals("|---|---|---|---|", lines.get(1));
        assertEquals(Options.all().size() + 2, lines.size());
        for (int i = 0; i < Options.all().size(); i++) {
            Option<?> option = Options.all().get(i);
            assertTrue(lines.get(i + 2).startsWith("| `" + option.key() + "` | "), lines.get(i + 2));
            assertTrue(lines.get(i + 2).endsWith(" |"), lines.get(i + 2));
        }
    }

    @Test
    void fixedDefaultsAreCodeAndDerivedOnesWords() {
        String table = OptionReference.markdownTable();
        assertTrue(table.contains("| `maxReplicationLag` | `5s` | "), table);
        assertTrue(table.contains("| `pool.minimumIdle` | same as pool.maximumPoolSize | "), table);
        assertTrue(table.contains("| `clusterName` | derived from the hosts | "), table);
    }

    @Test
    void cellTextCannotBreakTheTableOrTurnIntoHtml() {
        String table = OptionReference.markdownTable();
        // JMX's name=<clusterName> would otherwise be an unknown HTML tag that renderers drop.
        assertTrue(table.contains("name=&lt;clusterName&gt;"), table);
        assertFalse(table.contains("<"), table);
        for (String line : table.lines().toList()) {
            assertEquals(5, line.replace("\\|", "").chars().filter(c -> c == '|').count(), line);
        }
    }
}
