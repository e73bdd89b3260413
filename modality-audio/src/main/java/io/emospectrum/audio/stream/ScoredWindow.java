package io.emospectrum.audio.stream;

import io.emospectrum.audio.features.VoiceActivity;

/**
 * A window the net scored, before it becomes a reading.
 *
 * @param start        seconds from the start of the source
 * @param end          seconds from the start of the source
 * @param probabilities the model's label probabilities
 * @param activity     how much of the window is speech
 */
public record ScoredWindow(double start, double end, float[] probabilities, VoiceActivity activity) {
}
