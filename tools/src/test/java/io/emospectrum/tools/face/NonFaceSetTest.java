package io.emospectrum.tools.face;

import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.ProviderRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The set as the detection evaluation reads it, and the default face extractor on it (skipped without python3-skimage). */
class NonFaceSetTest {
    private static FaceEmotionExtractor extractor;

    @BeforeAll
    static void setUp() {
        Assumptions.assumeTrue(NonFaceSet.present(NonFaceSet.DEBIAN_SKIMAGE_DATA),
                "skimage's sample data not found at " + NonFaceSet.DEBIAN_SKIMAGE_DATA + " (apt-get install python3-skimage): skipping");
        extractor = ProviderRegistry.face().select("mini-xception").create(ExtractorOptions.defaults());
    }

    @AfterAll
    static void tearDown() {
        if (extractor != null) {
            extractor.close();
        }
    }

    @Test
    void noFaceIsReportedInAnyImageOfTheNonFaceSet() {
        List<NonFaceSet.Item> items = NonFaceSet.load(NonFaceSet.DEBIAN_SKIMAGE_DATA);
        assertThat(items).hasSizeGreaterThan(110); // 100 patches and the photos (a cat, a coffee cup, ...)
        List<String> withFaces = new ArrayList<>();
        for (NonFaceSet.Item i : items) {
            List<EmotionReading> r = extractor.analyze(i.frame());
            if (!r.isEmpty()) {
                withFaces.add(i.name() + " " + r.get(0).confidence());
            }
        }
        assertThat(withFaces).isEmpty();
    }

    @Test
    void theFacesOfLfwSubsetAreNotRefusedAllTogether() {
        // the first 100 patches are faces, 25x25: tiny, but the second look finds most of them
        List<ImageFrame> lfw = NonFaceSet.lfwSubset(NonFaceSet.DEBIAN_SKIMAGE_DATA.resolve("lfw_subset.npy"));
        long found = lfw.subList(0, 100).stream().filter(f -> !extractor.analyze(f).isEmpty()).count();
        assertThat(found).isGreaterThan(50);
    }
}
