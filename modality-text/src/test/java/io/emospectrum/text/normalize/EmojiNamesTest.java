package io.emospectrum.text.normalize;

import io.emospectrum.spectrum.TextSpan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmojiNamesTest {
    private final EmojiNames names = new EmojiNames();

    @Test
    void emojiAreReplacedByTheirNames() {
        assertThat(names.normalize("😡😡").text()).isEqualTo(" enraged face  enraged face ");
        assertThat(names.normalize("I ❤️ it 👍🏽").text()).isEqualTo("I  red heart  it  thumbs up ");
        assertThat(names.normalize("so sad 😭").text()).isEqualTo("so sad  loudly crying face ");
    }

    @Test
    void textWithoutEmojiAndPlainSymbolsAreUnchanged() {
        for (String s : new String[]{"plain text", "© 2024 Acme™ #1", ""}) {
            EmojiNames.Normalized n = names.normalize(s);
            assertThat(n.text()).isEqualTo(s);
            if (!s.isEmpty()) {
                assertThat(n.original(new TextSpan(1, s.length()))).isEqualTo(new TextSpan(1, s.length()));
            }
        }
    }

    @Test
    void spansMapBackToTheCallersCharacters() {
        String text = "Great 😡 day. Bad 👍🏽";
        EmojiNames.Normalized n = names.normalize(text);
        String read = n.text();
        int day = read.indexOf("day");
        assertThat(n.original(new TextSpan(day, day + 3))).isEqualTo(new TextSpan(text.indexOf("day"), text.indexOf("day") + 3));
        int thumbs = read.indexOf("thumbs");
        // any part of an emoji's name maps to the whole emoji (its surrogate pairs and modifier)
        assertThat(n.original(new TextSpan(thumbs, thumbs + 2))).isEqualTo(new TextSpan(text.indexOf("👍"), text.length()));
        assertThat(n.original(new TextSpan(0, read.length()))).isEqualTo(new TextSpan(0, text.length()));
    }
}
