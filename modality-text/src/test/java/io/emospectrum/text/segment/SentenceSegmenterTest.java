package io.emospectrum.text.segment;

import io.emospectrum.spectrum.TextSpan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceSegmenterTest {
    private final SentenceSegmenter segmenter = new SentenceSegmenter(Locale.ENGLISH);

    @Test
    void splitsSentencesAndTrimsTheirSpans() {
        String text = "  I love it! Do you?\n\nNo.   ";
        List<TextSpan> spans = segmenter.split(text);
        assertThat(spans.stream().map(s -> text.substring(s.start(), s.end())).toList())
                .containsExactly("I love it!", "Do you?", "No.");
    }

    @Test
    void whiteSpaceOnlyGivesNoSentenceAndOffsetsAreUtf16() {
        assertThat(segmenter.split(" \n\t ")).isEmpty();
        String text = "Great 😀. Sad 😢 indeed.";
        List<TextSpan> spans = segmenter.split(text);
        assertThat(spans.stream().map(s -> text.substring(s.start(), s.end())).toList())
                .containsExactly("Great 😀.", "Sad 😢 indeed.");
    }
}
