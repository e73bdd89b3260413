package io.emospectrum.fusion.clip;

import io.emospectrum.conversation.Conversation;
import io.emospectrum.conversation.ConversationAnalysis;
import io.emospectrum.conversation.Turn;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.fusion.FusedReading;
import io.emospectrum.fusion.align.TimelineAligner;
import io.emospectrum.fusion.subtitle.SubtitleCue;
import io.emospectrum.fusion.subtitle.Subtitles;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.BoundingBox;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.FaceTracker;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.spi.VoiceStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** The state of one {@link ClipAnalyzer#analyze} call. */
final class ClipRun {
    /** Batches of frames queued for the face tracker at most: one, so decoding never runs far ahead. */
    /** The speaker of subtitle cues whose file names none: they are read as one speaker's turns. */
    static final String ONE_SPEAKER = "subtitles";
    private static final int FACE_QUEUE = 1;
    /** Decoded bytes a face batch holds at most (fewer frames per batch for large frames). */
    private static final long FACE_BATCH_BYTES = 32L << 20;
    private static final int VOICE_QUEUE = 16;

    private final ClipAnalyzer config;
    private final Path clip;
    private final Path subtitleFile;
    private final List<SubtitleCue> givenCues;
    private final ClipListener listener;

    private final Object lock = new Object();
    private final List<ClipIssue> issues = new ArrayList<>();
    private final EnumMap<Modality, Long> readingCounts = new EnumMap<>(Modality.class);
    private final Map<String, SubjectTotals> subjects = new HashMap<>();
    private TimelineAligner aligner;
    private long windows;
    /** The cues read, to check against the clip's length once it is known. */
    private List<SubtitleCue> fedCues;
    /** Once decoding is over: where the clip ends; windows from there on carry only cue overhang. */
    private double clipEnd = Double.POSITIVE_INFINITY;

    private final AtomicLong decodeNanos = new AtomicLong();
    private final AtomicLong faceNanos = new AtomicLong();
    private final AtomicLong voiceNanos = new AtomicLong();
    private final AtomicLong textNanos = new AtomicLong();
    private final AtomicLong fusionNanos = new AtomicLong();

    ClipRun(ClipAnalyzer config, Path clip, Path subtitleFile, List<SubtitleCue> givenCues, ClipListener listener) {
        this.config = config;
        this.clip = clip;
        this.subtitleFile = subtitleFile;
        this.givenCues = givenCues;
        this.listener = listener == null ? ClipListener.NONE : listener;
    }

    ClipSummary run() {
        long wallStart = System.nanoTime();
        if (!Files.isRegularFile(clip)) {
            throw new InvalidInputException("no such clip file: " + clip);
        }
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
            grabber.setSampleRate(config.audioSampleRate());
            if (config.monoAudio()) {
                grabber.setAudioChannels(1);
            }
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw new UnsupportedMediaException("cannot open clip " + clip + " (not a media file FFmpeg reads?): "
                        + e.getMessage(), e);
            }
            return analyze(grabber, wallStart);
        } catch (FrameGrabber.Exception e) {
            throw new UnsupportedMediaException("cannot decode clip " + clip + ": " + e.getMessage(), e);
        }
    }

    private ClipSummary analyze(FFmpegFrameGrabber grabber, long wallStart) throws FrameGrabber.Exception {
        boolean hasVideo = grabber.hasVideo();
        boolean hasAudio = grabber.hasAudio();
        int width = hasVideo ? grabber.getImageWidth() : 0;
        int height = hasVideo ? grabber.getImageHeight() : 0;
        double frameScale = 1;
        int maxSide = config.maxFrameSide();
        if (hasVideo && maxSide > 0 && Math.max(width, height) > maxSide) {
            frameScale = maxSide / (double) Math.max(width, height);
            // FFmpeg scales while it converts pixels: cheaper than converting at full size
            grabber.setImageWidth(Math.max(1, (int) Math.round(width * frameScale)));
            grabber.setImageHeight(Math.max(1, (int) Math.round(height * frameScale)));
        }
        if (!hasVideo && !hasAudio) {
            throw new UnsupportedMediaException("clip " + clip + " has neither a video stream nor a sound track");
        }
        double declared = grabber.getLengthInTime() > 0 ? grabber.getLengthInTime() / 1e6 : Double.NaN;
        boolean readFaces = hasVideo && config.face().isPresent();
        boolean readVoice = hasAudio && config.voice().isPresent();
        if (!hasVideo) {
            issue(ClipIssue.Kind.NO_VIDEO, "the clip has no video stream: no face is read");
        } else if (config.face().isEmpty()) {
            issue(ClipIssue.Kind.NO_EXTRACTOR, "no face extractor is available: faces are not read "
                    + "(add io.emospectrum:modality-image)");
        }
        if (!hasAudio) {
            issue(ClipIssue.Kind.NO_AUDIO, "the clip has no sound track: no voice is read");
        } else if (config.voice().isEmpty()) {
            issue(ClipIssue.Kind.NO_EXTRACTOR, "no voice extractor is available: the sound track is not read "
                    + "(add io.emospectrum:modality-audio)");
        }
        Set<Modality> awaiting = EnumSet.noneOf(Modality.class);
        if (readFaces) {
            awaiting.add(Modality.FACE);
        }
        if (readVoice) {
            awaiting.add(Modality.VOICE);
        }
        aligner = TimelineAligner.builder()
                .grid(config.grid())
                .fuser(config.fuser())
                // one sound track and a transcript: who speaks is not known, so they join every face
                .broadcast(config.monoAudio() ? Set.of(Modality.VOICE, Modality.TEXT) : Set.of(Modality.TEXT))
                .awaiting(awaiting)
                .listener(this::window)
                .build();

        readSubtitles();

        FaceEmotionExtractor faceExtractor = config.face().orElse(null);
        VoiceEmotionExtractor voiceExtractor = config.voice().orElse(null);
        FacePipeline faces = readFaces ? new FacePipeline(faceExtractor.openTracker(), frameScale) : null;
        VoicePipeline voices = readVoice ? new VoicePipeline(voiceExtractor) : null;
        Decoded decoded;
        try {
            decoded = decode(grabber, declared, faces, voices);
            if (faces != null) {
                faces.stage.finish();
            }
            if (voices != null) {
                voices.stage.finish();
            }
        } catch (RuntimeException e) {
            if (faces != null) {
                faces.stage.abort();
            }
            if (voices != null) {
                voices.stage.abort();
            }
            throw e;
        }
        double duration = Math.max(decoded.videoSeconds, decoded.audioSeconds);
        checkTruncation(grabber, declared, duration);
        if (fedCues != null) {
            fitSubtitles(fedCues, duration);
        }
        synchronized (lock) {
            clipEnd = duration;
            timedFusion(() -> aligner.finish());
        }
        if (faces != null && decoded.framesAnalyzed > 0 && count(Modality.FACE) == 0) {
            issue(ClipIssue.Kind.NO_FACES, "no face was found in the " + decoded.framesAnalyzed
                    + " frames analyzed: the timeline has no face evidence");
        }
        if (voices != null && decoded.audioSeconds > 0 && count(Modality.VOICE) == 0) {
            issue(ClipIssue.Kind.NO_VOICE, String.format(Locale.ROOT, "the voice extractor scored no window of the "
                    + "%.1f s sound track (silence?): the timeline has no voice evidence", decoded.audioSeconds));
        }
        if (aligner.lateReadings() > 0) {
            issue(ClipIssue.Kind.LATE_READINGS, aligner.lateReadings() + " reading(s) arrived after their window was "
                    + "emitted (voice more than " + config.maxVoiceLagSeconds() + " s behind the sound decoded)");
        }
        ClipTimings timings = new ClipTimings(seconds(decodeNanos), seconds(faceNanos), seconds(voiceNanos),
                seconds(textNanos), seconds(fusionNanos), (System.nanoTime() - wallStart) / 1e9);
        List<SubjectSummary> subjectSummaries = new ArrayList<>();
        subjects.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(e -> subjectSummaries.add(e.getValue().summary(e.getKey())));
        return new ClipSummary(clip, duration, hasVideo, hasAudio, width, height, decoded.framesDecoded, decoded.framesAnalyzed,
                readingCounts, windows, subjectSummaries, issues, aligner.lateReadings(), timings);
    }

    /**
     * A clip whose index points past the end of the file was cut short; one that decodes to nothing
     * is unreadable. (Declared durations are no measure: muxers write wrong ones.)
     */
    private void checkTruncation(FFmpegFrameGrabber grabber, double declared, double decodedSeconds) {
        long indexEnd = indexedEnd(grabber.getFormatContext());
        long size;
        try {
            size = java.nio.file.Files.size(clip);
        } catch (java.io.IOException e) {
            size = Long.MAX_VALUE;
        }
        if (decodedSeconds == 0 || indexEnd > size) {
            issue(ClipIssue.Kind.TRUNCATED, String.format(Locale.ROOT, "truncated or unreadable stream: %.2f s decoded%s; "
                    + "the timeline holds what could be read", decodedSeconds,
                    indexEnd > size ? String.format(Locale.ROOT, ", the file ends at byte %d of the %d its index covers", size, indexEnd)
                            : Double.isNaN(declared) ? "" : String.format(Locale.ROOT, " of the %.2f s the container declares", declared)));
        }
    }

    /** The end of the last packet the container's index lists, over all streams; -1 without an index. */
    static long indexedEnd(org.bytedeco.ffmpeg.avformat.AVFormatContext oc) {
        long end = -1;
        if (oc == null) {
            return end;
        }
        for (int i = 0; i < oc.nb_streams(); i++) {
            org.bytedeco.ffmpeg.avformat.AVStream st = oc.streams(i);
            int n = org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count(st);
            if (n > 0) {
                org.bytedeco.ffmpeg.avformat.AVIndexEntry e = org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry(st, n - 1);
                if (e != null && !e.isNull() && e.pos() >= 0) {
                    end = Math.max(end, e.pos() + e.size());
                }
            }
        }
        return end;
    }

    private void fitSubtitles(List<SubtitleCue> cues, double duration) {
        int pastEnd = Subtitles.fitTo(cues, duration).pastEnd();
        if (pastEnd > 0) {
            issue(ClipIssue.Kind.SUBTITLES_PAST_END, String.format(Locale.ROOT, "%d subtitle cue(s) run past the "
                    + "end of the clip (%.2f s): the timeline stops there", pastEnd, duration));
        }
    }

    /** Reads, fits and scores the subtitles; their readings go into the aligner before decoding starts. */
    private void readSubtitles() {
        List<SubtitleCue> cues = givenCues;
        if (cues == null && subtitleFile != null) {
            try {
                cues = Subtitles.read(subtitleFile);
            } catch (InvalidInputException e) {
                issue(ClipIssue.Kind.SUBTITLES_UNREADABLE, "subtitles not used: " + e.getMessage());
                return;
            }
        }
        if (cues == null || cues.isEmpty()) {
            return;
        }
        if (config.text().isEmpty()) {
            issue(ClipIssue.Kind.NO_EXTRACTOR, "no text extractor is available: the subtitles are not read "
                    + "(add io.emospectrum:modality-text)");
            return;
        }
        // checked against the length decoded at the end: containers' declared durations can be wrong
        fedCues = cues;
        TextEmotionExtractor textExtractor = config.text().get();
        long t0 = System.nanoTime();
        // the cues are the turns of a conversation: each is read with the lines before it
        Conversation.Builder dialogue = Conversation.builder();
        for (SubtitleCue c : cues) {
            dialogue.turn(new Turn(c.speakerName().orElse(ONE_SPEAKER), c.text(), c.time()));
        }
        ConversationAnalysis analysis = textExtractor.analyzeConversation(dialogue.build());
        textNanos.addAndGet(System.nanoTime() - t0);
        synchronized (lock) {
            for (int i = 0; i < cues.size(); i++) {
                EmotionReading r = analysis.turns().get(i).reading();
                // a speaker the file did not name is no subject
                reading(cues.get(i).speaker() != null ? r : r.toBuilder().subject(null).build());
            }
        }
    }

    private record Decoded(long framesDecoded, long framesAnalyzed, double videoSeconds, double audioSeconds) {
    }

    private Decoded decode(FFmpegFrameGrabber grabber, double declared, FacePipeline faces, VoicePipeline voices)
            throws FrameGrabber.Exception {
        long framesDecoded = 0;
        long framesAnalyzed = 0;
        long audioFrames = 0;
        int audioRate = 0;
        double videoSeconds = 0;
        double nextFaceTime = 0;
        double facePeriod = 1 / config.faceFramesPerSecond();
        double nextProgress = 0;
        while (true) {
            long t0 = System.nanoTime();
            Frame f = grabber.grab();
            if (f == null) {
                decodeNanos.addAndGet(System.nanoTime() - t0);
                break;
            }
            double t = Math.max(0, f.timestamp / 1e6);
            if (f.image != null) {
                framesDecoded++;
                videoSeconds = Math.max(videoSeconds, t);
                if (faces != null && t >= nextFaceTime - 1e-6) {
                    ImageFrame frame = JavaCvFrames.image(f, t);
                    decodeNanos.addAndGet(System.nanoTime() - t0);
                    while (nextFaceTime <= t + 1e-6) {
                        nextFaceTime += facePeriod;
                    }
                    framesAnalyzed++;
                    faces.add(frame);
                } else {
                    decodeNanos.addAndGet(System.nanoTime() - t0);
                }
            } else if (f.samples != null) {
                if (voices != null) {
                    // sample counts, not packet timestamps, place the chunks: no drift, no gaps
                    AudioBuffer chunk = JavaCvFrames.audio(f, audioRate == 0 ? 0 : audioFrames / (double) audioRate);
                    audioRate = chunk.sampleRate();
                    audioFrames += chunk.frames();
                    decodeNanos.addAndGet(System.nanoTime() - t0);
                    voices.stage.submit(chunk);
                } else {
                    audioRate = f.sampleRate;
                    audioFrames += f.samples[0].limit() / Math.max(1, f.audioChannels);
                    decodeNanos.addAndGet(System.nanoTime() - t0);
                }
            } else {
                decodeNanos.addAndGet(System.nanoTime() - t0);
            }
            if (t >= nextProgress) {
                progress(t, declared);
                nextProgress = t + 1;
            }
        }
        if (faces != null) {
            faces.flush();
        }
        double audioSeconds = audioRate == 0 ? 0 : audioFrames / (double) audioRate;
        // the last frame is shown for one frame period
        double frameRate = grabber.getFrameRate();
        if (framesDecoded > 0 && frameRate > 0) {
            videoSeconds += 1 / frameRate;
        }
        progress(Math.max(videoSeconds, audioSeconds), declared);
        return new Decoded(framesDecoded, framesAnalyzed, videoSeconds, audioSeconds);
    }

    /**
     * Sampled frames through the face tracker, on their own thread, in batches (the tracker sends a
     * batch's faces through its networks together and runs its detector on the frames due).
     */
    private final class FacePipeline {
        final Stage<List<ImageFrame>> stage;
        private List<ImageFrame> batch = new ArrayList<>();

        FacePipeline(FaceTracker tracker, double frameScale) {
            stage = new Stage<>("face", FACE_QUEUE, frames -> {
                long t0 = System.nanoTime();
                List<List<EmotionReading>> found = tracker.acceptAll(frames);
                faceNanos.addAndGet(System.nanoTime() - t0);
                synchronized (lock) {
                    for (int i = 0; i < frames.size(); i++) {
                        ImageFrame frame = frames.get(i);
                        TimeSpan instant = new TimeSpan(frame.timestampSeconds(), frame.timestampSeconds());
                        for (EmotionReading r : found.get(i)) {
                            Span span = r.span().time() != null ? r.span() : r.span().withTime(instant);
                            BoundingBox b = span.box();
                            if (b != null && frameScale != 1) {
                                // back to the clip's pixel coordinates
                                span = span.withBox(new BoundingBox((float) (b.x() / frameScale), (float) (b.y() / frameScale),
                                        (float) (b.width() / frameScale), (float) (b.height() / frameScale)));
                            }
                            reading(span == r.span() ? r : r.toBuilder().span(span).build());
                        }
                    }
                    double last = frames.get(frames.size() - 1).timestampSeconds();
                    timedFusion(() -> aligner.advance(Modality.FACE, last));
                }
            }, () -> { }, tracker::close);
        }

        /** Queues a frame; a full batch goes to the tracker. */
        void add(ImageFrame frame) {
            batch.add(frame);
            long frameBytes = (long) frame.width() * frame.height() * frame.format().channels();
            int size = (int) Math.max(1, Math.min(config.faceBatch(), FACE_BATCH_BYTES / Math.max(1, frameBytes)));
            if (batch.size() >= size) {
                flush();
            }
        }

        /** Sends the frames queued so far. */
        void flush() {
            if (!batch.isEmpty()) {
                List<ImageFrame> full = batch;
                batch = new ArrayList<>();
                stage.submit(List.copyOf(full));
            }
        }
    }

    /** The sound track through the voice stream, on its own thread; the stream opens on the first chunk. */
    private final class VoicePipeline {
        final Stage<AudioBuffer> stage;
        private VoiceStream stream;
        private long callbackNanos;

        VoicePipeline(VoiceEmotionExtractor extractor) {
            stage = new Stage<>("voice", VOICE_QUEUE, chunk -> {
                long t0 = System.nanoTime();
                callbackNanos = 0;
                if (stream == null) {
                    stream = extractor.openStream(chunk.sampleRate(), chunk.channels(), this::voiceReading);
                }
                stream.accept(chunk);
                voiceNanos.addAndGet(System.nanoTime() - t0 - callbackNanos);
                double heard = chunk.startSeconds() + chunk.durationSeconds();
                synchronized (lock) {
                    timedFusion(() -> aligner.advance(Modality.VOICE, heard - config.maxVoiceLagSeconds()));
                }
            }, this::flush, this::closeQuietly);
        }

        private void voiceReading(EmotionReading r) {
            long t0 = System.nanoTime();
            synchronized (lock) {
                reading(r);
                TimeSpan t = r.span().time();
                if (t != null) {
                    // voice windows come in time order: later ones start no earlier than this one
                    timedFusion(() -> aligner.advance(Modality.VOICE, t.start()));
                }
            }
            callbackNanos += System.nanoTime() - t0;
        }

        private void flush() {
            if (stream != null) {
                long t0 = System.nanoTime();
                callbackNanos = 0;
                VoiceStream s = stream;
                stream = null;
                s.close(); // emits the last partial window
                voiceNanos.addAndGet(System.nanoTime() - t0 - callbackNanos);
            }
        }

        private void closeQuietly() {
            if (stream != null) {
                VoiceStream s = stream;
                stream = null;
                s.close();
            }
        }
    }

    /** A modality reading: counted, passed on, aligned. Called under {@link #lock}. */
    private void reading(EmotionReading r) {
        readingCounts.merge(r.modality(), 1L, Long::sum);
        listener.onReading(r);
        if (r.span().time() == null) {
            return; // nothing to place it by (the extractor gave no time): passed on, not fused
        }
        timedFusion(() -> aligner.accept(r));
    }

    /** A fused window from the aligner (under {@link #lock}). */
    private void window(FusedReading w) {
        if (w.reading().span().time().start() >= clipEnd) {
            return; // only subtitle overhang past the clip's end (reported as SUBTITLES_PAST_END)
        }
        windows++;
        subjects.computeIfAbsent(w.reading().subject(), s -> new SubjectTotals()).add(w);
        listener.onWindow(w);
    }

    private void issue(ClipIssue.Kind kind, String message) {
        ClipIssue issue = new ClipIssue(kind, message);
        synchronized (lock) {
            issues.add(issue);
            listener.onIssue(issue);
        }
    }

    /** Under the lock like every listener call: the listener is never called concurrently. */
    private void progress(double seconds, double declared) {
        synchronized (lock) {
            listener.onProgress(seconds, declared);
        }
    }

    private long count(Modality m) {
        synchronized (lock) {
            return readingCounts.getOrDefault(m, 0L);
        }
    }

    private void timedFusion(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        fusionNanos.addAndGet(System.nanoTime() - t0);
    }

    private static double seconds(AtomicLong nanos) {
        return nanos.get() / 1e9;
    }

    /** Running sums for one subject's summary. */
    private static final class SubjectTotals {
        private final double[] vector = new double[Spectrum.VECTOR_LENGTH];
        private final EnumMap<Modality, Long> byModality = new EnumMap<>(Modality.class);
        private double disagreement;
        private long windows;

        void add(FusedReading w) {
            float[] v = w.reading().vector();
            for (int i = 0; i < v.length; i++) {
                vector[i] += v[i];
            }
            disagreement += w.disagreement();
            windows++;
            w.modalities().forEach(m -> byModality.merge(m, 1L, Long::sum));
        }

        SubjectSummary summary(String subject) {
            float[] p = new float[EmotionCategory.COUNT];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (vector[i] / windows);
            }
            Spectrum mean = Spectrum.of(p, (float) (vector[7] / windows), (float) (vector[8] / windows));
            return new SubjectSummary(subject, windows, mean, disagreement / windows, byModality);
        }
    }
}
