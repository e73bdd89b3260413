package io.emospectrum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.fusion.FusedReading;
import io.emospectrum.fusion.ModalityReliability;
import io.emospectrum.fusion.SpectrumFuser;
import io.emospectrum.fusion.align.WindowGrid;
import io.emospectrum.fusion.clip.ClipAnalyzer;
import io.emospectrum.fusion.clip.ClipListener;
import io.emospectrum.fusion.clip.ClipSummary;
import io.emospectrum.fusion.json.FusionJson;
import io.emospectrum.fusion.pool.PoolingStrategyProvider;
import io.emospectrum.media.javacv.NativeLogs;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.EmotionExtractor;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.VoiceAnalysis;
import io.emospectrum.spi.VoiceEmotionExtractor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code emospectrum batch video|audio|text}: many files, one JSON Lines result per file in
 * {@code --out}, plus {@code index.jsonl} with each input's status, time and error. The result of
 * each file is what {@code emospectrum video}, {@code audio} or {@code text --input} prints for it.
 * Resumable: a rerun skips the files that have a result; a stopped run leaves no half-written one.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Analyze many files into one JSON Lines result per file (resumable; --jobs N side by side).",
                "KIND: video (clips), audio (recordings) or text (files of one text per line)."})
final class BatchCommand implements Callable<Integer> {
    enum Kind { VIDEO, AUDIO, TEXT }

