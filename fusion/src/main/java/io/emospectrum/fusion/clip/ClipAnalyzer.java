package io.emospectrum.fusion.clip;

import io.emospectrum.fusion.ModalityReliability;
import io.emospectrum.fusion.SpectrumFuser;
import io.emospectrum.fusion.align.WindowGrid;
import io.emospectrum.fusion.pool.WeightedLinearPooling;
import io.emospectrum.fusion.subtitle.SubtitleCue;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.VoiceEmotionExtractor;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Analyzes a video clip in one pass: decodes it once (media-javacv's FFmpeg grabber), sends sampled frames to the face
 * extractor's tracker and the sound track to the voice extractor's stream, reads the subtitles (if
 * given) with the text extractor, and fuses everything onto one window grid per subject. Results
 * leave through a {@link ClipListener} as they are produced; the clip is streamed, never held.
 *
 * <p>What a clip lacks (sound, faces, readable subtitles) or an extractor that is not available is
 * reported as a {@link ClipIssue}: the timeline holds what could be read. Only a clip that cannot be
 * opened at all fails ({@link io.emospectrum.error.InvalidInputException}).
 *
 * <p>Immutable and safe to share: each {@link #analyze} call has its own decoder, tracker and
 * stream. The extractors are the caller's; the analyzer does not close them.
 */
public final class ClipAnalyzer {
    private final ClipSettings settings;
    private final ClipExtractors extractors;

    private ClipAnalyzer(ClipSettings settings, ClipExtractors extractors) {
        this.settings = settings;
        this.extractors = extractors;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Analyzes a clip without subtitles. */
    public ClipSummary analyze(Path clip, ClipListener listener) {
        return new ClipRun(settings, extractors, clip, null, null, listener).run();
    }

    /**
     * Analyzes a clip with the subtitle file {@code subtitles} (SRT or WebVTT; null for none). A file
     * that does not parse is reported as {@link ClipIssue.Kind#SUBTITLES_UNREADABLE}, cues past the
     * clip's end as {@link ClipIssue.Kind#SUBTITLES_PAST_END}.
     */
    public ClipSummary analyze(Path clip, Path subtitles, ClipListener listener) {
        return new ClipRun(settings, extractors, clip, subtitles, null, listener).run();
    }

    /** Analyzes a clip with subtitle cues already parsed. */
    public ClipSummary analyze(Path clip, List<SubtitleCue> subtitles, ClipListener listener) {
        return new ClipRun(settings, extractors, clip, null, List.copyOf(subtitles), listener).run();
    }

    public WindowGrid grid() {
        return settings.grid();
    }

    public SpectrumFuser fuser() {
        return settings.fuser();
    }

    /**
     * Configures a clip analyzer. Defaults: 1 s windows with no overlap, linear pooling with equal
     * reliabilities, faces read 5 times per second and sent to the tracker 8 frames at a time, sound
     * at 16 kHz mono, voice readings awaited up to 10 s behind the sound decoded.
     */
    public static final class Builder {
        private FaceEmotionExtractor face;
        private VoiceEmotionExtractor voice;
        private TextEmotionExtractor text;
        private WindowGrid grid = WindowGrid.DEFAULT;
        private SpectrumFuser fuser;
        private double faceFramesPerSecond = 5;
        private int audioSampleRate = 16_000;
        private boolean monoAudio = true;
        private double maxVoiceLagSeconds = 10;
        private int maxFrameSide;
        private int faceBatch = 8;

        private Builder() {
        }

        /** Reads the faces of sampled frames; null to skip faces. */
        public Builder face(FaceEmotionExtractor face) {
            this.face = face;
            return this;
        }

        /** Reads the sound track; null to skip voice. */
        public Builder voice(VoiceEmotionExtractor voice) {
            this.voice = voice;
            return this;
        }

        /** Reads the subtitle lines; null to skip text. */
        public Builder text(TextEmotionExtractor text) {
            this.text = text;
            return this;
        }

        public Builder grid(WindowGrid grid) {
            this.grid = Objects.requireNonNull(grid, "grid");
            return this;
        }

        /** The pooling strategy and reliabilities; default linear pooling, equal reliabilities. */
        public Builder fuser(SpectrumFuser fuser) {
            this.fuser = Objects.requireNonNull(fuser, "fuser");
            return this;
        }

        /** How many frames per second go to the face tracker (at most every decoded frame). */
        public Builder faceFramesPerSecond(double fps) {
            this.faceFramesPerSecond = fps;
            return this;
        }

        /** The rate the sound track is resampled to before the voice stream (voice models use 16 kHz). */
        public Builder audioSampleRate(int hz) {
            this.audioSampleRate = hz;
            return this;
        }

        /** Whether to mix the sound track down to one channel (default) or keep its channels. */
        public Builder monoAudio(boolean mono) {
            this.monoAudio = mono;
            return this;
        }

        /**
         * How far behind the decoded sound the voice stream may still deliver readings; windows
         * older than that are emitted (bounds memory when the voice extractor stays silent).
         */
        public Builder maxVoiceLagSeconds(double seconds) {
            this.maxVoiceLagSeconds = seconds;
            return this;
        }

        /**
         * Scales frames down (during FFmpeg's pixel conversion) so that their longer side is at most
         * {@code pixels} before the face tracker sees them; 0 (default) keeps the decoded size. Face
         * boxes are mapped back to the clip's pixel coordinates. Trades small faces for speed.
         */
        public Builder maxFrameSide(int pixels) {
            this.maxFrameSide = pixels;
            return this;
        }

        /**
         * How many sampled frames go to the face tracker in one call (default 8; fewer where 8 frames
         * would hold more than 32 MB of pixels). Larger batches use the networks better; each batch
         * delays the face readings by its length in time.
         */
        public Builder faceBatch(int frames) {
            this.faceBatch = frames;
            return this;
        }

        public ClipAnalyzer build() {
            ClipExtractors extractors = new ClipExtractors(face, voice, text);
            ClipSettings settings = new ClipSettings(grid,
                    fuser != null ? fuser : new SpectrumFuser(new WeightedLinearPooling(), ModalityReliability.EQUAL),
                    faceFramesPerSecond, faceBatch, maxFrameSide, audioSampleRate, monoAudio, maxVoiceLagSeconds);
            return new ClipAnalyzer(settings, extractors);
        }
    }
}
