package io.github.rwsplit.internal.config;

/** Renders the option reference table of docs/configuration.md from {@link Options}. */
public final class OptionReference {
    public static final String BEGIN = "<!-- options:begin (generated from Options.java; do not edit by hand) -->";
    public static final String END = "<!-- options:end -->";

    private OptionReference() {
    }

    public static String markdownTable() {
        StringBuilder table = new StringBuilder();
        table.append("| key | default | accepted values | meaning |\n");
        table.append("|---|---|---|---|\n");
        for (Option<?> option : Options.all()) {
            table.append("| `").append(option.key()).append("` | ").append(code(option))
                    .append(" | ").append(escape(option.type().accepted()))
                    .append(" | ").append(escape(option.doc())).append(" |\n");
        }
        return table.toString();
    }

    private static String code(Option<?> option) {
        return option.defaultValue() == null ? option.defaultText() : "`" + option.defaultText() + "`";
    }

    /** A '|' would end the cell, and a '<' would open an HTML tag that hides what follows (name=<clusterName>). */
    private static String escape(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
