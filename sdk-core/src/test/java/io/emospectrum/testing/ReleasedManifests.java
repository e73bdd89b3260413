package io.emospectrum.testing;

import io.emospectrum.model.ModelManifest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the manifest checksums compiled into a module match its bundled manifests: a model
 * updated without its checksum (or the reverse) fails the build, not a user's first load.
 */
public final class ReleasedManifests {
    private ReleasedManifests() {
    }

    /** @param manifestSha256ByResource class-path resource of each {@code SHA256SUMS} to its compiled checksum */
    public static void assertMatch(Class<?> anchor, Map<String, String> manifestSha256ByResource) throws IOException {
        assertThat(manifestSha256ByResource).isNotEmpty();
        for (Map.Entry<String, String> e : manifestSha256ByResource.entrySet()) {
            try (InputStream in = anchor.getClassLoader().getResourceAsStream(e.getKey())) {
                assertThat(in).as("resource %s", e.getKey()).isNotNull();
                assertThat(ModelManifest.sha256(in)).as("SHA-256 of %s (update the constant with the model)", e.getKey())
                        .isEqualTo(e.getValue());
            }
        }
    }
}
