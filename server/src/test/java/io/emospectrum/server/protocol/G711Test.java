package io.emospectrum.server.protocol;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/** G.711 expansion against the values of the ITU-T reference tables. */
class G711Test {
    @Test
    void muLawMatchesTheReferenceValues() {
        assertThat(G711.ulawToLinear((byte) 0xFF)).isZero();          // positive zero
        assertThat(G711.ulawToLinear((byte) 0x7F)).isZero();          // negative zero
        assertThat(G711.ulawToLinear((byte) 0x80)).isEqualTo(32124);  // largest positive
        assertThat(G711.ulawToLinear((byte) 0x00)).isEqualTo(-32124); // largest negative
        assertThat(G711.ulawToLinear((byte) 0xFE)).isEqualTo(8);
        assertThat(G711.ulawToLinear((byte) 0xEF)).isEqualTo(132);
    }

    @Test
    void aLawMatchesTheReferenceValues() {
        assertThat(G711.alawToLinear((byte) 0xD5)).isEqualTo(8);
        assertThat(G711.alawToLinear((byte) 0x55)).isEqualTo(-8);
        assertThat(G711.alawToLinear((byte) 0xAA)).isEqualTo(32256);
        assertThat(G711.alawToLinear((byte) 0x2A)).isEqualTo(-32256);
    }

    @Test
    void bothLawsAreMonotonicOverTheirCodes() {
        // Ordering the 128 positive codes by magnitude must order the decoded values the same way.
        int previousU = -1;
        for (int seg = 0; seg < 8; seg++) {
            for (int m = 0; m < 16; m++) {
                int u = G711.ulawToLinear((byte) ~(seg << 4 | m));
                assertThat(u).isGreaterThan(previousU);
                previousU = u;
            }
        }
        int previousA = 0;
        for (int seg = 0; seg < 8; seg++) {
            for (int m = 0; m < 16; m++) {
                int a = G711.alawToLinear((byte) ((0x80 | seg << 4 | m) ^ 0x55));
                assertThat(a).isGreaterThan(previousA);
                previousA = a;
            }
        }
    }

    @Test
    void encodingsDecodeWholeSamplesToUnitRange() {
        ByteBuffer pcm = ByteBuffer.wrap(new byte[] {0x00, (byte) 0x80, (byte) 0xFF, 0x7F, 0x00, 0x40});
        float[] x = AudioEncoding.PCM16.decode(pcm);
        assertThat(x).containsExactly(-1f, 32767 / 32768f, 0.5f);
        assertThat(AudioEncoding.MULAW.decode(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0x00})))
                .containsExactly(32124 / 32768f, -32124 / 32768f);
        assertThat(AudioEncoding.parse(" PCM16 ")).isEqualTo(AudioEncoding.PCM16);
    }
}
