package io.emospectrum.option;

import io.emospectrum.error.InvalidOptionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One option a provider understands: a kebab-case name, a type, a default, what values are allowed
 * and one line of help; older spellings may stay as deprecated aliases. Immutable; made with the
 * typed factories ({@link #integer}, {@link #decimal}, {@link #choice}, ...), which check the
 * declaration once (a default outside its own range is a programming error).
 *
 * <pre>{@code
 * OptionKey<Integer> MAX_TOKENS = OptionKey.integer("max-tokens").range(16, 512)
 *         .help("Tokens per window").alias("maxTokens").build();
 * }</pre>
 *
 * @param <T> the parsed value's type
 */
public final class OptionKey<T> {
    /** The kinds of value an option takes. */
    public enum Type {
        INTEGER("integer"), DECIMAL("number"), BOOLEAN("boolean"), CHOICE("choice"), TEXT("text");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /** How help and {@code providers} print it. */
        public String label() {
            return label;
        }
    }

    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final String name;
    private final Type type;
    private final Function<String, T> parser;
    private final T defaultValue;
    private final String defaultNote;
    private final Double min;
    private final boolean minInclusive;
    private final Double max;
    private final boolean maxInclusive;
    private final List<String> choices;
    private final String help;
    private final List<String> aliases;

    private OptionKey(Builder<T> b, String name, List<String> aliases) {
        this.name = name;
        this.type = b.type;
        this.parser = b.parser;
        this.defaultValue = b.defaultValue;
        this.defaultNote = b.defaultNote;
        this.min = b.min;
        this.minInclusive = b.minInclusive;
        this.max = b.max;
        this.maxInclusive = b.maxInclusive;
        this.choices = List.copyOf(b.choices);
        this.help = b.help;
        this.aliases = List.copyOf(aliases);
    }

    /** A whole number ({@code int}). */
    public static Builder<Integer> integer(String name) {
        return new Builder<>(name, Type.INTEGER, s -> Integer.valueOf(s.trim()));
    }

    /** A whole number that may exceed {@code int} (pixel counts). */
    public static Builder<Long> longInteger(String name) {
        return new Builder<>(name, Type.INTEGER, s -> Long.valueOf(s.trim()));
    }

    /** A finite decimal number. */
    public static Builder<Double> decimal(String name) {
        return new Builder<>(name, Type.DECIMAL, s -> {
            double d = Double.parseDouble(s.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException("not finite");
            }
            return d;
        });
    }

    /** {@code true} or {@code false}, nothing else. */
    public static Builder<Boolean> bool(String name) {
        return new Builder<>(name, Type.BOOLEAN, s -> switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        });
    }

    /** One of a fixed set of words. */
    public static Builder<String> choice(String name, String... allowed) {
        Builder<String> b = new Builder<>(name, Type.CHOICE, String::trim);
        b.choices.addAll(List.of(allowed));
        return b;
    }

    /** Free text (a file name, a provider name checked elsewhere). */
    public static Builder<String> text(String name) {
        return new Builder<>(name, Type.TEXT, String::trim);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** The value when the option is not given; empty where the provider decides (see {@link #defaultText()}). */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The default as help prints it: the value, else the note the provider gave ("the model's"), else "none". */
    public String defaultText() {
        if (defaultValue != null) {
            return format(defaultValue);
        }
        return defaultNote != null ? defaultNote : "none";
    }

    public String help() {
        return help;
    }

    /** Older spellings still accepted, with a deprecation warning. */
    public List<String> aliases() {
        return aliases;
    }

    /** The allowed values of a choice; empty for other types. */
    public List<String> choices() {
        return choices;
    }

    /** What the option accepts, in words: "an integer in [16, 512]", "one of: int8, fp32". */
    public String allowed() {
        return switch (type) {
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of: " + String.join(", ", choices);
            case TEXT -> "text";
            case INTEGER -> "an integer" + rangeText();
            case DECIMAL -> "a number" + rangeText();
        };
    }

    private String rangeText() {
        if (min == null && max == null) {
            return "";
        }
        if (max == null) {
            return (minInclusive ? " >= " : " > ") + number(min);
        }
        if (min == null) {
            return (maxInclusive ? " <= " : " < ") + number(max);
        }
        return " in " + (minInclusive ? "[" : "(") + number(min) + ", " + number(max) + (maxInclusive ? "]" : ")");
    }

    private static String number(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private String format(T value) {
        return value instanceof Double d ? number(d) : String.valueOf(value);
    }

    /**
     * Parses and checks one raw value.
     *
     * @param owner   who declared the option (a provider name), for the message
     * @param written the name as the user wrote it (an alias, maybe)
     * @throws InvalidOptionException naming the option and what it accepts
     */
    public T parse(String owner, String written, String raw) {
        T value;
        try {
            value = parser.apply(Objects.requireNonNull(raw, "raw"));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw invalid(owner, written, raw);
        }
        if (!accepts(value)) {
            throw invalid(owner, written, raw);
        }
        return value;
    }

    private boolean accepts(T value) {
        if (type == Type.CHOICE) {
            return choices.contains((String) value);
        }
        if (type == Type.TEXT) {
            return !((String) value).isEmpty();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return (min == null || (minInclusive ? d >= min : d > min)) && (max == null || (maxInclusive ? d <= max : d < max));
        }
        return true;
    }

    private InvalidOptionException invalid(String owner, String written, String raw) {
        return new InvalidOptionException(owner + ": option '" + written + "' must be " + allowed() + ", was '" + raw + "'",
                written, allowed());
    }

    /** This key under another name (a namespace such as {@code detector-}), its aliases prefixed alike. */
    public OptionKey<T> renamed(String prefix, List<String> legacyPrefixes) {
        List<String> names = new ArrayList<>();
        for (String a : aliases) {
            names.add(prefix + a);
        }
        for (String legacy : legacyPrefixes) {
            names.add(legacy + name);
            for (String a : aliases) {
                names.add(legacy + a);
            }
        }
        return new OptionKey<>(toBuilder(), prefix + name, names);
    }

    /** This key with another help line (to say whose option it is). */
    public OptionKey<T> withHelp(String newHelp) {
        Builder<T> b = toBuilder();
        b.help = newHelp;
        return new OptionKey<>(b, name, aliases);
    }

    private Builder<T> toBuilder() {
        Builder<T> b = new Builder<>(name, type, parser);
        b.defaultValue = defaultValue;
        b.defaultNote = defaultNote;
        b.min = min;
        b.minInclusive = minInclusive;
        b.max = max;
        b.maxInclusive = maxInclusive;
        b.choices.addAll(choices);
        b.help = help;
        return b;
    }

    @Override
    public String toString() {
        return name + " (" + allowed() + "; default " + defaultText() + ")";
    }

    /** Declares a key; {@link #build()} checks the declaration. */
    public static final class Builder<T> {
        private final String name;
        private final Type type;
        private final Function<String, T> parser;
        private T defaultValue;
        private String defaultNote;
        private Double min;
        private boolean minInclusive = true;
        private Double max;
        private boolean maxInclusive = true;
        private final List<String> choices = new ArrayList<>();
        private String help = "";
        private final List<String> aliases = new ArrayList<>();

        private Builder(String name, Type type, Function<String, T> parser) {
            this.name = name;
            this.type = type;
            this.parser = parser;
        }

        public Builder<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        /** For an option whose default the provider works out (from the model, from another option): what help says. */
        public Builder<T> defaultNote(String note) {
            this.defaultNote = note;
            return this;
        }

        /** Allowed values from {@code lo} to {@code hi}, both included. */
        public Builder<T> range(double lo, double hi) {
            return min(lo).max(hi);
        }

        /** Allowed values strictly between {@code lo} and {@code hi}. */
        public Builder<T> openRange(double lo, double hi) {
            return greaterThan(lo).lessThan(hi);
        }

        public Builder<T> min(double lo) {
            this.min = lo;
            this.minInclusive = true;
            return this;
        }

        public Builder<T> greaterThan(double lo) {
            this.min = lo;
            this.minInclusive = false;
            return this;
        }

        public Builder<T> max(double hi) {
            this.max = hi;
            this.maxInclusive = true;
            return this;
        }

        public Builder<T> lessThan(double hi) {
            this.max = hi;
            this.maxInclusive = false;
            return this;
        }

        public Builder<T> help(String text) {
            this.help = Objects.requireNonNull(text, "help");
            return this;
        }

        /** An older spelling, still accepted with a warning. */
        public Builder<T> alias(String old) {
            aliases.add(old);
            return this;
        }

        public OptionKey<T> build() {
            if (!KEBAB.matcher(name).matches()) {
                throw new IllegalArgumentException("option names are kebab-case (max-tokens), not '" + name + "'");
            }
            if ((min != null || max != null) && type != Type.INTEGER && type != Type.DECIMAL) {
                throw new IllegalArgumentException(name + ": a range needs a numeric option");
            }
            if (type == Type.CHOICE && choices.isEmpty()) {
                throw new IllegalArgumentException(name + ": a choice needs its allowed values");
            }
            OptionKey<T> key = new OptionKey<>(this, name, aliases);
            if (defaultValue != null && !key.accepts(defaultValue)) {
                throw new IllegalArgumentException(name + ": default " + defaultValue + " is not " + key.allowed());
            }
            return key;
        }
    }
}
