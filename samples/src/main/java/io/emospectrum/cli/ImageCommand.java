package io.emospectrum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.ProviderRegistry;
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

/** {@code emospectrum image}: one JSON object per image with every face found and its spectrum. */
@Command(name = "image", description = "Read facial expressions in images: one object per image with its faces.",
        mixinStandardHelpOptions = true)
final class ImageCommand implements Callable<Integer> {
    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff", "pgm", "ppm");

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
        PrintWriter err = spec.commandLine().getErr();
        JsonLines out = new JsonLines(spec.commandLine().getOut());
        List<Path> inputs = InputFiles.collect(files, list, EXTENSIONS, "image");
        int failed = 0;
        try (FaceEmotionExtractor extractor = ProviderRegistry.face().select(common.provider).create(common.toOptions())) {
            for (Path f : inputs) {
                ObjectNode o = out.object();
                o.put("file", f.toString());
                try {
                    List<EmotionReading> faces = crop ? List.of(extractor.classifyCrop(f)) : extractor.analyze(f);
                    ArrayNode arr = o.putArray("faces");
                    for (EmotionReading r : faces) {
                        arr.add(out.readings().toNode(r));
                    }
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
