package io.emospectrum.testing;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import io.emospectrum.spectrum.BoundingBox;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spectrum.VadAnchors;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.FaceTracker;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic face extractor for tests of code built on the SPI: an image whose mean
 * brightness is above 5% holds one "face" covering it; bright faces read as happy, dark ones as sad.
 */
public final class BrightnessFaceExtractor implements FaceEmotionExtractor {
    public static final ModelId MODEL = new ModelId("brightness-test", "1");

    private final io.emospectrum.lifecycle.CloseGuard guard = new io.emospectrum.lifecycle.CloseGuard("brightness face extractor", () -> { });

    @Override
    public List<EmotionReading> analyze(ImageFrame image) {
        guard.checkOpen();
        double b = meanBrightness(image);
        if (b < 0.05) {
            return List.of();
        }
        return List.of(reading(b, Span.of(new BoundingBox(0, 0, image.width(), image.height())), null));
    }

    @Override
    public List<EmotionReading> analyze(Path imageFile) {
        return analyze(read(imageFile));
    }

    @Override
    public EmotionReading classifyCrop(ImageFrame crop) {
        guard.checkOpen();
        return reading(meanBrightness(crop), Span.WHOLE, null);
    }

    @Override
    public EmotionReading classifyCrop(Path cropFile) {
        return classifyCrop(read(cropFile));
    }

    @Override
    public FaceTracker openTracker() {
        return new FaceTracker() {
            private final List<EmotionReading> seen = new ArrayList<>();

            @Override
            public List<List<EmotionReading>> acceptAll(List<ImageFrame> frames) {
                List<List<EmotionReading>> all = new ArrayList<>(frames.size());
                for (ImageFrame frame : frames) {
                    List<EmotionReading> out = new ArrayList<>();
                    for (EmotionReading r : analyze(frame)) {
                        EmotionReading t = r.toBuilder().subject("track-1")
                                .span(r.span().withTime(new TimeSpan(frame.timestampSeconds(), frame.timestampSeconds()))).build();
                        out.add(t);
                        seen.add(t);
                    }
                    all.add(out);
                }
                return all;
            }

            @Override
            public List<EmotionReading> trackSummaries() {
                return seen.isEmpty() ? List.of() : List.of(seen.get(seen.size() - 1));
            }

            @Override
            public void close() {
                seen.clear();
            }
        };
    }

    private EmotionReading reading(double brightness, Span span, String subject) {
        float[] p = new float[EmotionCategory.COUNT];
        float bright = (float) brightness;
        p[EmotionCategory.HAPPINESS.index()] = bright;
        p[EmotionCategory.SADNESS.index()] = 1 - bright;
        return EmotionReading.builder().spectrum(Spectrum.of(p, VadAnchors.NRC_VAD_2018)).confidence(0.8f)
                .modality(modality()).model(MODEL).device(device()).span(span).subject(subject).build();
    }

    private static double meanBrightness(ImageFrame f) {
        ByteBuffer px = f.pixels();
        long sum = 0;
        int n = px.remaining();
        for (int i = 0; i < n; i++) {
            sum += px.get(i) & 0xff;
        }
        return sum / (255.0 * n);
    }

    /** Decodes with the JDK's ImageIO (the real module uses OpenCV). */
    public static ImageFrame read(Path file) {
        BufferedImage img;
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("no such image file: " + file);
            }
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read image " + file + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new InvalidInputException("not an image this decoder reads: " + file);
        }
        byte[] rgb = new byte[img.getWidth() * img.getHeight() * 3];
        int i = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y);
                rgb[i++] = (byte) (c >> 16);
                rgb[i++] = (byte) (c >> 8);
                rgb[i++] = (byte) c;
            }
        }
        return ImageFrame.of(img.getWidth(), img.getHeight(), PixelFormat.RGB24, rgb);
    }

    @Override
    public ModelId model() {
        return MODEL;
    }

    @Override
    public String device() {
        return "cpu()";
    }

    @Override
    public void close() {
        guard.close(); // nothing native to free
    }
}
