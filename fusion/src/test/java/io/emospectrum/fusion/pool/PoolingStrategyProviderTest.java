package io.emospectrum.fusion.pool;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.ProviderNotFoundException;
import io.emospectrum.spi.ProviderRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolingStrategyProviderTest {
    private final ProviderRegistry<PoolingStrategyProvider> strategies = PoolingStrategyProvider.registry();

    @Test
    void findsTheBundledStrategiesThroughTheServiceLoaderWithLinearAsTheDefault() {
        assertThat(strategies.names()).containsExactly("linear", "log-linear", "learned");
        assertThat(strategies.select(null).create(Map.of())).isInstanceOf(WeightedLinearPooling.class);
        PoolingStrategy ll = strategies.select("log-linear").create(Map.of("floor", "0.001"));
        assertThat(((LogLinearPooling) ll).floor()).isEqualTo(0.001);
        assertThat(strategies.selectionProperty()).isEqualTo("emospectrum.fusion.strategy");
    }

    @Test
    void anUnknownNameListsTheNamesThatExist() {
        assertThatThrownBy(() -> strategies.select("median"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("median").hasMessageContaining("log-linear");
    }

    @Test
    void unknownOrInvalidOptionsAreRejected() {
        assertThatThrownBy(() -> strategies.select("linear").create(Map.of("flor", "1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("flor");
        assertThatThrownBy(() -> strategies.select("log-linear").create(Map.of("floor", "two")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("two").hasMessageContaining("a number in (0, 1)");
    }
}
