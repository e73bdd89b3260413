package io.emospectrum.tools.face;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import io.emospectrum.image.tfjs.TfjsGraph;
import io.emospectrum.model.ModelManifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code average}: the element-wise mean of the weights of several models of the same graph that
 * {@code train} wrote (e.g. the ends of two training cycles), written as a new model directory with
 * its {@code SHA256SUMS}. Weight averaging along one training trajectory costs nothing at inference.
 *
 * <pre>
 * ./emospectrum-tools average face OUT_DIR MODEL_DIR MODEL_DIR...
 * </pre>
 */
@Command(name = "face", mixinStandardHelpOptions = true, description = "Writes the element-wise mean of the weights of several models of the same graph.")
public final class AverageCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OUT_DIR")
    private Path outDir;
    @Parameters(index = "1..*", arity = "2..*", paramLabel = "MODEL_DIR")
    private List<Path> models;


@Override
    public Integer call() throws IOException {
        average(outDir, models);
        System.out.println("average of " + models + " written to " + outDir);
        return 0;
    }

    /** Writes the mean of {@code models}' float weights (graph, signature and labels from the first) to {@code out}. */
    public static void average(Path out, List<Path> models) throws IOException {
        List<TfjsGraph> graphs = new ArrayList<>();
        for (Path m : models) {
            graphs.add(TfjsGraph.read(m.resolve("emotion.json")));
        }
        Map<String, float[]> mean = new LinkedHashMap<>();
        for (TfjsGraph.Constant c : graphs.get(0).constants().values()) {
            if (!c.isFloat()) {
                continue;
            }
            double[] sum = new double[c.floats().length];
            for (TfjsGraph g : graphs) {
                TfjsGraph.Constant other = g.constants().get(c.name());
                if (other == null || other.floats().length != sum.length) {
                    throw new IllegalArgumentException(g.origin() + " is not the same graph: weight " + c.name() + " differs");
                }
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += other.floats()[i];
                }
            }
            float[] v = new float[sum.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (sum[i] / graphs.size());
            }
            mean.put(c.name(), v);
        }
        Files.createDirectories(out);
        TfjsGraphWriter.writeWithWeights(models.get(0).resolve("emotion.json"), out.resolve("emotion.json"), mean);
        Files.copy(models.get(0).resolve("labels.json"), out.resolve("labels.json"), StandardCopyOption.REPLACE_EXISTING);
        StringBuilder sums = new StringBuilder();
        for (String f : List.of("emotion.json", "emotion.bin", "labels.json")) {
            sums.append(ModelManifest.sha256(out.resolve(f))).append("  ").append(f).append('\n');
        }
        Files.writeString(out.resolve(ModelManifest.FILE_NAME), sums);
    }
}
