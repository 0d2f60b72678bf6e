package io.github.rwsplit.internal.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The value types options are declared with. */
final class ValueTypes {
    private ValueTypes() {
    }

    /** A duration: 500ms, 2s, 1m, 1h, or a bare number of milliseconds, within bounds. */
    static ValueType<Duration> duration(Duration min, Duration max, boolean zeroAllowed) {
        return new ValueType<>() {
            @Override
            public Duration parse(String key, String text) throws ConfigProblem {
                Duration value = parseDuration(text);
                if (value == null || !(value.isZero() && zeroAllowed) && (value.compareTo(min) < 0
                        || value.compareTo(max) > 0)) {
                    throw ValueType.invalid(key, text, accepted());
                }
                return value;
            }

            @Override
            public String accepted() {
                String range = max.equals(MAX_DURATION) ? "at least " + formatDuration(min)
                        : "from " + formatDuration(min) + " to " + formatDuration(max);
                return "a duration such as 500ms, 2s or 1m (a bare number means milliseconds), " + range
                        + (zeroAllowed && !min.isZero() ? ", or 0" : "");
            }

            @Override
            public String format(Duration value) {
                return formatDuration(value);
            }
        };
    }

    static final Duration MAX_DURATION = Duration.ofDays(365);

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)?");

    static Duration parseDuration(String text) {
        var matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        if (unit == null || unit.equals("ms")) {
            return Duration.ofMillis(amount);
        }
        return switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    static String formatDuration(Duration value) {
        long millis = value.toMillis();
        if (millis == 0) {
            return "0";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    static ValueType<Integer> integer(int min, int max) {
        return new ValueType<>() {
            @Override
            public Integer parse(String key, String text) throws ConfigProblem {
                try {
                    int value = Integer.parseInt(text.trim());
                    if (value >= min && value <= max) {
                        return value;
                    }
                } catch (NumberFormatException e) {
                    // reported below with the accepted form
                }
                throw ValueType.invalid(key, text, accepted());
            }

            @Override
            public String accepted() {
                return max == Integer.MAX_VALUE ? "an integer of at least " + min
                        : "an integer from " + min + " to " + max;
            }

            @Override
            public String format(Integer value) {
                return value.toString();
            }
        };
    }

    static ValueType<Boolean> bool() {
        return new ValueType<>() {
            @Override
            public Boolean parse(String key, String text) throws ConfigProblem {
                return switch (text.trim().toLowerCase(Locale.ROOT)) {
                    case "true", "yes" -> true;
                    case "false", "no" -> false;
                    default -> throw ValueType.invalid(key, text, accepted());
                };
            }

            @Override
            public String accepted() {
                return "true or false (yes and no also work)";
            }

            @Override
            public String format(Boolean value) {
                return value.toString();
            }

            @Override
            public List<String> choices() {
                return List.of("true", "false");
            }
        };
    }

    /** An enum option, each constant spelt in the URL in lower camel case: ROUND_ROBIN is {@code roundRobin}. */
    static <E extends Enum<E>> ValueType<E> oneOf(Class<E> type) {
        E[] values = type.getEnumConstants();
        List<String> names = Arrays.stream(values).map(ValueTypes::urlName).toList();
        return new ValueType<>() {
            @Override
            public E parse(String key, String text) throws ConfigProblem {
                for (E value : values) {
                    if (names.get(value.ordinal()).equalsIgnoreCase(text.trim())) {
                        return value;
                    }
                }
                throw ValueType.invalid(key, text, accepted());
            }

            @Override
            public String accepted() {
                return "one of " + String.join(", ", choices());
            }

            @Override
            public String format(E value) {
                return names.get(value.ordinal());
            }

            @Override
            public List<String> choices() {
                return names;
            }
        };
    }

    private static String urlName(Enum<?> value) {
        StringBuilder name = new StringBuilder();
        for (String word : value.name().toLowerCase(Locale.ROOT).split("_")) {
            name.append(name.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }

    /** Comma-separated integer weights; the count is checked against the replicas once the URL is known. */
    static ValueType<List<Integer>> weights(int max) {
        return new ValueType<>() {
            @Override
            public List<Integer> parse(String key, String text) throws ConfigProblem {
                List<Integer> weights = new ArrayList<>();
                boolean anyPositive = false;
                for (String part : text.split(",", -1)) {
                    int weight;
                    try {
                        weight = Integer.parseInt(part.trim());
                    } catch (NumberFormatException e) {
                        throw ValueType.invalid(key, text, accepted());
                    }
                    if (weight < 0 || weight > max) {
                        throw ValueType.invalid(key, text, accepted());
                    }
                    anyPositive |= weight > 0;
                    weights.add(weight);
                }
                if (!anyPositive) {
                    throw ValueType.invalid(key, text, accepted());
                }
                return List.copyOf(weights);
            }

            @Override
            public String accepted() {
                return "comma-separated integers from 0 to " + max + ", one per replica in URL order, at least one"
                        + " above 0 (e.g. 3,1)";
            }

            @Override
            public String format(List<Integer> value) {
                return value.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
            }
        };
    }

    private static final Pattern TABLE = Pattern.compile("([A-Za-z0-9_$]{1,64}\\.)?[A-Za-z0-9_$]{1,64}");

    /** A table name, optionally schema-qualified; plain identifiers only, since it is written into SQL. */
    static ValueType<String> tableName() {
        return new ValueType<>() {
            @Override
            public String parse(String key, String text) throws ConfigProblem {
                String trimmed = text.trim();
                if (!TABLE.matcher(trimmed).matches()) {
                    throw ValueType.invalid(key, text, accepted());
                }
                return trimmed;
            }

            @Override
            public String accepted() {
                return "a table name, optionally schema-qualified (schema.table), of letters, digits, _ and $";
            }

            @Override
            public String format(String value) {
                return value;
            }
        };
    }

    /** Free text of printable characters. */
    static ValueType<String> text() {
        return new ValueType<>() {
            @Override
            public String parse(String key, String text) throws ConfigProblem {
                String trimmed = text.trim();
                if (trimmed.isEmpty() || trimmed.length() > 200 || !trimmed.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
                    throw ValueType.invalid(key, text, accepted());
                }
                return trimmed;
            }

            @Override
            public String accepted() {
                return "a non-empty name of up to 200 printable characters";
            }

            @Override
            public String format(String value) {
                return value;
            }
        };
    }
}
