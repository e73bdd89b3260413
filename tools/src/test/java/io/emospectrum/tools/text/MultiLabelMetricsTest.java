package io.emospectrum.tools.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MultiLabelMetricsTest {

    @Test
    void f1CountsTruePositivesFalsePositivesAndMisses() {
        boolean[][] pred = {{true, false}, {true, true}, {false, false}};
        float[][] gold = {{1, 0}, {0, 1}, {1, 0}};
        MultiLabelMetrics.LabelF1[] f = MultiLabelMetrics.perLabel(pred, gold, List.of("a", "b"));
        // a: tp 1, fp 1, fn 1 -> P 0.5, R 0.5; b: tp 1 -> 1.0
        assertThat(f[0].precision()).isCloseTo(0.5, within(1e-9));
        assertThat(f[0].recall()).isCloseTo(0.5, within(1e-9));
        assertThat(f[1].f1()).isCloseTo(1.0, within(1e-9));
        assertThat(MultiLabelMetrics.macroF1(f)).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void tunedThresholdSeparatesTheClassesAndEmptyRowsGetTheirStrongestLabel() {
        float[][] probs = {{0.30f, 0.9f}, {0.25f, 0.1f}, {0.05f, 0.2f}, {0.10f, 0.8f}};
        float[][] gold = {{1, 1}, {1, 0}, {0, 0}, {0, 1}};
        float[] t = MultiLabelMetrics.tuneThresholds(probs, gold);
        assertThat(t[0]).isGreaterThan(0.10f).isLessThanOrEqualTo(0.25f);
        assertThat(t[1]).isGreaterThan(0.2f).isLessThanOrEqualTo(0.8f);
        boolean[][] p = MultiLabelMetrics.predict(new float[][]{{0.01f, 0.02f}}, new float[]{0.5f, 0.04f});
        assertThat(p[0]).containsExactly(false, true);
    }

    @Test
    void groupsPoolTheirMembers() {
        boolean[][] g = MultiLabelMetrics.groupPredictions(new boolean[][]{{false, true, false}}, new int[]{0, 0, 1}, 2);
        assertThat(g[0]).containsExactly(true, false);
    }
}
