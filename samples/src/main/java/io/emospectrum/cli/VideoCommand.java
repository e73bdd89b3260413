package io.emospectrum.cli;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.fusion.FusedReading;
import io.emospectrum.fusion.ModalityReliability;
import io.emospectrum.fusion.SpectrumFuser;
import io.emospectrum.fusion.align.WindowGrid;
import io.emospectrum.fusion.clip.ClipAnalyzer;
import io.emospectrum.fusion.clip.ClipIssue;
import io.emospectrum.fusion.clip.ClipListener;
import io.emospectrum.fusion.clip.ClipSummary;
import io.emospectrum.fusion.json.FusionJson;
import io.emospectrum.fusion.pool.PoolingStrategyProvider;
import io.emospectrum.media.javacv.NativeLogs;
import io.emospectrum.spi.EmotionExtractor;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ExtractorProvider;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.VoiceEmotionExtractor;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code emospectrum video}: decodes a clip once, reads faces, voice and (with {@code --subtitles})
 * the transcript, and writes the fused timeline: one JSON object per window and subject, then a
 * summary object ({@code --csv}: a table of the windows instead). Limitations of the clip (no sound,
 * no face, subtitles that do not parse or run past the end) are warnings on stderr and issues in the
 * summary; the timeline holds what could be read.
 */
@Command(name = "video", description = "Fused emotion timeline of a video clip (faces, voice, subtitles).",
        mixinStandardHelpOptions = true)
final class VideoCommand implements Callable<Integer> {
    /** Clips shorter than this get no progress bar. */
    private static final double PROGRESS_MIN_SECONDS = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    ExtractorOptionsMixin common;

    @Parameters(paramLabel = "FILE", arity = "1", description = "The video clip.")
    Path file;

    @Option(names = "--subtitles", paramLabel = "FILE", description = "Transcript to read with the text modality (SRT or WebVTT).")
    Path subtitles;

    @Option(names = "--csv", description = "Write the windows as a CSV table instead of JSON Lines.")
    boolean csv;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the seven categories and valence/arousal over time.")
    Path plot;

    @Option(names = "--window", paramLabel = "SECONDS", defaultValue = "1.0", description = "Window length (default: ${DEFAULT-VALUE}).")
    double window;

    @Option(names = "--hop", paramLabel = "SECONDS", description = "Window hop (default: the window length, no overlap).")
    Double hop;

    @Option(names = "--strategy", paramLabel = "NAME", description = "Pooling strategy: linear, log-linear, ... (default: ${DEFAULT-VALUE}).",
            defaultValue = "${sys:emospectrum.fusion.strategy:-linear}")
    String strategy;

    @Option(names = "--strategy-option", paramLabel = "KEY=VALUE",
            description = "An option of the pooling strategy (learned: model=FILE.json; log-linear: floor=X).")
    Map<String, String> strategyOptions = new java.util.LinkedHashMap<>();

    @Option(names = "--reliability", paramLabel = "FACE,VOICE,TEXT", split = ",",
            description = "How much each modality is trusted (default: 1,1,1).")
    List<Double> reliability;

    @Option(names = "--face-fps", paramLabel = "N", defaultValue = "5", description = "Frames per second read for faces (default: ${DEFAULT-VALUE}).")
    double faceFps;

    @Option(names = "--max-frame-side", paramLabel = "PIXELS", defaultValue = "0",
            description = "Scale frames down to this longer side before face analysis (0: keep; default: ${DEFAULT-VALUE}).")
    int maxFrameSide;

    @Option(names = "--face-provider", paramLabel = "NAME", description = "Face extractor provider (default: the highest-ranked one).")
    String faceProvider;

    @Option(names = "--voice-provider", paramLabel = "NAME", description = "Voice extractor provider (default: the highest-ranked one).")
    String voiceProvider;

