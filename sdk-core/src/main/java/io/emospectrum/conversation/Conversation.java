package io.emospectrum.conversation;

import io.emospectrum.spectrum.TimeSpan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The turns of a conversation in the order they were spoken. Immutable; build with {@link #builder()}.
 *
 * @param turns at least one
 */
public record Conversation(List<Turn> turns) {
    public Conversation {
        turns = List.copyOf(turns);
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("a conversation needs at least one turn");
        }
    }

    public static Conversation of(List<Turn> turns) {
        return new Conversation(turns);
    }

    /** The speakers in the order they first speak. */
    public List<String> speakers() {
        LinkedHashSet<String> s = new LinkedHashSet<>();
        turns.forEach(t -> s.add(t.speaker()));
        return List.copyOf(s);
    }

    /** The turns' texts in order. */
    public List<String> texts() {
        return turns.stream().map(Turn::text).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Adds turns in the order they were spoken. */
    public static final class Builder {
        private final List<Turn> turns = new ArrayList<>();

        private Builder() {
        }

        public Builder turn(String speaker, String text) {
            return turn(Turn.of(speaker, text));
        }

        public Builder turn(String speaker, String text, double start, double end) {
            return turn(new Turn(speaker, text, new TimeSpan(start, end)));
        }

        public Builder turn(Turn turn) {
            turns.add(Objects.requireNonNull(turn, "turn"));
            return this;
        }

        public Conversation build() {
            return new Conversation(turns);
        }
    }
}
