package io.emospectrum.spi;

import io.emospectrum.media.ImageFrame;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads facial expressions: finds the faces in an image and classifies each. */
public interface FaceEmotionExtractor extends EmotionExtractor {

    /** One reading per face found, each with its box; an empty list when there is no face. */
    List<EmotionReading> analyze(ImageFrame image);

    /**
     * Decodes an image file (JPEG, PNG, BMP, WebP where supported) and analyzes it.
     *
     * @throws io.emospectrum.error.InvalidInputException if the file is missing, empty, corrupt
     *         or too large
     */
    List<EmotionReading> analyze(Path imageFile);

    /** Classifies an image that is already a face crop: no detection. */
    EmotionReading classifyCrop(ImageFrame crop);

    /** Decodes a face-crop image file and classifies it without detection. */
    EmotionReading classifyCrop(Path cropFile);

    /** Classifies many crops, batched; results in input order. */
    default List<EmotionReading> classifyCrops(List<ImageFrame> crops) {
        List<EmotionReading> out = new ArrayList<>(crops.size());
        for (ImageFrame c : crops) {
            out.add(classifyCrop(c));
        }
        return out;
    }

    /** A tracker for the frames of one video. */
    FaceTracker openTracker();

    @Override
    default Modality modality() {
        return Modality.FACE;
    }
}
