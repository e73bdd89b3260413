package io.emospectrum.model;

/**
 * No network access unless the caller passes a URL: before any DJL engine starts, DJL is put in
 * offline mode ({@code ai.djl.offline}: no engine or model downloads) and its usage tracking is
 * turned off ({@code OPT_OUT_TRACKING}: no probe of the cloud metadata address 169.254.169.254).
 * The SDK's entry points ({@link io.emospectrum.spi.ProviderRegistry},
 * {@link io.emospectrum.spi.ExtractorOptions}, {@link ModelLoader}, {@link ModelFiles},
 * {@link io.emospectrum.device.DeviceChoice}) apply it when their class loads, so a library user
 * gets it without any launcher flag. A value the user set (system property or environment
 * variable) is left as it is.
 */
public final class NetworkPolicy {
    /** DJL's offline switch (also read from the environment as {@code DJL_OFFLINE}). */
    public static final String DJL_OFFLINE = "ai.djl.offline";
    /** DJL's telemetry opt-out, read by {@code ai.djl.util.Ec2Utils.callHome} from the environment or system properties. */
    public static final String DJL_OPT_OUT_TRACKING = "OPT_OUT_TRACKING";

    static {
        setUnlessGiven(DJL_OFFLINE, "DJL_OFFLINE");
        setUnlessGiven(DJL_OPT_OUT_TRACKING, DJL_OPT_OUT_TRACKING);
    }

    private NetworkPolicy() {
    }

    /** Applies the policy (once per class loader; later calls do nothing). */
    public static void apply() {
        // the static initializer did the work
    }

    private static void setUnlessGiven(String property, String environment) {
        if (System.getProperty(property) == null && System.getenv(environment) == null) {
            System.setProperty(property, "true");
        }
    }
}
