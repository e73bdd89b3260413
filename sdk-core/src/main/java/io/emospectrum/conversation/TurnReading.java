package io.emospectrum.conversation;

import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.TextAnalysis;

import java.util.Objects;

/**
 * The reading of one turn.
 *
 * @param index   the turn's position in the conversation, from 0
 * @param turn    the turn
 * @param reading the turn read with its context: character span over the turn's text, the turn's
 *                time (when it has one), the speaker as subject, the model's own label scores of
 *                the turn alone
 * @param alone   the turn's text read alone, with its segments and language
 */
public record TurnReading(int index, Turn turn, EmotionReading reading, TextAnalysis alone) {
    public TurnReading {
        Objects.requireNonNull(turn, "turn");
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(alone, "alone");
    }

    public String speaker() {
        return turn.speaker();
    }
}
