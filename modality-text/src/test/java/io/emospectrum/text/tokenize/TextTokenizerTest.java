package io.emospectrum.text.tokenize;

import io.emospectrum.model.ModelFiles;
import io.emospectrum.text.TextModels;
import io.emospectrum.text.encoder.BundledEncoderFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextTokenizerTest {
    private static TextTokenizer tokenizer;

    @BeforeAll
    static void load() {
        Path cache = ModelFiles.defaultCache().directory();
        Path dir = BundledEncoderFiles.materialize(TextModels.encoderManifest(TextModels.DEFAULT_ENCODER), TextTokenizerTest.class.getClassLoader(), cache);
        tokenizer = TextTokenizer.load(dir.resolve("all-minilm-l6-v2-tokenizer.json"), 32, 8);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void shortTextIsOneUnpaddedWindowWithSpecialTokens() {
        List<TokenWindow> w = tokenizer.windows("I am happy");
        assertThat(w).hasSize(1);
        assertThat(w.get(0).wordTokens()).isEqualTo(3);
        assertThat(w.get(0).length()).isEqualTo(5); // [CLS] i am happy [SEP]
        assertThat(w.get(0).charStart()).isZero();
        assertThat(w.get(0).charEnd()).isEqualTo("I am happy".length());
    }

    @Test
    void longTextIsCutIntoOverlappingWindowsThatCoverIt() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            sb.append("word").append(i).append(' ');
        }
        String text = sb.toString().strip();
        List<TokenWindow> w = tokenizer.windows(text);
        assertThat(w.size()).isGreaterThan(3);
        assertThat(w).allSatisfy(x -> assertThat(x.length()).isLessThanOrEqualTo(32));
        assertThat(w.get(0).charStart()).isZero();
        assertThat(w.get(w.size() - 1).charEnd()).isEqualTo(text.length());
        for (int i = 1; i < w.size(); i++) {
            assertThat(w.get(i).charStart()).as("window %d overlaps the one before", i).isLessThan(w.get(i - 1).charEnd());
        }
    }

    @Test
    void characterOffsetsCountUtf16UnitsAfterEmoji() {
        String text = "😀😀 happy";
        TokenWindow w = tokenizer.windows(text).get(0);
        assertThat(w.charEnd()).isEqualTo(text.length());
        assertThat(text.substring(w.charStart(), w.charEnd())).endsWith("happy");
    }
}
