package io.github.rwsplit.internal.sql;

import static io.github.rwsplit.fuzz.FuzzText.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SqlLexer#skim}, which the scan uses for the rest of a read, must leave the {@link MarkerDetector} with the
 * verdicts it reaches from every token, and the lexer with the same parentheses, hints and flags: on the corpus, on
 * seeded mutations of it, random token strings and noise, and on strings of every keyword mixed with the symbols and
 * tokens the rules look at, under every {@link Reading}. The keyword strings are what catches a rule that starts
 * looking at a keyword {@link MarkerDetector#WATCHED_KEYWORDS} does not list.
 */
class SkimEquivalenceTest {
    private static final long SEED = 20_261_123L;
    private static final int CASES = 200_000;
    private static final Keyword[] KEYWORDS = Keyword.values();
    private static final String[] OTHER_TOKENS = {"(", ")", ":", "=", ";", ".", ",", "*", "-", "@v", "@@identity",
            "@@session.last_insert_id", "@@version", "x", "t.x", "1", "'s'", "`q`", "/* c */", "-- c\n", "/*!", "*/",
            "/*rwsplit:replica*/"};

    @Test
    void skimmingGivesTheMarkerDetectorTheVerdictsOfEveryToken() throws IOException {
        List<String> corpus = new ArrayList<>();
        for (ClassifierCorpusTest.Case c : ClassifierCorpusTest.cases()) {
            corpus.add(c.sql());
        }
        List<String> inputs = new ArrayList<>(corpus);
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            inputs.add(switch (random.nextInt(10)) {
                case 0 -> ClassifierFuzzTest.tokens(random);
                case 1, 2 -> keywords(random);
                case 3 -> ClassifierFuzzTest.noise(random);
                default -> ClassifierFuzzTest.mutate(corpus.get(random.nextInt(corpus.size())), random);
            });
        }
        HintReader hints = new HintReader(new UnknownHintLog());
        for (String sql : inputs) {
            for (Reading reading : Reading.values()) {
                assertEquals(outcome(sql, reading, hints, false), outcome(sql, reading, hints, true),
                        () -> reading + ": " + shown(sql));
            }
        }
    }

    /** Keywords, most of them, between the tokens the rules look at and tokens they pass over. */
    private static String keywords(Random random) {
        StringBuilder text = new StringBuilder();
        int count = 1 + random.nextInt(12);
        for (int i = 0; i < count; i++) {
            text.append(random.nextInt(3) > 0 ? KEYWORDS[random.nextInt(KEYWORDS.length)].name()
                    : OTHER_TOKENS[random.nextInt(OTHER_TOKENS.length)]);
            text.append(random.nextInt(8) == 0 ? "" : " ");
        }
        return text.toString();
    }

    /** What the detector and the lexer end with after reading all of {@code sql}, token by token or skimming. */
    private static String outcome(String sql, Reading reading, HintReader hints, boolean skim) {
        SqlLexer lexer = new SqlLexer();
        lexer.reset(sql, reading, hints);
        MarkerDetector markers = new MarkerDetector();
        markers.reset();
        int open = 0;
        int close = 0;
        while ((skim ? lexer.skim(MarkerDetector.WATCHED_KEYWORDS) : lexer.next()) != SqlLexer.END) {
            if (skim && lexer.skipped()) {
                markers.skipped();
            }
            open += lexer.isSymbol('(') ? 1 : 0;
            close += lexer.isSymbol(')') ? 1 : 0;
            markers.accept(lexer);
        }
        if (skim && lexer.skipped()) {
            markers.skipped();
        }
        markers.finish();
        return "primary marker " + markers.primaryMarker() + ", sequence write " + markers.sequenceWrite()
                + ", write keyword " + markers.writeKeyword()
                + ", effects " + markers.effects() + ", parentheses " + open + "/" + close + ", hints "
                + lexer.hints() + ", ambiguous " + lexer.ambiguous() + ", reading matters " + lexer.readingMatters();
    }
}
