package io.emospectrum.tools.voice;

import java.nio.file.Path;

/**
 * One RAVDESS speech clip, its label and actor parsed from the file name
 * {@code 03-01-EE-II-SS-RR-AA.wav} (EE emotion 01-08, AA actor).
 *
 * @param file    the WAV file
 * @param label   index into {@link RavdessCorpus#LABELS}
 * @param actor   1-24
 */
public record RavdessClip(Path file, int label, int actor) {
}
