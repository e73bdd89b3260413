package io.emospectrum.media.javacv;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.media.ImageFrame;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MediaGrabberFactoryTest {
    private static final MediaGrabberFactory CLIPS = MediaGrabberFactory.builder().describedAs("clip").bgrImages().build();

    @TempDir
    Path dir;

    @Test
    void missingEmptyAndForeignFilesFailWithTypedErrorsThatNameThem() throws Exception {
        Path missing = dir.resolve("missing.mp4");
        assertThatThrownBy(() -> CLIPS.open(missing)).isExactlyInstanceOf(InvalidInputException.class)
                .hasMessageContaining("clip file " + missing).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> CLIPS.open(dir)).isExactlyInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a regular file");
        Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        assertThatThrownBy(() -> CLIPS.open(empty)).isExactlyInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty (0 bytes)");
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video at all\n".repeat(50));
        assertThatThrownBy(() -> CLIPS.open(text)).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("cannot open clip " + text);
        assertThatThrownBy(() -> CLIPS.openUrl("file:" + dir.resolve("nowhere.mp4"))).isInstanceOf(UnsupportedMediaException.class)
                .hasMessageContaining("nowhere.mp4");
    }

    @Test
    void anInputWithoutTheRequiredTrackIsUnsupported() throws Exception {
        Path wav = TestMedia.wav(dir.resolve("silence.wav"), 16_000, 1, 1);
        Path silent = TestMedia.mp4(dir.resolve("silent.mp4"), 5, 0);
        MediaGrabberFactory.Builder b = MediaGrabberFactory.builder();
        assertThatThrownBy(() -> b.require(MediaGrabberFactory.Require.VIDEO).build().open(wav))
                .isInstanceOf(UnsupportedMediaException.class).hasMessage(wav + " has no video stream");
        assertThatThrownBy(() -> b.require(MediaGrabberFactory.Require.AUDIO).build().open(silent))
                .isInstanceOf(UnsupportedMediaException.class).hasMessage(silent + " has no audio track");
        try (MediaGrabber m = MediaGrabberFactory.builder().build().open(wav)) {
            assertThat(m.hasAudio()).isTrue();
            assertThat(m.hasVideo()).isFalse();
            assertThat(m.width()).isZero();
        }
    }

    @Test
    void decodesPicturesScaledByFfmpegAndSoundResampled() throws Exception {
        Path clip = TestMedia.mp4(dir.resolve("clip.mp4"), 20, 44_100);
        MediaGrabberFactory f = MediaGrabberFactory.builder().bgrImages().resampledAudio(16_000, 1).build();
        int pictures = 0;
        long samples = 0;
        try (MediaGrabber m = f.open(clip); ImageFrameConverter images = new ImageFrameConverter();
             AudioBufferConverter sounds = new AudioBufferConverter()) {
            assertThat(m.hasVideo()).isTrue();
            assertThat(m.hasAudio()).isTrue();
            assertThat(m.sampleRate()).isEqualTo(16_000);
            assertThat(m.channels()).isEqualTo(1);
            assertThat(m.declaredSeconds()).isCloseTo(2.0, within(0.15));
            assertThat(m.scaleImagesTo(80)).isEqualTo(0.5);
            assertThat(m.width()).as("the stream's own size").isEqualTo(TestMedia.WIDTH);
            Frame fr;
            while ((fr = m.grab()) != null) {
                if (fr.image != null) {
                    ImageFrame img = images.convert(fr);
                    assertThat(img.width()).isEqualTo(80);
                    assertThat(img.height()).isEqualTo(60);
                    // the gray level written for this frame, through MPEG-4 and the scaler
                    assertThat(img.pixels().get(60 * 80 * 3 / 2) & 0xff).isCloseTo(20 * pictures % 256, within(12));
                    pictures++;
                } else if (fr.samples != null) {
                    AudioBuffer a = sounds.convert(fr);
                    assertThat(a.sampleRate()).isEqualTo(16_000);
                    assertThat(a.channels()).isEqualTo(1);
                    samples += a.frames();
                }
            }
            assertThat(m.truncation()).isEmpty();
        }
        assertThat(pictures).isEqualTo(20);
        assertThat(samples / 16_000.0).isCloseTo(2.0, within(0.1));
    }

    @Test
    void aFileCutShortOfItsIndexReportsWhereItEnds() throws Exception {
        byte[] whole = Files.readAllBytes(TestMedia.mp4(dir.resolve("whole.mp4"), 40, 0));
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length * 6 / 10));
        int frames = 0;
        try (MediaGrabber m = CLIPS.open(cut)) {
            while (m.grabImage() != null) {
                frames++;
            }
            assertThat(m.truncation()).hasValueSatisfying(t -> {
                assertThat(t.fileBytes()).isEqualTo(whole.length * 6 / 10);
                assertThat(t.indexedBytes()).isGreaterThan(t.fileBytes()).isLessThanOrEqualTo(whole.length);
                assertThat(t.describe()).contains("ends at byte " + t.fileBytes());
            });
        }
        assertThat(frames).isBetween(10, 35);
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        MediaGrabber m = CLIPS.open(TestMedia.mp4(dir.resolve("a.mp4"), 3, 0));
        m.close();
        m.close();
    }
}
