package io.emospectrum.tools.face;

import io.emospectrum.image.expression.FaceCropper;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.media.PixelFormat;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {

    /**
     * Distillation takes the teachers' mirrored scores exactly when augmentation mirrors the face,
     * so the flag that {@code augment} returns must say what it did to the pixels.
     */
    @Test
    void augmentSaysWhetherItMirroredTheFace() {
        byte[] px = new byte[48 * 48];
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                px[y * 48 + x] = (byte) (x * 5); // dark on the left, bright on the right
            }
        }
        ImageFrame face = ImageFrame.of(48, 48, PixelFormat.GRAY8, px);
        FaceCropper cropper = new FaceCropper(64);
        float[] out = new float[64 * 64];
        Random rnd = new Random(3);
        int mirrored = 0;
        for (int trial = 0; trial < 40; trial++) {
            boolean flag = TrainCommand.augment(cropper, face, rnd, out, 0);
            double left = 0;
            double right = 0;
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 32; x++) {
                    left += out[y * 64 + x];
                    right += out[y * 64 + 63 - x];
                }
            }
            assertThat(left > right).as("trial %d: bright side on the left iff mirrored", trial).isEqualTo(flag);
            mirrored += flag ? 1 : 0;
        }
        assertThat(mirrored).isBetween(10, 30); // about half
    }
}
