package io.emospectrum.image.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TfjsGraphBlockTest {

    /** The NCHW copy holds x[n, h, w, c] at [n, c, h, w], in NCHW order in memory. */
    @Test
    void toNchwMovesChannelsFirstInMemory() {
        int n = 2, h = 3, w = 4, c = 5;
        float[] nhwc = new float[n * h * w * c];
        for (int i = 0; i < nhwc.length; i++) {
            nhwc[i] = i;
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray y = TfjsGraphBlock.toNchw(m.create(nhwc, new Shape(n, h, w, c)));
            assertThat(y.getShape()).isEqualTo(new Shape(n, c, h, w));
            float[] got = y.toFloatArray();
            int k = 0;
            for (int b = 0; b < n; b++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int row = 0; row < h; row++) {
                        for (int col = 0; col < w; col++) {
                            assertThat(got[k++]).isEqualTo(nhwc[((b * h + row) * w + col) * c + ch]);
                        }
                    }
                }
            }
        }
    }
}
