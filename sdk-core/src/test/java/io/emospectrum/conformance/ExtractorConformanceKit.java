package io.emospectrum.conformance;

import io.emospectrum.spi.EmotionExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The lifecycle every modality's kit shares: the extractor under test is created once per test
 * class (models are slow to load) and closed after its last test.
 *
 * @param <E> the kind of extractor
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ExtractorConformanceKit<E extends EmotionExtractor> {
    protected E extractor;

    /** Creates the extractor under test (called once). */
    protected abstract E createExtractor();

    @BeforeAll
    void createOnce() {
        extractor = createExtractor();
    }

    @AfterAll
    void closeOnce() {
        if (extractor != null) {
            extractor.close();
        }
    }
}
