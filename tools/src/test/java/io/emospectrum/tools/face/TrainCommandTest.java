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

    /** Random erasing covers one rectangle of 2-33% of the face with noise in [-1, 1] and leaves every other pixel. */
    @Test
    void eraseCoversOneRectangleAndNothingElse() {
        int side = 64;
        Random rnd = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            float[] out = new float[2 * side * side];
            java.util.Arrays.fill(out, 2f); // outside the input range: any pixel erased shows
            int[] r = TrainCommand.erase(out, side * side, side, rnd);
            int changed = 0;
            for (int i = 0; i < out.length; i++) {
                int p = i - side * side;
                boolean inside = p >= 0 && p % side >= r[0] && p % side < r[0] + r[2] && p / side >= r[1] && p / side < r[1] + r[3];
                if (inside) {
                    assertThat(out[i]).isBetween(-1f, 1f);
                    changed++;
                } else {
                    assertThat(out[i]).as("pixel %d outside the rectangle", i).isEqualTo(2f);
                }
            }
            assertThat(changed / (double) (side * side)).isBetween(0.015, 0.34);
        }
    }
}
