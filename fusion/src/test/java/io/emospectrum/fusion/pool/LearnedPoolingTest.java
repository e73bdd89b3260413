package io.emospectrum.fusion.pool;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.fusion.learn.LogisticRegression;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.Spectrum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LearnedPoolingTest {

    /** A face that is right 80% of the time and a confident voice that is pure noise. */
    private record Example(List<PoolInput> inputs, int label) {
    }

    private static List<Example> examples(int n, long seed) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(EmotionCategory.COUNT);
            int facePeak = r.nextDouble() < 0.8 ? k : r.nextInt(EmotionCategory.COUNT);
            int voicePeak = r.nextInt(EmotionCategory.COUNT);
            out.add(new Example(List.of(
                    new PoolInput(Modality.FACE, peaked(facePeak, 0.55f), 1),
                    new PoolInput(Modality.VOICE, peaked(voicePeak, 0.9f), 1)), k));
        }
        return out;
    }

    private static Spectrum peaked(int c, float mass) {
        float[] p = new float[EmotionCategory.COUNT];
        java.util.Arrays.fill(p, (1 - mass) / (EmotionCategory.COUNT - 1));
        p[c] = mass;
        return Spectrum.of(p, 0f, 0f);
    }

    private static double accuracy(PoolingStrategy s, List<Example> test) {
        return test.stream().filter(e -> s.pool(e.inputs()).dominant().index() == e.label()).count() / (double) test.size();
    }

    private static LearnedPooling train(List<Example> train) {
        double[][] x = train.stream().map(e -> LearnedPooling.features(e.inputs())).toArray(double[][]::new);
        int[] y = train.stream().mapToInt(Example::label).toArray();
        LogisticRegression.Model m = new LogisticRegression(EmotionCategory.COUNT, 1e-3, 300, 0.05, 7).train(x, y);
        return new LearnedPooling(m.weights(), m.bias(), "test");
    }

    @Test
    void learnsWhichModalityToTrust() {
        LearnedPooling learned = train(examples(1500, 1));
        List<Example> test = examples(700, 2);

        double linear = accuracy(new WeightedLinearPooling(), test);
        double product = accuracy(new LogLinearPooling(), test);
        double fitted = accuracy(learned, test);

        // the fixed pools follow the louder, useless voice; the learned one follows the face (right 80% + chance)
        assertThat(linear).isLessThan(0.3);
        assertThat(product).isLessThan(0.5);
        assertThat(fitted).isGreaterThan(0.75);
    }

    @Test
    void featuresAreWeightedLogProbabilitiesPerModality() {
        Spectrum face = peaked(EmotionCategory.ANGER.index(), 0.4f);
        double[] x = LearnedPooling.features(List.of(new PoolInput(Modality.FACE, face, 0.5)));
        assertThat(x).hasSize(24);
        assertThat(x[EmotionCategory.ANGER.index()]).isCloseTo(0.5 * Math.log(0.4), within(1e-6));
        assertThat(x[7]).isEqualTo(0.5);
        // voice and text absent: all zero
        for (int f = 8; f < 24; f++) {
            assertThat(x[f]).isZero();
        }
    }

    @Test
    void aWrittenModelReadsBackIdentically(@TempDir Path dir) {
        LearnedPooling learned = train(examples(300, 3));
        Path file = dir.resolve("fusion.json");
        learned.write(file, "synthetic test data");

        PoolingStrategy read = PoolingStrategyProvider.registry().select("learned").create(Map.of("model", file.toString()));

        for (Example e : examples(20, 4)) {
            assertThat(read.pool(e.inputs())).isEqualTo(learned.pool(e.inputs()));
        }
        assertThat(read.model().version()).isEqualTo("test");
    }

    @Test
    void aMissingOrBrokenModelFailsClearly(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> PoolingStrategyProvider.registry().select("learned").create(Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("model=");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"strategy\": \"linear\"}");
        assertThatThrownBy(() -> PoolingStrategyProvider.registry().select("learned").create(Map.of("model", bad.toString())))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("not a learned fusion model");
    }
}
