package io.emospectrum.fusion.subtitle;

import io.emospectrum.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Subtitle files that would cost unbounded time or memory fail as subtitle errors with file and line. */
class SubtitleLimitsTest {
    @Test
    void absurdHoursAreAParseErrorWithTheLine() {
        String srt = "1\n99999999999999999999:00:00,000 --> 99999999999999999999:00:01,000\nhuge hours\n";
        assertThatThrownBy(() -> Subtitles.parse(srt, "huge.srt"))
                .isInstanceOf(SubtitleParseException.class).hasMessageContaining("huge.srt, line 2").hasMessageContaining("hours");
        assertThat(Subtitles.parse("1\n9999:00:00,000 --> 9999:00:01,000\nlong film\n", "ok.srt")).hasSize(1);
    }

    @Test
    void moreCuesThanTheCeilingAreRefused() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= Subtitles.MAX_CUES; i++) {
            b.append(i + 1).append("\n00:00:01,000 --> 00:00:02,000\nword ").append(i).append("\n\n");
        }
        assertThatThrownBy(() -> Subtitles.parse(b.toString(), "many.srt"))
                .isInstanceOf(SubtitleParseException.class).hasMessageContaining("more than " + Subtitles.MAX_CUES + " cues");
    }

    @Test
    void aDirectoryOrDeviceIsNotASubtitleFile(@TempDir Path dir) {
        assertThatThrownBy(() -> Subtitles.read(dir)).isInstanceOf(InvalidInputException.class).hasMessageContaining("not a regular file");
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            assertThatThrownBy(() -> Subtitles.read(zero)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("not a regular file");
        }
    }
}
