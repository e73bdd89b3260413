package io.emospectrum.image.expression;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.image.MiniXceptionFaceProvider;
import io.emospectrum.image.TestImages;
import io.emospectrum.spectrum.BoundingBox;
import io.emospectrum.spi.ExtractorOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExpressionClassifierTest {
    /** The astronaut's face (off-centre, lit from one side: not mirror-symmetric) and the whole photo. */
    private static float[] crops(FaceCropper cropper) {
        var photo = TestImages.decode(TestImages.astronaut());
        float[] c = new float[2 * cropper.cropSize()];
        cropper.crop(photo, new BoundingBox(150, 40, 130, 150), 0, c, 0);
        cropper.crop(photo, c, cropper.cropSize());
        return c;
    }

    @Test
    void mirrorAveragingScoresACropAndItsMirrorAlikeAndAveragesThePlainScores() {
        try (ExpressionClassifier plain = MiniXceptionFaceProvider.loadClassifier(ExtractorOptions.defaults());
             ExpressionClassifier averaged = MiniXceptionFaceProvider.loadClassifier(
                     ExtractorOptions.builder().property("mirror-average", "true").build())) {
            assertThat(plain.mirrorAverage()).isFalse();
            assertThat(averaged.mirrorAverage()).isTrue();
            FaceCropper cropper = new FaceCropper(plain.side());
            float[] x = crops(cropper);
            float[] m = ExpressionClassifier.mirror(x, 2, plain.side());
            float[][] px = plain.scores(x, 2);
            float[][] pm = plain.scores(m, 2);
            float[][] ax = averaged.scores(x, 2);
            float[][] am = averaged.scores(m, 2);
            double plainGap = 0;
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < px[i].length; k++) {
                    plainGap = Math.max(plainGap, Math.abs(px[i][k] - pm[i][k]));
                    assertThat(ax[i][k]).isCloseTo((px[i][k] + pm[i][k]) / 2, within(1e-5f));
                    assertThat(am[i][k]).isCloseTo(ax[i][k], within(1e-5f)); // invariant to the mirror
                }
            }
            assertThat(plainGap).as("the plain network does see the mirror as a different input").isGreaterThan(1e-3);
        }
    }

    @Test
    void mirrorOfAMirrorIsTheCrop() {
        float[] x = crops(new FaceCropper(64));
        assertThat(ExpressionClassifier.mirror(ExpressionClassifier.mirror(x, 2, 64), 2, 64)).containsExactly(x);
        assertThat(ExpressionClassifier.mirror(x, 2, 64)[0]).isEqualTo(x[63]);
    }

    @Test
    void aMirrorAverageThatIsNotABooleanIsAConfigurationError() {
        assertThatThrownBy(() -> MiniXceptionFaceProvider.loadClassifier(ExtractorOptions.builder().property("mirror-average", "yes").build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'mirror-average' must be true or false");
    }
}
