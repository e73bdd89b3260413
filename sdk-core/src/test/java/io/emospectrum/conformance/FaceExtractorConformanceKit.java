package io.emospectrum.conformance;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import io.emospectrum.spectrum.BoundingBox;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.FaceTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.emospectrum.conformance.ReadingAssertions.assertSameSpectrum;
import static io.emospectrum.conformance.ReadingAssertions.assertWellFormed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link FaceEmotionExtractor} must do. A provider's test extends this kit, implements
 * {@link #createExtractor()} and {@link #imageWithOneFace()}; the extractor is created once per class.
 */
public abstract class FaceExtractorConformanceKit extends ExtractorConformanceKit<FaceEmotionExtractor> {
    /** A real photo (or realistic rendering) with exactly one clearly visible face. */
    protected abstract ImageFrame imageWithOneFace();

    @Override
    protected void exercise(FaceEmotionExtractor e) {
        e.analyze(imageWithOneFace());
    }

    /** An image with no face; a flat gray image by default. */
    protected ImageFrame imageWithoutFace() {
        byte[] px = new byte[320 * 240 * 3];
        Arrays.fill(px, (byte) 128);
        return ImageFrame.of(320, 240, PixelFormat.RGB24, px);
    }

    @Test
    void findsTheFaceWithABoxInsideTheImage() {
        ImageFrame img = imageWithOneFace();
        List<EmotionReading> faces = extractor.analyze(img);
        assertThat(faces).hasSize(1);
        EmotionReading face = faces.get(0);
        assertWellFormed(face, extractor, Modality.FACE);
        BoundingBox box = face.span().box();
        assertThat(box).isNotNull();
        assertThat(box.x()).isGreaterThanOrEqualTo(-1f);
        assertThat(box.y()).isGreaterThanOrEqualTo(-1f);
        assertThat(box.x() + box.width()).isLessThanOrEqualTo(img.width() + 1f);
        assertThat(box.y() + box.height()).isLessThanOrEqualTo(img.height() + 1f);
        assertThat(box.area()).isGreaterThan(0f);
    }

    @Test
    void noFaceIsAnEmptyResultNotAnError() {
        assertThat(extractor.analyze(imageWithoutFace())).isEmpty();
    }

    @Test
    void tinyImagesDoNotCrash() {
        ImageFrame tiny = ImageFrame.of(2, 2, PixelFormat.GRAY8, new byte[4]);
        assertThat(extractor.analyze(tiny)).isEmpty();
        assertWellFormed(extractor.classifyCrop(tiny), extractor, Modality.FACE);
    }

    @Test
    void unreadableFilesGetATypedError(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        Path text = Files.writeString(dir.resolve("notes.jpg"), "this is not an image");
        for (Path bad : List.of(empty, text, dir.resolve("missing.png"))) {
            assertThatThrownBy(() -> extractor.analyze(bad)).as(bad.toString()).isInstanceOf(InvalidInputException.class);
        }
        assertThat(extractor.analyze(imageWithOneFace())).hasSize(1);
    }

    @Test
    void batchedCropsMatchSingleCrops() {
        ImageFrame face = imageWithOneFace();
        List<ImageFrame> crops = List.of(face, imageWithoutFace(), face);
        List<EmotionReading> batch = extractor.classifyCrops(crops);
        assertThat(batch).hasSize(3);
        for (int i = 0; i < crops.size(); i++) {
            assertWellFormed(batch.get(i), extractor, Modality.FACE);
            assertSameSpectrum(batch.get(i), extractor.classifyCrop(crops.get(i)), 1e-3f);
        }
    }

    @Test
    void trackerKeepsOneSubjectAcrossFrames() {
        ImageFrame img = imageWithOneFace();
        try (FaceTracker tracker = extractor.openTracker()) {
            List<String> subjects = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                List<EmotionReading> faces = tracker.accept(img.withTimestamp(i * 0.1));
                assertThat(faces).hasSize(1);
                assertThat(faces.get(0).span().time()).isNotNull();
                assertThat(faces.get(0).span().time().start()).isEqualTo(i * 0.1);
                subjects.add(faces.get(0).subject());
            }
            assertThat(subjects).doesNotContainNull().containsOnly(subjects.get(0));
            assertThat(tracker.trackSummaries()).hasSize(1);
        }
    }

    @Test
    void concurrentCallersGetTheSameResultsAsOne() throws Exception {
        ImageFrame img = imageWithOneFace();
        EmotionReading expected = extractor.analyze(img).get(0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<EmotionReading>>> futures = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                futures.add(pool.submit(() -> extractor.analyze(img)));
            }
            for (Future<List<EmotionReading>> f : futures) {
                assertSameSpectrum(f.get().get(0), expected, 1e-3f);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
