package io.emospectrum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.emospectrum.media.javacv.NativeLogs;
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
        NativeLogs.configure(common.verbose);
        JsonLines out = new JsonLines(spec.commandLine().getOut());
        List<Path> inputs = InputFiles.collect(files, list, EXTENSIONS, "audio");
        try (VoiceEmotionExtractor extractor = ProviderRegistry.voice().select(common.provider).create(common.toOptions())) {
            return InputFiles.readEach(inputs, out, spec.commandLine().getErr(), (f, o) -> {
                VoiceAnalysis a = extractor.analyze(f);
                ArrayNode windows = o.putArray("windows");
                for (EmotionReading w : a.windows()) {
                    windows.add(out.readings().toNode(w));
                }
                o.set("summary", out.readings().toNode(a.summary()));
                return a.issues();
            });
        }
    }
}
