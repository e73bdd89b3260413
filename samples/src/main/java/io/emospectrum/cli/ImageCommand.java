package io.emospectrum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.emospectrum.media.javacv.NativeLogs;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.ProviderRegistry;
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

/** {@code emospectrum image}: one JSON object per image with every face found and its spectrum. */
@Command(name = "image", description = "Read facial expressions in images: one object per image with its faces.",
        mixinStandardHelpOptions = true)
final class ImageCommand implements Callable<Integer> {
    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "webp");

    @Spec
    CommandSpec spec;

    @Mixin
    ExtractorOptionsMixin common;

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*", description = "Images, or directories of images (searched recursively).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--list", paramLabel = "FILE", description = "Read image paths from FILE, one per line.")
    Path list;

    @Option(names = "--crop", description = "Each image is already a face crop: classify it without detection.")
    boolean crop;

    @Override
    public Integer call() {
        NativeLogs.configure(common.verbose);
        JsonLines out = new JsonLines(spec.commandLine().getOut());
        List<Path> inputs = InputFiles.collect(files, list, EXTENSIONS, "image");
        try (FaceEmotionExtractor extractor = ProviderRegistry.face().select(common.provider).create(common.toOptions())) {
            return InputFiles.readEach(inputs, out, spec.commandLine().getErr(), (f, o) -> {
                List<EmotionReading> faces = crop ? List.of(extractor.classifyCrop(f)) : extractor.analyze(f);
                ArrayNode arr = o.putArray("faces");
                for (EmotionReading r : faces) {
                    arr.add(out.readings().toNode(r));
                }
                return List.of();
            });
        }
    }
}
