package io.emospectrum.tools.text;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import io.emospectrum.device.DeviceChoice;
import io.emospectrum.text.head.HeadClassifier;
import io.emospectrum.text.head.HeadConfig;
import io.emospectrum.text.head.HeadGraph;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes {@value HeadGraph#FILE_NAME} next to a trained head's parameters (for model directories
 * exported before {@link ExportFineTuned} wrote it), checks that OnnxRuntime's probabilities match
 * PyTorch's on random features, notes the file in {@code NOTICE} and rewrites {@code SHA256SUMS}.
 *
 * <pre>
 * ./emospectrum-tools export text-head-graph modality-text/src/main/resources/io/emospectrum/text/models/goemotions-minilm ...
 * </pre>
 */
@Command(name = "text-head-graph", mixinStandardHelpOptions = true, description = "Writes the ONNX graph of a trained head next to its parameters and checks it against PyTorch.")
public final class ExportHeadGraph implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "MODEL_DIR")
    private List<Path> dirs;


@Override
    public Integer call() throws Exception {
        for (Path dir : dirs) {
            HeadConfig config = HeadConfig.read(dir.resolve("head.json"));
            List<float[]> tensors = ExportFineTuned.readHeadParams(config, dir);
            HeadGraph.write(config, tensors, dir);
            Path notice = dir.resolve("NOTICE");
            String text = Files.readString(notice, StandardCharsets.UTF_8);
            if (!text.contains(HeadGraph.FILE_NAME)) {
                text = text.replace("head.json, label-mapping.json\n", "head.json, label-mapping.json;\n  " + HeadGraph.NOTICE_LINE + "\n");
                Files.writeString(notice, text, StandardCharsets.UTF_8);
            }
            TrainHead.writeManifest(dir);
            float[][] x = new float[64][config.inputDim()];
            Random r = new Random(1);
            for (float[] row : x) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) r.nextGaussian() * 0.3f;
                }
            }
            double maxDiff = 0;
            try (HeadClassifier onnx = HeadClassifier.load(dir, config, DeviceChoice.CPU);
                 HeadClassifier params = HeadClassifier.loadParams(dir, config, DeviceChoice.CPU)) {
                float[][] a1 = onnx.predict(x);
                float[][] a2 = params.predict(x);
                for (int i = 0; i < a1.length; i++) {
                    for (int j = 0; j < a1[i].length; j++) {
                        maxDiff = Math.max(maxDiff, Math.abs(a1[i][j] - a2[i][j]));
                    }
                }
            }
            System.out.printf("%s: wrote %s; max |ONNX - PyTorch| over 64 random rows %.2e%n", dir, HeadGraph.FILE_NAME, maxDiff);
            if (maxDiff > 1e-5) {
                throw new IllegalStateException("the ONNX head does not reproduce the parameters' output");
            }
        }
        return 0;
    }
}
