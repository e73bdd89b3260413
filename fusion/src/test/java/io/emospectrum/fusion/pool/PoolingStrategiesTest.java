package io.emospectrum.fusion.pool;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.ProviderNotFoundException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolingStrategiesTest {
    private final PoolingStrategies strategies = PoolingStrategies.load();

    @Test
    void findsTheBundledStrategiesThroughTheServiceLoader() {
        assertThat(strategies.names()).contains("linear", "log-linear");
        assertThat(strategies.create("linear", Map.of())).isInstanceOf(WeightedLinearPooling.class);
        PoolingStrategy ll = strategies.create("log-linear", Map.of("floor", "0.001"));
        assertThat(((LogLinearPooling) ll).floor()).isEqualTo(0.001);
    }

    @Test
    void anUnknownNameListsTheNamesThatExist() {
        assertThatThrownBy(() -> strategies.create("median", Map.of()))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("median").hasMessageContaining("log-linear");
    }

    @Test
    void unknownOrInvalidOptionsAreRejected() {
        assertThatThrownBy(() -> strategies.create("linear", Map.of("flor", "1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("flor");
        assertThatThrownBy(() -> strategies.create("log-linear", Map.of("floor", "two")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("two");
    }
}
