package io.emospectrum.taxonomy;

import io.emospectrum.error.ModelLoadException;
import io.emospectrum.error.UnmappedLabelException;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.VadAnchors;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LabelMappingTest {
    private static LabelMapping json(String s) {
        return LabelMapping.fromJson(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    private static final String RAVDESS_LIKE = """
            { "mapping": {
                "neutral": "NEUTRAL", "calm": "neutral", "happy": "HAPPINESS",
                "nervous": ["FEAR", "SURPRISE"],
                "disappointed": { "SADNESS": 0.75, "ANGER": 0.25 } } }""";

    @Test
    void parsesOneToOneManyToOneAndWeightedEntries() {
        LabelMapping m = json(RAVDESS_LIKE);
        assertThat(m.labels()).containsExactly("neutral", "calm", "happy", "nervous", "disappointed");
        assertThat(m.weights("calm").weight(EmotionCategory.NEUTRAL)).isEqualTo(1f);
        assertThat(m.weights("nervous").weight(EmotionCategory.FEAR)).isEqualTo(0.5f);
        assertThat(m.weights("disappointed").weight(EmotionCategory.SADNESS)).isEqualTo(0.75f);
    }

    @Test
    void boundMappingSumsLabelScoresIntoCategoriesInModelOrder() {
        BoundLabelMapping b = json(RAVDESS_LIKE).bind(List.of("happy", "disappointed", "neutral", "calm", "nervous"));
        float[] c = b.categoryScores(new float[] {0.2f, 0.4f, 0.1f, 0.1f, 0.2f});
        assertThat(c[EmotionCategory.HAPPINESS.index()]).isCloseTo(0.2f, within(1e-6f));
        assertThat(c[EmotionCategory.SADNESS.index()]).isCloseTo(0.3f, within(1e-6f));
        assertThat(c[EmotionCategory.ANGER.index()]).isCloseTo(0.1f, within(1e-6f));
        assertThat(c[EmotionCategory.NEUTRAL.index()]).isCloseTo(0.2f, within(1e-6f));
        assertThat(c[EmotionCategory.FEAR.index()]).isCloseTo(0.1f, within(1e-6f));
        Spectrum s = b.toSpectrum(new float[] {0.2f, 0.4f, 0.1f, 0.1f, 0.2f}, VadAnchors.NRC_VAD_2018);
        assertThat(s.dominant()).isEqualTo(EmotionCategory.SADNESS);
    }

    @Test
    void anUnmappedModelLabelFailsAtLoad() {
        LabelMapping m = json(RAVDESS_LIKE);
        assertThatThrownBy(() -> m.bind(List.of("neutral", "calm", "happy", "nervous", "disappointed", "sarcastic")))
                .isInstanceOf(UnmappedLabelException.class)
                .hasMessageContaining("sarcastic")
                .satisfies(e -> assertThat(((UnmappedLabelException) e).labels()).containsExactly("sarcastic"));
    }

    @Test
    void aMappingEntryForALabelTheModelLacksFailsAtLoad() {
        assertThatThrownBy(() -> json(RAVDESS_LIKE).bind(List.of("neutral", "calm", "happy", "nervous")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("disappointed");
    }

    @Test
    void malformedDeclarationsSayWhatIsWrong() {
        assertThatThrownBy(() -> json("{\"mapping\": {\"x\": \"JOY\"}}")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("'x'").hasMessageContaining("JOY");
        assertThatThrownBy(() -> json("{\"mapping\": {\"x\": {\"ANGER\": -1}}}")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> json("[1, 2]")).isInstanceOf(ModelLoadException.class).hasMessageContaining("\"mapping\"");
        assertThatThrownBy(() -> json("{ not json")).isInstanceOf(ModelLoadException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void identityMapsTheCategoryNames() {
        BoundLabelMapping b = LabelMapping.identity().bind(EmotionCategory.ordered().stream().map(EmotionCategory::key).toList());
        assertThat(b.categoryScores(new float[] {0, 0, 0, 0, 1, 0, 0})[EmotionCategory.FEAR.index()]).isEqualTo(1f);
    }
}
