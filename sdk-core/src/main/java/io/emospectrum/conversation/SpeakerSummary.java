package io.emospectrum.conversation;

import io.emospectrum.spectrum.EmotionReading;

/**
 * One speaker's part of a conversation.
 *
 * @param speaker the speaker
 * @param overall the confidence-weighted mean of the speaker's turn readings (spectrum, valence and
 *                arousal); its confidence is the mean confidence of those turns; its span covers
 *                their times when every turn has one
 * @param turns   how many turns the speaker spoke
 */
public record SpeakerSummary(String speaker, EmotionReading overall, int turns) {
}
