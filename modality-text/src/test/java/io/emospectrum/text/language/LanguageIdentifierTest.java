package io.emospectrum.text.language;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageIdentifierTest {
    private static LanguageIdentifier english;

    @BeforeAll
    static void load() {
        english = LanguageIdentifier.of(Set.of("en"));
    }

    private static List<String> lines(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(LanguageIdentifierTest.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    @Test
    void shortEverydayEnglishIsNotFlagged() throws IOException {
        for (String s : lines("english.txt")) {
            LanguageIdentifier.Identification id = english.identify(s);
            assertThat(id.supported()).as(s).isTrue();
            assertThat(id.language()).as(s).isIn("en", LanguageIdentifier.Identification.UNDETERMINED);
        }
    }

    @Test
    void shortSentencesInOtherLanguagesAreFlaggedWithTheirLanguage() throws IOException {
        List<String> rows = lines("non-english.tsv");
        int flagged = 0;
        int named = 0;
        for (String row : rows) {
            String gold = row.substring(0, row.indexOf('\t'));
            LanguageIdentifier.Identification id = english.identify(row.substring(row.indexOf('\t') + 1));
            flagged += id.supported() ? 0 : 1;
            named += id.language().equals(gold) ? 1 : 0;
        }
        // 28 of these 30 when the threshold was chosen; the two misses are 14-16-letter sentences.
        assertThat(flagged).isGreaterThanOrEqualTo(26);
        assertThat(named).isGreaterThanOrEqualTo(27);
    }

    @Test
    void otherScriptsAreFlaggedEvenWhenShort() {
        assertThat(english.identify("今日はとても嬉しいです。")).isEqualTo(new LanguageIdentifier.Identification("ja", false));
        assertThat(english.identify("Я сегодня очень счастлив.").supported()).isFalse();
    }

    @Test
    void tooFewLettersToTellAreUndeterminedAndNotFlagged() {
        for (String s : List.of("😡😡😡", "lol", "ok!!", "123 456")) {
            assertThat(english.identify(s)).as(s).isEqualTo(new LanguageIdentifier.Identification("und", true));
        }
    }

    @Test
    void plainEnglishIsNamedEnglishWithoutTheNgramModels() throws IOException {
        // Lingua's trigrams alone call this German (still supported); the marker words settle it
        assertThat(LanguageIdentifier.plainlyEnglish("What do you think of your teacher?")).isTrue();
        assertThat(english.identify("What do you think of your teacher?")).isEqualTo(new LanguageIdentifier.Identification("en", true));
        assertThat(LanguageIdentifier.plainlyEnglish("That’s the thing: they don’t know what they want.")).isTrue();
        // too few markers, or too small a share of the words: left to Lingua
        assertThat(LanguageIdentifier.plainlyEnglish("Absolutely wonderful performance tonight, congratulations everyone!")).isFalse();
        assertThat(LanguageIdentifier.plainlyEnglish("the and you " + "word ".repeat(20))).isFalse();
        // another script anywhere: left to Lingua
        assertThat(LanguageIdentifier.plainlyEnglish("What do you think about this? 今日はとても嬉しいです。")).isFalse();
        for (String row : lines("non-english.tsv")) {
            assertThat(LanguageIdentifier.plainlyEnglish(row.substring(row.indexOf('\t') + 1))).as(row).isFalse();
        }
    }

    @Test
    void aModelThatReadsTheLanguageIsNotFlagged() {
        LanguageIdentifier both = LanguageIdentifier.of(Set.of("en", "fr"));
        assertThat(both.identify("Le train était encore en retard et je suis furieux."))
                .isEqualTo(new LanguageIdentifier.Identification("fr", true));
    }
}
