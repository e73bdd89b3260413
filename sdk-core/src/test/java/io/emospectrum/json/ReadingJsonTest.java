package io.emospectrum.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.spectrum.BoundingBox;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.LabelScores;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.ModelId;
import io.emospectrum.spectrum.Span;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextCaution;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingJsonTest {
    @Test
    void writesTheVectorInSpectrumOrderAndEveryKnownField() {
        EmotionReading r = EmotionReading.builder()
                .spectrum(Spectrum.of(new float[] {0.1f, 0.6f, 0, 0, 0, 0, 0.3f}, 0.5f, 0.25f))
                .confidence(0.75f).modality(Modality.FACE).model(new ModelId("mini-xception", "2"))
                .device("cpu()").span(new Span(new TimeSpan(1.5, 2), null, new BoundingBox(1, 2, 3, 4)))
                .subject("track-7").modelScores(LabelScores.of(List.of("happy", "surprise"), new float[] {0.6f, 0.3f}))
                .build();
        JsonNode n = new ReadingJson().toNode(r);
        assertThat(n.get("vector")).hasSize(9);
        assertThat(n.get("vector").get(1).floatValue()).isEqualTo(0.6f);
        assertThat(n.get("vector").get(7).floatValue()).isEqualTo(0.5f);
        assertThat(n.get("spectrum").get("happiness").floatValue()).isEqualTo(0.6f);
        assertThat(n.get("spectrum").get("arousal").floatValue()).isEqualTo(0.25f);
        assertThat(n.get("dominant").asText()).isEqualTo("happiness");
        assertThat(n.get("modality").asText()).isEqualTo("face");
        assertThat(n.get("model").asText()).isEqualTo("mini-xception@2");
        assertThat(n.get("device").asText()).isEqualTo("cpu()");
        assertThat(n.get("start").asDouble()).isEqualTo(1.5);
        assertThat(n.get("box").get("height").floatValue()).isEqualTo(4f);
        assertThat(n.get("subject").asText()).isEqualTo("track-7");
        assertThat(n.get("labels").get("surprise").floatValue()).isEqualTo(0.3f);
        assertThat(n.has("textStart")).isFalse();
    }

    @Test
    void aTextAnalysisAddsItsLanguageAndCautionsOnlyWhereKnown() {
        EmotionReading r = EmotionReading.builder().spectrum(Spectrum.of(new float[] {0.2f, 0.8f, 0, 0, 0, 0, 0}, 0.4f, 0.2f))
                .confidence(0.8f).modality(Modality.TEXT).model(new ModelId("m", "1")).device("cpu()").build();
        ReadingJson json = new ReadingJson();
        ObjectNode flagged = json.mapper().createObjectNode();
        json.writeText(new TextAnalysis(r, List.of(), "en", true, Set.of(TextCaution.QUESTION, TextCaution.NEGATION)), flagged);
        assertThat(flagged.get("language").asText()).isEqualTo("en");
        assertThat(flagged.get("unsupportedLanguage").asBoolean()).isFalse();
        assertThat(flagged.get("cautions")).extracting(JsonNode::asText).containsExactly("negation", "question");

        ObjectNode plain = json.mapper().createObjectNode();
        json.writeText(new TextAnalysis(r, List.of()), plain);
        assertThat(plain.has("language")).isFalse();
        assertThat(plain.has("cautions")).isFalse();
    }
}
