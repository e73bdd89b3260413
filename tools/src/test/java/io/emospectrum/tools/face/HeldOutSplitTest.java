package io.emospectrum.tools.face;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeldOutSplitTest {
    /** 1,000 of class 0, 100 of class 1, 10 of class 2, in file order. */
    private static List<Fer2013.Sample> samples() {
        List<Fer2013.Sample> s = new ArrayList<>();
        int[] counts = {1000, 100, 10};
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                s.add(new Fer2013.Sample(Path.of("c" + c, i + ".jpg"), c));
            }
        }
        return s;
    }

    @Test
    void holdsOutTheSameFractionOfEveryClassAndKeepsTheRestForTraining() {
        HeldOutSplit split = HeldOutSplit.of(samples(), 0.1, 7);
        assertThat(split.heldOut().stream().filter(s -> s.label() == 0)).hasSize(100);
        assertThat(split.heldOut().stream().filter(s -> s.label() == 1)).hasSize(10);
        assertThat(split.heldOut().stream().filter(s -> s.label() == 2)).hasSize(1);
        assertThat(split.train()).hasSize(1110 - 111);
        Set<Fer2013.Sample> held = new HashSet<>(split.heldOut());
        assertThat(split.train()).noneMatch(held::contains);
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        assertThat(HeldOutSplit.of(samples(), 0.1, 7).heldOut()).isEqualTo(HeldOutSplit.of(samples(), 0.1, 7).heldOut());
        assertThat(HeldOutSplit.of(samples(), 0.1, 8).heldOut()).isNotEqualTo(HeldOutSplit.of(samples(), 0.1, 7).heldOut());
        // random, not the first files of each class
        assertThat(HeldOutSplit.of(samples(), 0.1, 7).heldOut().stream().filter(s -> s.label() == 0)
                .allMatch(s -> Integer.parseInt(s.file().getFileName().toString().replace(".jpg", "")) < 100)).isFalse();
    }

    @Test
    void rejectsAFractionOutsideZeroToOne() {
        assertThatThrownBy(() -> HeldOutSplit.of(samples(), 1.0, 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1)");
    }
}
