package io.emospectrum.fusion.clip;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.fusion.SpectrumFuser;
import io.emospectrum.fusion.align.WindowGrid;
import io.emospectrum.media.ImageFrame;

import java.util.Objects;

/**
 * How one clip is read: the plain values a {@link ClipAnalyzer.Builder} collects, checked here once
 * (see the builder's methods for their meaning).
 */
record ClipSettings(WindowGrid grid, SpectrumFuser fuser, double faceFramesPerSecond, int faceBatch, int maxFrameSide,
                    int audioSampleRate, boolean monoAudio, double maxVoiceLagSeconds) {
    ClipSettings {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(fuser, "fuser");
        if (faceBatch < 1 || faceBatch > 256) {
            throw new ConfigurationException("face batch must be in [1, 256] frames, was " + faceBatch);
        }
        if (maxFrameSide != 0 && (maxFrameSide < 32 || maxFrameSide > ImageFrame.MAX_SIDE)) {
            throw new ConfigurationException("max frame side must be 0 (keep) or in [32, " + ImageFrame.MAX_SIDE
                    + "], was " + maxFrameSide);
        }
        if (!(faceFramesPerSecond > 0) || faceFramesPerSecond > 1000) {
            throw new ConfigurationException("face frames per second must be in (0, 1000], was " + faceFramesPerSecond);
        }
        if (audioSampleRate < 4000 || audioSampleRate > 192_000) {
            throw new ConfigurationException("audio sample rate must be in [4000, 192000] Hz, was " + audioSampleRate);
        }
        if (!(maxVoiceLagSeconds > 0) || Double.isInfinite(maxVoiceLagSeconds)) {
            throw new ConfigurationException("max voice lag must be a positive number of seconds, was " + maxVoiceLagSeconds);
        }
    }
}
