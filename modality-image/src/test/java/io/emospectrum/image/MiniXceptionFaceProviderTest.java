package io.emospectrum.image;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.BoundingBox;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.FaceExtractorProvider;
import io.emospectrum.spi.ProviderRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MiniXceptionFaceProviderTest {
    private static FaceEmotionExtractor extractor;

    @BeforeAll
    static void load() {
        FaceExtractorProvider p = ProviderRegistry.face().select(MiniXceptionFaceProvider.NAME);
        extractor = p.create(ExtractorOptions.builder().property("detector", "cascade").build());
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    @Test
    void providerIsFoundByServiceLoaderUnderItsStableName() {
        assertThat(ProviderRegistry.face().names()).contains("mini-xception");
        assertThat(extractor.modality()).isEqualTo(Modality.FACE);
        assertThat(extractor.device()).isEqualTo("cpu()");
    }

    @Test
    void findsTheOneFaceInAstronautWithItsBoxAndTheModelsOwnLabels() {
        List<EmotionReading> r = extractor.analyze(TestImages.astronaut());
        assertThat(r).hasSize(1);
        BoundingBox b = r.get(0).span().box();
        // Eileen Collins' face sits around x 160-250, y 60-170 in the 512x512 image.
        assertThat(b.x() + b.width() / 2).isBetween(160f, 260f);
        assertThat(b.y() + b.height() / 2).isBetween(60f, 170f);
        assertThat(b.width()).isBetween(50f, 180f);
        assertThat(r.get(0).modelScores().labels()).containsExactly("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");
        float[] v = r.get(0).vector();
        assertThat(v).hasSize(9);
        assertThat(v[0] + v[1] + v[2] + v[3] + v[4] + v[5] + v[6]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        // She smiles: happiness is the dominant category.
        assertThat(r.get(0).dominant()).isEqualTo(EmotionCategory.HAPPINESS);
        assertThat(r.get(0).modelScores().score("happy")).isEqualTo(r.get(0).spectrum().probability(EmotionCategory.HAPPINESS),
                org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void findsNoFaceInAFaceFreeImage() {
        assertThat(extractor.analyze(TestImages.coffee())).isEmpty();
        assertThat(extractor.analyze(TestImages.gradient(320, 240))).isEmpty();
    }

    @Test
    void findsSeveralFacesInOneFrame() {
        ImageFrame three = TestImages.tiled(TestImages.decode(TestImages.astronaut()), 3);
        List<EmotionReading> r = extractor.analyze(three);
        assertThat(r).hasSize(3);
        float[] centres = new float[3];
        for (int i = 0; i < 3; i++) {
            BoundingBox b = r.get(i).span().box();
            centres[i] = b.x() + b.width() / 2;
        }
        Arrays.sort(centres);
        // One face per tile, each at the same place within its tile.
        assertThat(centres[1] - centres[0]).isCloseTo(512f, org.assertj.core.data.Offset.offset(20f));
        assertThat(centres[2] - centres[1]).isCloseTo(512f, org.assertj.core.data.Offset.offset(20f));
        assertThat(r).allSatisfy(x -> assertThat(x.dominant()).isEqualTo(EmotionCategory.HAPPINESS));
    }

    @Test
    void classifiesClearFer2013CropsAsTheirClassWellAboveChance() throws IOException {
        Path dir = TestImages.fer2013("validation");
        int perClass = 40;
        String[] classes = {"happy", "surprise", "neutral"};
        EmotionCategory[] cats = {EmotionCategory.HAPPINESS, EmotionCategory.SURPRISE, EmotionCategory.NEUTRAL};
        double sum = 0;
        for (int c = 0; c < classes.length; c++) {
            List<Path> files;
            try (Stream<Path> s = Files.list(dir.resolve(classes[c]))) {
                files = s.sorted().limit(perClass).toList();
            }
            List<ImageFrame> frames = new ArrayList<>();
            files.forEach(f -> frames.add(TestImages.decode(f)));
            List<EmotionReading> r = extractor.classifyCrops(frames);
            EmotionCategory want = cats[c];
            long hits = r.stream().filter(x -> x.dominant() == want).count();
            // Chance is 1/7 (14%); the network scores 55% overall and better on these classes.
            assertThat(hits / (double) perClass).as("recall of %s", classes[c]).isGreaterThan(0.35);
            sum += hits / (double) perClass;
        }
        assertThat(sum / classes.length).as("mean recall").isGreaterThan(0.55);
    }

    @Test
    void classifyCropMatchesTheBatchedPath() throws IOException {
        Path dir = TestImages.fer2013("validation");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("sad"))) {
            files = s.sorted().limit(5).toList();
        }
        List<ImageFrame> frames = files.stream().map(TestImages::decode).toList();
        List<EmotionReading> batch = extractor.classifyCrops(frames);
        for (int i = 0; i < frames.size(); i++) {
            float[] one = extractor.classifyCrop(files.get(i)).vector();
            float[] b = batch.get(i).vector();
            for (int k = 0; k < one.length; k++) {
                assertThat(one[k]).isCloseTo(b[k], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void badFilesFailWithATypedErrorAndTheExtractorKeepsWorking(@TempDir Path tmp) throws IOException {
        Path empty = Files.write(tmp.resolve("empty.jpg"), new byte[0]);
        assertThatThrownBy(() -> extractor.analyze(empty)).isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");

        Path text = Files.writeString(tmp.resolve("notes.jpg"), "this is not a picture\n");
        assertThatThrownBy(() -> extractor.analyze(text)).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("not an image");

        byte[] png = Files.readAllBytes(TestImages.astronaut());
        Path cutPng = Files.write(tmp.resolve("cut.png"), Arrays.copyOf(png, png.length / 3));
        assertThatThrownBy(() -> extractor.analyze(cutPng)).isInstanceOf(InvalidInputException.class).hasMessageContaining("truncated");

        byte[] jpg = Files.readAllBytes(TestImages.coffee());
        Path cutJpg = Files.write(tmp.resolve("cut.jpg"), Arrays.copyOf(jpg, jpg.length / 2));
        assertThatThrownBy(() -> extractor.analyze(cutJpg)).isInstanceOf(InvalidInputException.class).hasMessageContaining("truncated");

        Path huge = Files.write(tmp.resolve("huge.png"), pngHeader(20_000, 20_000));
        assertThatThrownBy(() -> extractor.analyze(huge)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("20000x20000").hasMessageContaining("16384");

        assertThatThrownBy(() -> extractor.analyze(tmp.resolve("missing.png"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not exist");

        assertThat(extractor.analyze(TestImages.astronaut())).hasSize(1);
    }

    @Test
    void theDefaultDetectorIsBlazeFaceAndItsEyesLevelTheCrop() {
        try (MiniXceptionFaceExtractor x = new MiniXceptionFaceProvider().createExtractor(ExtractorOptions.defaults())) {
            assertThat(x.detector().name()).isEqualTo("blazeface");
            List<EmotionReading> r = x.analyze(TestImages.astronaut());
            assertThat(r).hasSize(1);
            assertThat(r.get(0).dominant()).isEqualTo(EmotionCategory.HAPPINESS);
            assertThat(r.get(0).confidence()).isGreaterThan(0.5f);
            assertThat(x.analyze(TestImages.coffee())).isEmpty();
        }
    }

    @Test
    void theFineTunedNetworkLoadsFromItsVerifiedResourcesAndReadsExpressions() throws IOException {
        try (MiniXceptionFaceExtractor x = new MiniXceptionFaceProvider().createExtractor(
                ExtractorOptions.builder().property("expression-model", "fine-tuned").build())) {
            assertThat(x.model().name()).isEqualTo("mini-xception-fer2013-ft");
            assertThat(x.analyze(TestImages.astronaut())).singleElement()
                    .satisfies(r -> assertThat(r.dominant()).isEqualTo(EmotionCategory.HAPPINESS));
            Path dir = TestImages.fer2013("validation");
            List<ImageFrame> happy;
            try (Stream<Path> s = Files.list(dir.resolve("happy"))) {
                happy = s.sorted().limit(40).map(TestImages::decode).toList();
            }
            long hits = x.classifyCrops(happy).stream().filter(r -> r.dominant() == EmotionCategory.HAPPINESS).count();
            assertThat(hits).isGreaterThan(24); // > 60% recall; chance is 14%
        }
        assertThatThrownBy(() -> new MiniXceptionFaceProvider().create(ExtractorOptions.builder().property("expression-model", "best").build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("expression-model").hasMessageContaining("one of: fine-tuned, imported");
    }

    @Test
    void onTheCpuExpressionsRunOnOnnxRuntimeWithThePyTorchImportsScores() throws IOException {
        List<ImageFrame> crops;
        try (Stream<Path> s = Files.list(TestImages.fer2013("validation").resolve("surprise"))) {
            crops = s.sorted().limit(6).map(TestImages::decode).toList();
        }
        List<EmotionReading> onnx;
        List<EmotionReading> torch;
        try (MiniXceptionFaceExtractor x = new MiniXceptionFaceProvider().createExtractor(ExtractorOptions.builder().build())) {
            assertThat(x.expressionEngine()).isEqualTo("OnnxRuntime");
            onnx = x.classifyCrops(crops);
        }
        try (MiniXceptionFaceExtractor x = new MiniXceptionFaceProvider().createExtractor(
                ExtractorOptions.builder().property("expression-engine", "pytorch").build())) {
            assertThat(x.expressionEngine()).isEqualTo("PyTorch");
            torch = x.classifyCrops(crops);
        }
        for (int i = 0; i < crops.size(); i++) {
            assertThat(onnx.get(i).dominant()).isEqualTo(torch.get(i).dominant());
            assertThat(onnx.get(i).confidence()).isCloseTo(torch.get(i).confidence(), org.assertj.core.data.Offset.offset(1e-4f));
        }
        assertThatThrownBy(() -> new MiniXceptionFaceProvider().create(
                ExtractorOptions.builder().property("expression-engine", "tensorflow").build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("one of: auto, onnxruntime, pytorch");
    }

    @Test
    void unknownOptionsAreRejected() {
        FaceExtractorProvider p = new MiniXceptionFaceProvider();
        assertThatThrownBy(() -> p.create(ExtractorOptions.builder().property("detectr", "cascade").build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("detectr");
    }

    /** A valid PNG signature and IHDR chunk declaring {@code w x h}, and nothing after it. */
    static byte[] pngHeader(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13);
        int crcStart = b.position();
        b.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(b.array(), crcStart, 17);
        b.putInt((int) crc.getValue());
        return b.array();
    }
}
