package io.github.rwsplit.fuzz;

import java.util.Random;

/**
 * The edits the seeded fuzzers share, and how they show an input in a failure. Each edit draws from {@code random}
 * exactly as it always has, so a seed still produces the same cases.
 */
public final class FuzzText {
    private FuzzText() {
    }

    /** Deletes one to {@code maxLength} characters at {@code at}, when there is one there. */
    public static void deleteSpan(StringBuilder text, int at, int maxLength, Random random) {
        if (at < text.length()) {
            text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(maxLength)));
        }
    }

    /** Inserts a copy of the up to {@code maxLength} characters that start at {@code at}. */
    public static void duplicateSpan(StringBuilder text, int at, int maxLength, Random random) {
        int end = Math.min(text.length(), at + 1 + random.nextInt(maxLength));
        text.insert(at, text.substring(at, end));
    }

    /** Replaces the character at {@code at}, when there is one, with a random ASCII or BMP character. */
    public static void replaceWithRandomChar(StringBuilder text, int at, Random random) {
        if (at < text.length()) {
            text.setCharAt(at, (char) random.nextInt(random.nextBoolean() ? 0x80 : 0x10000));
        }
    }

    /** {@code input} with line ends and NULs made visible, cut to 200 characters. */
    public static String shown(String input) {
        String visible = input.replace("\n", "⏎").replace("\0", "␀").replace("\r", "␍");
        return visible.length() <= 200 ? visible : visible.substring(0, 200) + "… (" + input.length() + " chars)";
    }
}
