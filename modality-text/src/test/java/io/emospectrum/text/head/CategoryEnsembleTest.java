package io.emospectrum.text.head;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CategoryEnsembleTest {
    private static final float[] H = {0.1f, 0.6f, 0.1f, 0.05f, 0.05f, 0.05f, 0.05f};
    private static final float[] G = {0.5f, 0.2f, 0.1f, 0.1f, 0.04f, 0.03f, 0.03f};

    @Test
    void theWeightPicksBetweenTheHeadsAndTheResultIsADistribution() {
        assertThat(new CategoryEnsemble(0, 1, "x").combine(H, G)).containsExactly(H, within(1e-6f));
        assertThat(new CategoryEnsemble(1, 1, "x").combine(H, G)).containsExactly(G, within(1e-6f));
        float[] half = new CategoryEnsemble(0.5, 1, "x").combine(H, G);
        double sum = 0;
        for (int c = 0; c < half.length; c++) {
            sum += half[c];
            // the geometric mean, renormalized: between the two where they disagree
            assertThat(half[c]).isBetween(Math.min(H[c], G[c]) * 0.8f, Math.max(H[c], G[c]) * 1.25f);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void aTemperatureAboveOneFlattensWithoutChangingTheOrder() {
        float[] sharp = new CategoryEnsemble(0.5, 1, "x").combine(H, G);
        float[] flat = new CategoryEnsemble(0.5, 2.5, "x").combine(H, G);
        int top = 0;
        for (int c = 1; c < sharp.length; c++) {
            top = sharp[c] > sharp[top] ? c : top;
        }
        int flatTop = 0;
        for (int c = 1; c < flat.length; c++) {
            flatTop = flat[c] > flat[flatTop] ? c : flatTop;
        }
        assertThat(flatTop).isEqualTo(top);
        assertThat(flat[top]).isLessThan(sharp[top]);
    }

    @Test
    void roundTripsAndRefusesBadValues(@TempDir Path dir) throws Exception {
        CategoryEnsemble e = new CategoryEnsemble(0.5, 2.0, "generated");
        e.write(dir.resolve(CategoryEnsemble.FILE_NAME));
        assertThat(CategoryEnsemble.read(dir.resolve(CategoryEnsemble.FILE_NAME))).isEqualTo(e);
        assertThatThrownBy(() -> new CategoryEnsemble(1.5, 1, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CategoryEnsemble(0.5, 0, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
