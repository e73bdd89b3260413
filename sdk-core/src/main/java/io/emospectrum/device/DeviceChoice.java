package io.emospectrum.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.DeviceUnavailableException;

import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Where inference should run: {@code auto} (a GPU when the engine sees one, else the CPU),
 * {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. The default comes from
 * {@code -Demospectrum.device=...}; every reading reports the device that was actually used.
 *
 * @param kind  auto, cpu or gpu
 * @param index the GPU index for {@link Kind#GPU}, else -1
 */
public record DeviceChoice(Kind kind, int index) {
    static {
        io.emospectrum.model.NetworkPolicy.apply(); // before any DJL engine starts: offline, no telemetry
    }

    /** The system property that overrides automatic device choice. */
    public static final String PROPERTY = "emospectrum.device";

    public static final DeviceChoice AUTO = new DeviceChoice(Kind.AUTO, -1);
    public static final DeviceChoice CPU = new DeviceChoice(Kind.CPU, -1);

    public enum Kind { AUTO, CPU, GPU }

    public DeviceChoice {
        if (kind == Kind.GPU ? index < 0 : index != -1) {
            throw new IllegalArgumentException("index " + index + " does not fit device kind " + kind);
        }
    }

    public static DeviceChoice gpu(int index) {
        return new DeviceChoice(Kind.GPU, index);
    }

    /** Parses {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N} (case-insensitive). */
    public static DeviceChoice parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "auto":
                return AUTO;
            case "cpu":
                return CPU;
            case "gpu":
                return gpu(0);
            default:
                if (s.startsWith("gpu:")) {
                    try {
                        int i = Integer.parseInt(s.substring(4));
                        if (i >= 0) {
                            return gpu(i);
                        }
                    } catch (NumberFormatException ignored) {
                        // falls through to the error below
                    }
                }
                throw new ConfigurationException("device '" + text + "' is not one of auto, cpu, gpu, gpu:N");
        }
    }

    /** The choice set by {@code -Demospectrum.device}, or {@link #AUTO}. */
    public static DeviceChoice fromSystemProperty() {
        String v = System.getProperty(PROPERTY);
        return v == null || v.isBlank() ? AUTO : parse(v);
    }

    /** Resolves against the GPUs that DJL's engine {@code engineName} sees. */
    public Device resolve(String engineName) {
        return resolve(() -> Engine.getEngine(engineName).getGpuCount());
    }

    /** Resolves against a GPU count (lazily asked: a CPU choice never touches the engine). */
    public Device resolve(IntSupplier gpuCount) {
        switch (kind) {
            case CPU:
                return Device.cpu();
            case AUTO:
                return gpuCount.getAsInt() > 0 ? Device.gpu(0) : Device.cpu();
            default:
                int n = gpuCount.getAsInt();
                if (index >= n) {
                    throw new DeviceUnavailableException("GPU " + index + " was asked for (" + PROPERTY + "=" + this
                            + ") but " + (n == 0 ? "no GPU is visible" : "only " + n + " GPU(s) are visible")
                            + "; use cpu or auto");
                }
                return Device.gpu(index);
        }
    }

    @Override
    public String toString() {
        return kind == Kind.GPU ? "gpu:" + index : kind.name().toLowerCase(Locale.ROOT);
    }
}