    @Option(names = "--text-provider", paramLabel = "NAME", description = "Text extractor provider (default: the highest-ranked one).")
    String textProvider;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Override
    public Integer call() {
        if (common.provider != null || common.model != null || common.labelMapping != null) {
            throw new ConfigurationException("video reads three modalities: choose them with --face-provider, "
                    + "--voice-provider and --text-provider; --provider, --model and --label-mapping are per modality "
                    + "(use the image, audio and text commands for those); -O options go to the face extractor");
        }
        PrintWriter err = spec.commandLine().getErr();
        NativeLogs.configure(common.verbose);
        // -O is for the face extractor (detect-interval, detector-min-score, ...); voice and text get none
        ExtractorOptions faceOptions = common.toOptions();
        ExtractorOptions options = ExtractorOptions.builder().device(faceOptions.device()).batchSize(faceOptions.batchSize()).build();
        SpectrumFuser fuser;
        try {
            fuser = new SpectrumFuser(PoolingStrategyProvider.registry().select(strategy).create(strategyOptions), reliability());
        } catch (io.emospectrum.error.ModelLoadException e) { // the user's model file: bad input, not an internal failure
            throw new ConfigurationException("--strategy " + strategy + ": " + e.getMessage(), e);
        }
        WindowGrid grid = new WindowGrid(window, hop != null ? hop : window);
        List<EmotionExtractor> opened = new ArrayList<>();
        try {
            FaceEmotionExtractor face = open(ProviderRegistry.face(), faceProvider, faceOptions, opened);
            VoiceEmotionExtractor voice = open(ProviderRegistry.voice(), voiceProvider, options, opened);
            TextEmotionExtractor text = subtitles == null ? null : open(ProviderRegistry.text(), textProvider, options, opened);
            if (face == null && voice == null && text == null) {
                throw new io.emospectrum.error.ProviderNotFoundException("video analysis needs a face or voice extractor "
                        + "on the classpath (io.emospectrum:modality-image, io.emospectrum:modality-audio)", List.of());
            }
            ClipAnalyzer analyzer = ClipAnalyzer.builder().face(face).voice(voice).text(text)
                    .grid(grid).fuser(fuser).faceFramesPerSecond(faceFps).maxFrameSide(maxFrameSide).build();
            return run(analyzer, err);
        } finally {
            for (EmotionExtractor e : opened) {
                e.close();
            }
        }
    }

    private int run(ClipAnalyzer analyzer, PrintWriter err) {
        JsonLines out = new JsonLines(spec.commandLine().getOut());
        FusionJson json = new FusionJson(out.readings());
        TimelineCsv table = csv ? new TimelineCsv(spec.commandLine().getOut()) : null;
        TimelineChart chart = plot != null ? new TimelineChart() : null;
        Progress progress = new Progress(err);
        ClipSummary summary;
        try {
            summary = analyzer.analyze(file, subtitles, new ClipListener() {
                @Override
                public void onWindow(FusedReading w) {
                    if (table != null) {
                        table.write(w);
                    } else {
                        out.write(json.window(w));
                    }
                    if (chart != null) {
                        chart.add(w);
                    }
                }

                @Override
                public void onIssue(ClipIssue issue) {
                    progress.pause();
                    err.println("emospectrum: warning: " + file + ": " + issue.message());
                    err.flush();
                }

                @Override
                public void onProgress(double seconds, double durationSeconds) {
                    progress.update(seconds, durationSeconds);
                }
            });
        } finally {
            progress.close();
        }
        if (table == null) {
            out.write(json.summary(summary));
        }
        if (chart != null) {
            chart.save(plot, file.getFileName().toString());
        }
        return summary.issues(ClipIssue.Kind.SUBTITLES_UNREADABLE).isEmpty() && summary.issues(ClipIssue.Kind.TRUNCATED).isEmpty()
                ? EmoSpectrumCli.EXIT_OK : EmoSpectrumCli.EXIT_PARTIAL;
    }

    private ModalityReliability reliability() {
        if (reliability == null) {
            return ModalityReliability.EQUAL;
        }
        if (reliability.size() != 3) {
            throw new ConfigurationException("--reliability takes three numbers FACE,VOICE,TEXT, got " + reliability);
        }
        try {
            return ModalityReliability.of(reliability.get(0), reliability.get(1), reliability.get(2));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--reliability: " + e.getMessage());
        }
    }

    /** The named provider's extractor; with no name, the default one, or null when none is installed. */
    private static <E extends EmotionExtractor, P extends ExtractorProvider<E>> E open(
            ProviderRegistry<P> registry, String name, ExtractorOptions options, List<EmotionExtractor> opened) {
        if (name == null && registry.isEmpty() && System.getProperty(registry.selectionProperty()) == null) {
            return null; // the analyzer reports the missing modality as an issue
        }
        E e = registry.select(name).create(options);
        opened.add(e);
        return e;
    }

    /** A progress bar on stderr for clips longer than a few seconds. */
    private final class Progress {
        private final PrintWriter err;
        private ProgressBar bar;
        private boolean decided;

        Progress(PrintWriter err) {
            this.err = err;
        }

        void update(double seconds, double duration) {
            if (!decided) {
                decided = true;
                if (!noProgress && (Double.isNaN(duration) || duration >= PROGRESS_MIN_SECONDS)) {
                    bar = new ProgressBarBuilder().setTaskName("video").setStyle(ProgressBarStyle.ASCII)
                            .setInitialMax(Double.isNaN(duration) ? -1 : Math.round(duration * 10))
                            .setUnit(" s", 10)
                            .setUpdateIntervalMillis(500)
                            .setConsumer(new DelegatingProgressBarConsumer(line -> {
                                err.print('\r' + line);
                                err.flush();
                            }, 100))
                            .build();
                }
            }
            if (bar != null) {
                bar.stepTo(Math.round(seconds * 10));
            }
        }

        /** Ends the bar's line so that a warning starts on its own. */
        void pause() {
            if (bar != null) {
                err.println();
            }
        }

        void close() {
            if (bar != null) {
                bar.close();
                err.println();
                err.flush();
            }
        }
    }
}
