package io.emospectrum.fusion.align;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.spectrum.TimeSpan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowGridTest {

    @Test
    void anIntervalFallsIntoEveryWindowItOverlaps() {
        WindowGrid g = new WindowGrid(1, 1);
        TimeSpan s = new TimeSpan(0.5, 2.5);
        assertThat(g.firstIndex(s)).isZero();
        assertThat(g.lastIndex(s)).isEqualTo(2);
        // touching a boundary is no overlap: [1, 2) lies in window 1 only
        TimeSpan exact = new TimeSpan(1, 2);
        assertThat(g.firstIndex(exact)).isEqualTo(1);
        assertThat(g.lastIndex(exact)).isEqualTo(1);
    }

    @Test
    void overlappingWindowsShareReadings() {
        WindowGrid g = new WindowGrid(2, 0.5);
        TimeSpan instant = new TimeSpan(3.2, 3.2);
        // windows [1.5,3.5), [2,4), [2.5,4.5), [3,5) contain 3.2
        assertThat(g.firstIndex(instant)).isEqualTo(3);
        assertThat(g.lastIndex(instant)).isEqualTo(6);
        assertThat(g.window(3)).isEqualTo(new TimeSpan(1.5, 3.5));
    }

    @Test
    void countsTheWindowsThatCoverADuration() {
        assertThat(new WindowGrid(1, 1).count(10)).isEqualTo(10);
        assertThat(new WindowGrid(1, 1).count(10.2)).isEqualTo(11);
        assertThat(new WindowGrid(2, 1).count(10)).isEqualTo(9);
        assertThat(new WindowGrid(2, 1).count(0.5)).isEqualTo(1);
    }

    @Test
    void rejectsAHopLongerThanTheWindow() {
        assertThatThrownBy(() -> new WindowGrid(1, 2)).isInstanceOf(ConfigurationException.class).hasMessageContaining("hop");
        assertThatThrownBy(() -> new WindowGrid(0, 0)).isInstanceOf(ConfigurationException.class);
        // floors and ceilings: a hop of 10 microseconds made 200,001 windows of a 2 s clip
        assertThatThrownBy(() -> new WindowGrid(1, 0.00001)).isInstanceOf(ConfigurationException.class).hasMessageContaining("0.05");
        assertThatThrownBy(() -> new WindowGrid(1e9, 1)).isInstanceOf(ConfigurationException.class).hasMessageContaining("3600");
        assertThat(new WindowGrid(0.05, 0.05).count(2)).isEqualTo(40);
    }
}
