package io.emospectrum.fusion.clip;

import io.emospectrum.conversation.Conversation;
import io.emospectrum.conversation.ConversationAnalysis;
import io.emospectrum.conversation.Turn;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.fusion.subtitle.SubtitleCue;
import io.emospectrum.fusion.subtitle.Subtitles;
import io.emospectrum.media.javacv.MediaGrabber;
import io.emospectrum.media.javacv.MediaGrabberFactory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One {@link ClipAnalyzer#analyze} call: opens the clip, reads the subtitles, runs the
 * {@link ClipDecoder} into a {@link FaceWorker} and a {@link VoiceWorker}, and reports what the clip
 * lacked. The parts share a {@link ClipTimeline} (results) and {@link ClipMetrics} (timings).
 */
final class ClipRun {
    /** The speaker of subtitle cues whose file names none: they are read as one speaker's turns. */
    static final String ONE_SPEAKER = "subtitles";
    private final ClipSettings settings;
    private final ClipExtractors extractors;
    private final Path clip;
    private final Path subtitleFile;
    private final List<SubtitleCue> givenCues;
    private final ClipListener listener;
    private final ClipMetrics metrics = new ClipMetrics();

    ClipRun(ClipSettings settings, ClipExtractors extractors, Path clip, Path subtitleFile, List<SubtitleCue> givenCues,
            ClipListener listener) {
        this.settings = settings;
        this.extractors = extractors;
        this.clip = clip;
        this.subtitleFile = subtitleFile;
        this.givenCues = givenCues;
        this.listener = listener == null ? ClipListener.NONE : listener;
    }

    /** The opener for clips: pictures as BGR, sound resampled (and mixed down) as the settings say. */
    private MediaGrabberFactory grabbers() {
        return MediaGrabberFactory.builder().describedAs("clip").bgrImages()
                .resampledAudio(settings.audioSampleRate(), settings.monoAudio() ? 1 : 0).build();
    }

    ClipSummary run() {
        try (MediaGrabber media = grabbers().open(clip)) {
            return analyze(media);
        }
    }

    private ClipSummary analyze(MediaGrabber media) {
        boolean hasVideo = media.hasVideo();
        boolean hasAudio = media.hasAudio();
        double frameScale = media.scaleImagesTo(settings.maxFrameSide());
        boolean readFaces = hasVideo && extractors.face().isPresent();
        boolean readVoice = hasAudio && extractors.voice().isPresent();
        Set<Modality> awaiting = EnumSet.noneOf(Modality.class);
        if (readFaces) {
            awaiting.add(Modality.FACE);
        }
        if (readVoice) {
            awaiting.add(Modality.VOICE);
        }
        ClipTimeline timeline = new ClipTimeline(settings.grid(), settings.fuser(), awaiting, settings.monoAudio(),
                listener, metrics);
        if (!hasVideo) {
            timeline.issue(ClipIssue.Kind.NO_VIDEO, "the clip has no video stream: no face is read");
        } else if (extractors.face().isEmpty()) {
            timeline.issue(ClipIssue.Kind.NO_EXTRACTOR, "no face extractor is available: faces are not read "
                    + "(add io.emospectrum:modality-image)");
        }
        if (!hasAudio) {
            timeline.issue(ClipIssue.Kind.NO_AUDIO, "the clip has no sound track: no voice is read");
        } else if (extractors.voice().isEmpty()) {
            timeline.issue(ClipIssue.Kind.NO_EXTRACTOR, "no voice extractor is available: the sound track is not read "
                    + "(add io.emospectrum:modality-audio)");
        }

        List<SubtitleCue> cues = readSubtitles(timeline);

        FaceWorker faces = readFaces ? new FaceWorker(extractors.face().get().openTracker(), frameScale,
                settings.faceBatch(), timeline, metrics) : null;
        VoiceWorker voices = readVoice ? new VoiceWorker(extractors.voice().get(), settings.maxVoiceLagSeconds(),
                timeline, metrics) : null;
        ClipDecoder.Decoded decoded;
        try {
            decoded = new ClipDecoder(media, timeline, metrics).decode(settings.faceFramesPerSecond(),
                    faces == null ? null : faces::add, voices == null ? null : voices::submit);
            if (faces != null) {
                faces.finish();
            }
            if (voices != null) {
                voices.finish();
            }
        } catch (RuntimeException e) {
            if (faces != null) {
                faces.abort();
            }
            if (voices != null) {
                voices.abort();
            }
            throw e;
        }

        double duration = decoded.duration();
        checkTruncation(media, timeline, duration);
        if (cues != null) {
            fitSubtitles(cues, duration, timeline);
        }
        timeline.finish(duration);
        if (faces != null && decoded.framesAnalyzed() > 0 && timeline.count(Modality.FACE) == 0) {
            timeline.issue(ClipIssue.Kind.NO_FACES, "no face was found in the " + decoded.framesAnalyzed()
                    + " frames analyzed: the timeline has no face evidence");
        }
        if (voices != null && decoded.audioSeconds() > 0 && timeline.count(Modality.VOICE) == 0) {
            timeline.issue(ClipIssue.Kind.NO_VOICE, String.format(Locale.ROOT, "the voice extractor scored no window of "
                    + "the %.1f s sound track (silence?): the timeline has no voice evidence", decoded.audioSeconds()));
        }
        long late = timeline.lateReadings();
        if (late > 0) {
            timeline.issue(ClipIssue.Kind.LATE_READINGS, late + " reading(s) arrived after their window was emitted "
                    + "(voice more than " + settings.maxVoiceLagSeconds() + " s behind the sound decoded)");
        }
        return new ClipSummary(clip, duration, hasVideo, hasAudio, media.width(), media.height(), decoded.framesDecoded(),
                decoded.framesAnalyzed(), timeline.readingCounts(), timeline.windows(), timeline.subjects(),
                timeline.issues(), late, metrics.timings());
    }

    /** A clip whose index points past the end of the file was cut short; one that decodes to nothing is unreadable. */
    private static void checkTruncation(MediaGrabber media, ClipTimeline timeline, double decodedSeconds) {
        var cut = media.truncation();
        if (decodedSeconds == 0 || cut.isPresent()) {
            double declared = media.declaredSeconds();
            timeline.issue(ClipIssue.Kind.TRUNCATED, String.format(Locale.ROOT, "truncated or unreadable stream: %.2f s "
                    + "decoded%s; the timeline holds what could be read", decodedSeconds,
                    cut.isPresent() ? ", " + cut.get().describe()
                            : Double.isNaN(declared) ? "" : String.format(Locale.ROOT, " of the %.2f s the container declares", declared)));
        }
    }

    private static void fitSubtitles(List<SubtitleCue> cues, double duration, ClipTimeline timeline) {
        int pastEnd = Subtitles.fitTo(cues, duration).pastEnd();
        if (pastEnd > 0) {
            timeline.issue(ClipIssue.Kind.SUBTITLES_PAST_END, String.format(Locale.ROOT, "%d subtitle cue(s) run past the "
                    + "end of the clip (%.2f s): the timeline stops there", pastEnd, duration));
        }
    }

    /**
     * Reads and scores the subtitles; their readings go into the timeline before decoding starts.
     * Returns the cues read (to check against the clip's length once it is known: containers'
     * declared durations can be wrong), or null when there are none to read.
     */
    private List<SubtitleCue> readSubtitles(ClipTimeline timeline) {
        List<SubtitleCue> cues = givenCues;
        if (cues == null && subtitleFile != null) {
            try {
                cues = Subtitles.read(subtitleFile);
            } catch (InvalidInputException e) {
                timeline.issue(ClipIssue.Kind.SUBTITLES_UNREADABLE, "subtitles not used: " + e.getMessage());
                return null;
            }
        }
        if (cues == null || cues.isEmpty()) {
            return null;
        }
        if (extractors.text().isEmpty()) {
            timeline.issue(ClipIssue.Kind.NO_EXTRACTOR, "no text extractor is available: the subtitles are not read "
                    + "(add io.emospectrum:modality-text)");
            return null;
        }
        long t0 = System.nanoTime();
        // the cues are the turns of a conversation: each is read with the lines before it
        Conversation.Builder dialogue = Conversation.builder();
        for (SubtitleCue c : cues) {
            dialogue.turn(new Turn(c.speakerName().orElse(ONE_SPEAKER), c.text(), c.time()));
        }
        ConversationAnalysis analysis = extractors.text().get().analyzeConversation(dialogue.build());
        metrics.record(ClipMetrics.Phase.TEXT, System.nanoTime() - t0);
        for (int i = 0; i < cues.size(); i++) {
            EmotionReading r = analysis.turns().get(i).reading();
            // a speaker the file did not name is no subject
            timeline.reading(cues.get(i).speaker() != null ? r : r.toBuilder().subject(null).build());
        }
        return cues;
    }
}
