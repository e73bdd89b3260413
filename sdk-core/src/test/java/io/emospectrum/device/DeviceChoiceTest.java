package io.emospectrum.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.DeviceUnavailableException;
import io.emospectrum.spi.ExtractorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceChoiceTest {
    @AfterEach
    void clear() {
        System.clearProperty(DeviceChoice.PROPERTY);
    }

    @Test
    void parsesTheDocumentedForms() {
        assertThat(DeviceChoice.parse("auto")).isEqualTo(DeviceChoice.AUTO);
        assertThat(DeviceChoice.parse("CPU")).isEqualTo(DeviceChoice.CPU);
        assertThat(DeviceChoice.parse("gpu")).isEqualTo(DeviceChoice.gpu(0));
        assertThat(DeviceChoice.parse("gpu:3")).isEqualTo(DeviceChoice.gpu(3));
        for (String bad : new String[] {"tpu", "gpu:-1", "gpu:x", ""}) {
            assertThatThrownBy(() -> DeviceChoice.parse(bad)).as(bad).isInstanceOf(ConfigurationException.class);
        }
    }

    @Test
    void autoTakesAGpuWhenOneIsVisibleElseTheCpu() {
        assertThat(DeviceChoice.AUTO.resolve(() -> 0)).isEqualTo(Device.cpu());
        assertThat(DeviceChoice.AUTO.resolve(() -> 2)).isEqualTo(Device.gpu(0));
        assertThat(DeviceChoice.gpu(1).resolve(() -> 2)).isEqualTo(Device.gpu(1));
    }

    @Test
    void cpuOverrideNeverAsksForGpus() {
        assertThat(DeviceChoice.CPU.resolve(() -> {
            throw new AssertionError("a CPU choice must not query the engine");
        })).isEqualTo(Device.cpu());
    }

    @Test
    void aMissingGpuIsATypedError() {
        assertThatThrownBy(() -> DeviceChoice.gpu(0).resolve(() -> 0))
                .isInstanceOf(DeviceUnavailableException.class).hasMessageContaining("no GPU");
        assertThatThrownBy(() -> DeviceChoice.gpu(2).resolve(() -> 1))
                .isInstanceOf(DeviceUnavailableException.class).hasMessageContaining("only 1");
    }

    @Test
    void systemPropertyOverridesTheDefault() {
        System.setProperty(DeviceChoice.PROPERTY, "cpu");
        assertThat(ExtractorOptions.defaults().device()).isEqualTo(DeviceChoice.CPU);
        System.setProperty(DeviceChoice.PROPERTY, "gpu:1");
        assertThat(ExtractorOptions.defaults().device()).isEqualTo(DeviceChoice.gpu(1));
        System.setProperty(DeviceChoice.PROPERTY, "quantum");
        assertThatThrownBy(ExtractorOptions::defaults).isInstanceOf(ConfigurationException.class).hasMessageContaining("quantum");
    }

    @Test
    void autoAgreesWithWhatTheRealEngineSees() {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        assertThat(DeviceChoice.AUTO.resolve("PyTorch")).isEqualTo(gpus > 0 ? Device.gpu(0) : Device.cpu());
    }
}
