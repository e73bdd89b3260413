package io.emospectrum.text;

import java.util.Map;

/** Opens the text models' compiled manifest checksums to the module's tests in other packages. */
public final class TextModelManifests {
    private TextModelManifests() {
    }

    public static Map<String, String> released() {
        return TextModels.MANIFEST_SHA256;
    }
}
