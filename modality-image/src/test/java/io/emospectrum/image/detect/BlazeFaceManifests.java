package io.emospectrum.image.detect;

import java.util.Map;

/** Opens the detector provider's compiled manifest checksums to the image module's tests. */
public final class BlazeFaceManifests {
    private BlazeFaceManifests() {
    }

    public static Map<String, String> released() {
        return BlazeFaceDetectorProvider.MANIFEST_SHA256;
    }
}
