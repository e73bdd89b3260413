package io.emospectrum.tools.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ConfusionMatrixTest {

    @Test
    void poolingFoldsAddsTheirCounts() {
        ConfusionMatrix a = new ConfusionMatrix(List.of("x", "y"));
        a.add(0, 0);
        a.add(1, 0);
        ConfusionMatrix b = new ConfusionMatrix(List.of("x", "y"));
        b.add(1, 1);
        b.add(1, 1);
        a.addAll(b);
        assertThat(a.total()).isEqualTo(4);
        assertThat(a.accuracy()).isCloseTo(0.75, within(1e-9));
        assertThat(a.unweightedAverageRecall()).isCloseTo((1.0 + 2.0 / 3) / 2, within(1e-9));
        assertThatThrownBy(() -> a.addAll(new ConfusionMatrix(List.of("x", "z")))).isInstanceOf(IllegalArgumentException.class);
    }
}
