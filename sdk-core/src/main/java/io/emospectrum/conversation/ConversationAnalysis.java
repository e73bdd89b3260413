package io.emospectrum.conversation;

import java.util.List;
import java.util.Optional;

/**
 * The reading of a conversation: one reading per turn, in order, and one summary per speaker, in
 * the order they first speak.
 *
 * @param turns    one per turn of the conversation
 * @param speakers one per speaker
 * @param context  the context window the turns were read with
 */
public record ConversationAnalysis(List<TurnReading> turns, List<SpeakerSummary> speakers, ContextWindow context) {
    public ConversationAnalysis {
        turns = List.copyOf(turns);
        speakers = List.copyOf(speakers);
    }

    public Optional<SpeakerSummary> speaker(String name) {
        return speakers.stream().filter(s -> s.speaker().equals(name)).findFirst();
    }
}
