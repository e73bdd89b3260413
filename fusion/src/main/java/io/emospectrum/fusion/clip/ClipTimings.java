package io.emospectrum.fusion.clip;

/**
 * Where the time of one clip went, in seconds. Stages run on their own threads, so the stage
 * times can add up to more than {@code wall}.
 *
 * @param decode decoding and converting frames and samples
 * @param face   the face tracker (detection and classification)
 * @param voice  the voice stream
 * @param text   the text extractor on the subtitle lines
 * @param fusion alignment and pooling
 * @param wall   the whole analysis, start to summary
 */
public record ClipTimings(double decode, double face, double voice, double text, double fusion, double wall) {
}