    private static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mkv", "webm", "mov", "avi", "m4v", "mpg", "mpeg", "ts");
    private static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "text");

    @Spec
    CommandSpec spec;

    @Mixin
    ExtractorOptionsMixin common;

    @Parameters(index = "0", paramLabel = "KIND", description = "video, audio or text.", converter = KindConverter.class)
    Kind kind;

    @Parameters(index = "1..*", paramLabel = "FILE", arity = "0..*", description = "Files, or directories of them.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--list", paramLabel = "FILE", description = "Read the input paths from FILE, one per line.")
    Path list;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Output directory: one <name>-<hash>.jsonl per input and index.jsonl. Rerun with the same DIR to resume.")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "Inputs analyzed side by side (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Option(names = "--window", paramLabel = "SECONDS", defaultValue = "1.0", description = "video: window length (default: ${DEFAULT-VALUE}).")
    double window;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "${sys:emospectrum.fusion.strategy:-linear}",
            description = "video: pooling strategy (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--face-fps", paramLabel = "N", defaultValue = "5", description = "video: frames per second read for faces (default: ${DEFAULT-VALUE}).")
    double faceFps;

    @Option(names = "--max-frame-side", paramLabel = "PIXELS", defaultValue = "0",
            description = "video: scale frames down to this longer side before face analysis (0: keep).")
    int maxFrameSide;

    @Option(names = "--face-provider", paramLabel = "NAME", description = "video: face extractor provider.")
    String faceProvider;

    @Option(names = "--voice-provider", paramLabel = "NAME", description = "video: voice extractor provider.")
    String voiceProvider;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<Path> inputs = InputFiles.collect(files, list, switch (kind) {
            case VIDEO -> VIDEO_EXTENSIONS;
            case AUDIO -> AudioCommand.EXTENSIONS;
            case TEXT -> TEXT_EXTENSIONS;
        }, kind.name().toLowerCase(Locale.ROOT));
        BatchRunner runner = new BatchRunner(out, jobs, !noProgress, err);
        List<EmotionExtractor> opened = new ArrayList<>();
        BatchRunner.Summary s;
        try {
            s = runner.run(inputs, task(opened));
        } finally {
            for (EmotionExtractor e : opened) {
                e.close();
            }
        }
        err.println(summaryLine(s));
        err.flush();
        return s.failed() == 0 ? EmoSpectrumCli.EXIT_OK : EmoSpectrumCli.EXIT_PARTIAL;
    }

    private String summaryLine(BatchRunner.Summary s) {
        StringBuilder b = new StringBuilder("emospectrum batch: ").append(s.inputs()).append(" inputs: ")
                .append(s.ok()).append(" read, ").append(s.failed()).append(" failed, ")
                .append(s.skipped()).append(" already done; ")
                .append(String.format(Locale.ROOT, "%.1f s, %.2f inputs/s", s.wallSeconds(), (s.ok() + s.failed()) / s.wallSeconds()));
        if (kind == Kind.TEXT) {
            b.append(String.format(Locale.ROOT, ", %d texts (%.1f texts/s)", s.items(), s.items() / s.wallSeconds()));
        } else {
            b.append(String.format(Locale.ROOT, ", %.1f s of media (%.2fx real time)", s.mediaSeconds(), s.mediaSeconds() / s.wallSeconds()));
        }
        return b.append("; results in ").append(out).toString();
    }

    /** The per-file task on extractors opened once and shared by every job (they are thread-safe). */
    private BatchRunner.Task task(List<EmotionExtractor> opened) {
        ExtractorOptions options = common.toOptions();
        switch (kind) {
            case TEXT -> {
                TextEmotionExtractor text = ProviderRegistry.text().select(common.provider).create(options);
                opened.add(text);
                return (in, o) -> readTextFile(text, in, o);
            }
            case AUDIO -> {
                VoiceEmotionExtractor voice = ProviderRegistry.voice().select(common.provider).create(options);
                opened.add(voice);
                return (in, o) -> {
                    VoiceAnalysis a = voice.analyze(in);
                    ObjectNode n = o.object();
                    n.put("file", in.toString());
                    ArrayNode windows = n.putArray("windows");
                    for (EmotionReading w : a.windows()) {
                        windows.add(o.readings().toNode(w));
                    }
                    n.set("summary", o.readings().toNode(a.summary()));
                    o.write(n);
                    double end = a.windows().stream().mapToDouble(w -> w.span().timeSpan().map(t -> t.end()).orElse(0.0)).max().orElse(0);
                    return new BatchRunner.Result(1, end);
                };
            }
            default -> {
                if (common.provider != null || common.model != null) {
                    throw new ConfigurationException("batch video reads faces and voice: choose them with --face-provider "
                            + "and --voice-provider, not --provider or --model");
                }
                NativeLogs.configure(common.verbose);
                FaceEmotionExtractor face = ProviderRegistry.face().select(faceProvider).create(options);
                opened.add(face);
                // -O is for the face extractor (detect-interval, ...), as in `video`; the voice extractor gets none
                VoiceEmotionExtractor voice = ProviderRegistry.voice().select(voiceProvider)
                        .create(ExtractorOptions.builder().device(options.device()).batchSize(options.batchSize()).build());
                opened.add(voice);
                ClipAnalyzer analyzer = ClipAnalyzer.builder().face(face).voice(voice)
                        .grid(new WindowGrid(window, window))
                        .fuser(new SpectrumFuser(PoolingStrategyProvider.registry().select(strategy).create(java.util.Map.of()), ModalityReliability.EQUAL))
                        .faceFramesPerSecond(faceFps).maxFrameSide(maxFrameSide).build();
                return (in, o) -> {
                    FusionJson json = new FusionJson(o.readings());
                    long[] windows = {0};
                    ClipSummary summary = analyzer.analyze(in, new ClipListener() {
                        @Override
                        public void onWindow(FusedReading w) {
                            o.write(json.window(w));
                            windows[0]++;
                        }
                    });
                    o.write(json.summary(summary));
                    return new BatchRunner.Result(windows[0] + 1, summary.durationSeconds());
                };
            }
        }
    }

    /** One object per line, as {@code emospectrum text --input FILE} writes them. */
    private BatchRunner.Result readTextFile(TextEmotionExtractor extractor, Path in, JsonLines o) {
        InputStream source;
        try {
            source = Files.newInputStream(in);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(in + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(in + ": cannot read (" + e.getMessage() + ")");
        }
        long written = 0;
        try (source) {
            Utf8LineReader reader = new Utf8LineReader(new BufferedInputStream(source, 1 << 16), TextCommand.MAX_LINE_BYTES);
            List<Utf8LineReader.Line> batch = new ArrayList<>();
            for (Utf8LineReader.Line l = reader.next(); l != null; l = reader.next()) {
                batch.add(l);
                if (batch.size() >= common.batchSize) {
                    written += writeTexts(extractor, batch, o);
                }
            }
            written += writeTexts(extractor, batch, o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BatchRunner.Result(written, Double.NaN);
    }

    private static long writeTexts(TextEmotionExtractor extractor, List<Utf8LineReader.Line> batch, JsonLines o) {
        List<String> good = batch.stream().filter(l -> l.error() == null).map(Utf8LineReader.Line::text).toList();
        List<Object> results = new ArrayList<>(good.size());
        try {
            results.addAll(extractor.analyzeAll(good));
        } catch (InvalidInputException batchFailed) {
            results.clear();
            for (String t : good) {
                try {
                    results.add(extractor.analyze(t));
                } catch (InvalidInputException e) {
                    results.add(e.getMessage());
                }
            }
        }
        int k = 0;
        for (Utf8LineReader.Line l : batch) {
            Object r = l.error() != null ? l.error() : results.get(k++);
            ObjectNode n = o.object();
            n.put("line", l.number());
            if (r instanceof TextAnalysis a) {
                o.readings().write(a.overall(), n);
            } else {
                n.put("error", (String) r);
            }
            o.write(n);
        }
        long n = batch.size();
        batch.clear();
        return n;
    }

    /** Accepts the kind in any case. */
    static final class KindConverter implements picocli.CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            try {
                return Kind.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("KIND must be video, audio or text, not '" + value + "'");
            }
        }
    }
}
