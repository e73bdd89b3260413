package io.emospectrum.fusion.subtitle;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.TimeSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SubtitlesTest {

    @Test
    void readsSrtWithMultiLineCuesMarkupAndCrlf(@TempDir Path dir) throws Exception {
        Path srt = dir.resolve("a.srt");
        Files.writeString(srt, "\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>I am so happy</i>\r\ntoday!\r\n\r\n"
                + "2\r\n01:02:03,040 --> 01:02:05,000\r\n{\\an8}Leave me alone &amp; go.\r\n");

        List<SubtitleCue> cues = Subtitles.read(srt);

        assertThat(cues).hasSize(2);
        assertThat(cues.get(0).time()).isEqualTo(new TimeSpan(1.0, 2.5));
        assertThat(cues.get(0).text()).isEqualTo("I am so happy today!");
        assertThat(cues.get(1).time().start()).isCloseTo(3723.04, within(1e-9));
        assertThat(cues.get(1).text()).isEqualTo("Leave me alone & go.");
    }

    @Test
    void readsWebVttWithIdentifiersNotesAndShortTimes() {
        String vtt = "WEBVTT - a test\nKind: captions\n\nNOTE this is a comment\nspanning lines\n\n"
                + "intro\n00:01.500 --> 00:03.000 align:start\n<v Anna>Wow, what a surprise</v>\n\n"
                + "00:00:04.000 --> 00:00:06.250\nI'm afraid.\n";

        List<SubtitleCue> cues = Subtitles.parse(vtt, "t.vtt");

        assertThat(cues).extracting(SubtitleCue::text).containsExactly("Wow, what a surprise", "I'm afraid.");
        assertThat(cues.get(0).time()).isEqualTo(new TimeSpan(1.5, 3.0));
        assertThat(cues.get(1).time()).isEqualTo(new TimeSpan(4.0, 6.25));
        // a voice tag names the speaker; a cue without one has none
        assertThat(cues).extracting(SubtitleCue::speaker).containsExactly("Anna", null);
    }

    @Test
    void voiceTagsWithClassesNameTheSpeakerAndSrtHasNone() {
        List<SubtitleCue> vtt = Subtitles.parse("WEBVTT\n\n00:01.000 --> 00:02.000\n<v.loud Mr. Brown>Stop!</v>\n", "t.vtt");
        List<SubtitleCue> srt = Subtitles.parse("1\n00:00:01,000 --> 00:00:02,000\nBROWN: Stop!\n", "t.srt");

        assertThat(vtt.get(0).speaker()).isEqualTo("Mr. Brown");
        assertThat(vtt.get(0).text()).isEqualTo("Stop!");
        assertThat(vtt.get(0).clippedTo(1.5).speaker()).isEqualTo("Mr. Brown");
        assertThat(srt.get(0).speakerName()).isEmpty();
    }

    @Test
    void aBrokenTimeNamesTheFileAndLine() {
        String srt = "1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\n00:00:03,000 --> 00:0x:04,000\nbroken\n";
        assertThatThrownBy(() -> Subtitles.parse(srt, "clip.srt"))
                .isInstanceOf(SubtitleParseException.class)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("clip.srt, line 6")
                .hasMessageContaining("00:0x:04,000")
                .satisfies(e -> assertThat(((SubtitleParseException) e).line()).isEqualTo(6));
    }

    @Test
    void textThatIsNoSubtitleFileIsRejected(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Subtitles.parse("Just some prose.\nNo timings here.\n", "notes.txt"))
                .isInstanceOf(SubtitleParseException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> Subtitles.parse("\n\n", "empty.srt"))
                .isInstanceOf(SubtitleParseException.class).hasMessageContaining("no subtitle cue");
        assertThatThrownBy(() -> Subtitles.parse("1\n00:00:05,000 --> 00:00:04,000\nbackwards\n", "b.srt"))
                .hasMessageContaining("before it starts");
        Path binary = dir.resolve("x.srt");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3});
        assertThatThrownBy(() -> Subtitles.read(binary)).isInstanceOf(SubtitleParseException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> Subtitles.read(dir.resolve("missing.srt"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing.srt");
    }

    @Test
    void cuesPastTheEndAreCutOrDropped() {
        List<SubtitleCue> cues = Subtitles.parse("1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:09,000 --> 00:00:12,000\nb\n\n"
                + "3\n00:00:15,000 --> 00:00:16,000\nc\n", "s.srt");

        Subtitles.Fit fit = Subtitles.fitTo(cues, 10.0);

        assertThat(fit.pastEnd()).isEqualTo(2);
        assertThat(fit.cues()).extracting(SubtitleCue::time).containsExactly(new TimeSpan(1, 2), new TimeSpan(9, 10));
    }
}
