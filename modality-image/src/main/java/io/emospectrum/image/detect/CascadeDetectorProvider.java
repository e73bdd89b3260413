package io.emospectrum.image.detect;

import io.emospectrum.device.DeviceChoice;
import io.emospectrum.option.OptionKey;
import io.emospectrum.option.OptionSet;
import io.emospectrum.option.OptionValues;

import java.util.Locale;
import java.util.Map;

/**
 * {@code cascade}: OpenCV's frontal-face cascade. Options: {@code cascade} (lbp|haar),
 * {@code detect-side} (pixels), {@code min-face} (fraction of the shorter side), {@code min-neighbors}.
 */
public final class CascadeDetectorProvider implements FaceDetectorProvider {
    private static final CascadeFaceDetector.Settings D = CascadeFaceDetector.Settings.DEFAULT;
    static final OptionKey<String> CASCADE = OptionKey.choice("cascade", "lbp", "haar").defaultValue(D.cascade().name().toLowerCase(Locale.ROOT))
            .help("lbp (faster) or haar.").build();
    static final OptionKey<Integer> DETECT_SIDE = OptionKey.integer("detect-side").min(64).defaultValue(D.detectSide())
            .help("Shorter side, in pixels, frames are shrunk to before detection.").build();
    static final OptionKey<Double> MIN_FACE = OptionKey.decimal("min-face").openRange(0, 1).defaultValue(Double.parseDouble(Float.toString(D.minFaceRatio())))
            .help("Smallest face, as a fraction of the shorter side.").build();
    static final OptionKey<Integer> MIN_NEIGHBORS = OptionKey.integer("min-neighbors").min(0).defaultValue(D.minNeighbors())
            .help("OpenCV's vote threshold: higher finds fewer, surer faces.").build();
    private static final OptionSet OPTIONS = OptionSet.of(CASCADE, DETECT_SIDE, MIN_FACE, MIN_NEIGHBORS);

    @Override
    public String name() {
        return "cascade";
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public String description() {
        return "OpenCV frontal-face cascade (LBP or Haar), CPU";
    }

    @Override
    public OptionSet supportedOptions() {
        return OPTIONS;
    }

    @Override
    public FaceDetector create(Map<String, String> options, DeviceChoice device) {
        OptionValues o = OPTIONS.parse(name() + " detector", options);
        return new CascadeFaceDetector(new CascadeFaceDetector.Settings(CascadeFaceDetector.Cascade.parse(o.get(CASCADE)),
                o.get(DETECT_SIDE), o.get(MIN_FACE).floatValue(), o.get(MIN_NEIGHBORS)));
    }
}
