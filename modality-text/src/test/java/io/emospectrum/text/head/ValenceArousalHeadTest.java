package io.emospectrum.text.head;

import io.emospectrum.error.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ValenceArousalHeadTest {

    private static ValenceArousalHead random(int d, long seed) {
        Random r = new Random(seed);
        float[] mean = new float[d];
        float[] std = new float[d];
        float[] v = new float[d];
        float[] a = new float[d];
        for (int j = 0; j < d; j++) {
            mean[j] = (float) r.nextGaussian();
            std[j] = 0.5f + r.nextFloat();
            v[j] = (float) r.nextGaussian() * 0.05f;
            a[j] = (float) r.nextGaussian() * 0.05f;
        }
        return new ValenceArousalHead(mean, std, v, 0.1f, a, -0.2f, "generated");
    }

    @Test
    void predictsTheStandardizedLinearFormPerDimension() {
        ValenceArousalHead h = random(16, 3);
        float[] x = new float[16];
        Random r = new Random(5);
        double v = 0.1;
        double a = -0.2;
        for (int j = 0; j < x.length; j++) {
            x[j] = (float) r.nextGaussian();
            double z = (x[j] - h.mean()[j]) / h.std()[j];
            v += h.valence()[j] * z;
            a += h.arousal()[j] * z;
        }
        float[] p = h.predict(x);
        assertThat(p[0]).isCloseTo((float) Math.max(-1, Math.min(1, v)), within(1e-5f));
        assertThat(p[1]).isCloseTo((float) Math.max(-1, Math.min(1, a)), within(1e-5f));
        // features at the training mean give the intercepts
        assertThat(h.predict(h.mean())).containsExactly(0.1f, -0.2f);
    }

    @Test
    void clipsToTheUnitRange() {
        ValenceArousalHead h = new ValenceArousalHead(new float[]{0}, new float[]{1}, new float[]{1}, 0, new float[]{-1}, 0, "generated");
        assertThat(h.predict(new float[]{50})).containsExactly(1f, -1f);
    }

    @Test
    void roundTripsThroughItsFileAndIsAbsentWithout(@TempDir Path dir) throws Exception {
        assertThat(ValenceArousalHead.readOrNull(dir)).isNull();
        ValenceArousalHead h = random(8, 1);
        h.write(dir.resolve(ValenceArousalHead.FILE_NAME));
        ValenceArousalHead back = ValenceArousalHead.readOrNull(dir);
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(back.predict(x)).containsExactly(h.predict(x));
    }

    @Test
    void refusesBadShapesAndBadFiles(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new ValenceArousalHead(new float[2], new float[]{1, 1}, new float[3], 0, new float[2], 0, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValenceArousalHead(new float[1], new float[]{0}, new float[1], 0, new float[1], 0, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> random(4, 2).predict(new float[3])).isInstanceOf(IllegalArgumentException.class);
        Files.writeString(dir.resolve(ValenceArousalHead.FILE_NAME), "{\"mean\": [1]");
        assertThatThrownBy(() -> ValenceArousalHead.readOrNull(dir)).isInstanceOf(ModelLoadException.class);
    }
}
