package io.emospectrum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.VoiceAnalysis;
import io.emospectrum.spi.VoiceEmotionExtractor;
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
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code emospectrum audio}: one JSON object per file with its scored windows and a summary. */
@Command(name = "audio", description = "Read emotion from voice recordings: windows with start/end times and a summary per file.",
        mixinStandardHelpOptions = true)
final class AudioCommand implements Callable<Integer> {
    static final Set<String> EXTENSIONS = Set.of("wav", "mp3", "m4a", "aac", "ogg", "opus", "flac", "pcm", "raw", "mp4", "mkv", "webm");

    @Spec
    CommandSpec spec;

    @Mixin
    ExtractorOptionsMixin common;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Audio (or video) files, or directories of them.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--list", paramLabel = "FILE", description = "Read audio paths from FILE, one per line.")
    Path list;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        JsonLines out = new JsonLines(spec.commandLine().getOut());
        List<Path> inputs = InputFiles.collect(files, list, EXTENSIONS, "audio");
        int failed = 0;
        try (VoiceEmotionExtractor extractor = ProviderRegistry.voice().select(common.provider).create(common.toOptions())) {
            for (Path f : inputs) {
                ObjectNode o = out.object();
                o.put("file", f.toString());
                try {
                    VoiceAnalysis a = extractor.analyze(f);
                    ArrayNode windows = o.putArray("windows");
                    for (EmotionReading w : a.windows()) {
                        windows.add(out.readings().toNode(w));
                    }
                    o.set("summary", out.readings().toNode(a.summary()));
                } catch (InvalidInputException e) {
                    o.put("error", e.getMessage());
                    err.println("emospectrum: " + f + ": " + e.getMessage());
                    err.flush();
                    failed++;
                }
                out.write(o);
            }
        }
        return failed == 0 ? EmoSpectrumCli.EXIT_OK : EmoSpectrumCli.EXIT_PARTIAL;
    }
}
