package io.emospectrum.option;

import io.emospectrum.error.InvalidOptionException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionSetTest {
    static final OptionKey<Integer> MAX_TOKENS = OptionKey.integer("max-tokens").range(16, 512).defaultNote("the model's")
            .help("tokens per window").alias("maxTokens").build();
    static final OptionKey<Double> HOP = OptionKey.decimal("window-hop-seconds").greaterThan(0).defaultValue(0.5).help("hop").build();
    static final OptionKey<String> VARIANT = OptionKey.choice("variant", "int8", "fp32").defaultValue("int8").help("encoder").build();
    static final OptionKey<Boolean> MIRROR = OptionKey.bool("mirror-average").defaultValue(false).help("mirror").build();
    static final OptionSet KEYS = OptionSet.of(MAX_TOKENS, HOP, VARIANT, MIRROR);

    @Test
    void givenValuesAreTypedAndTheOthersDefault() {
        OptionValues v = KEYS.parse("p", Map.of("max-tokens", " 64 ", "variant", "fp32", "mirror-average", "TRUE"));
        assertThat(v.find(MAX_TOKENS)).contains(64);
        assertThat(v.get(VARIANT)).isEqualTo("fp32");
        assertThat(v.get(MIRROR)).isTrue();
        assertThat(v.get(HOP)).isEqualTo(0.5);
        assertThat(v.isSet(HOP)).isFalse();
        assertThatThrownBy(() -> KEYS.parse("p", Map.of()).get(MAX_TOKENS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unknownKeysAreRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> KEYS.parse("goemotions-minilm", Map.of("max-tokenz", "64")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("max-tokenz").hasMessageContaining("known: max-tokens, mirror-average, variant, window-hop-seconds")
                .satisfies(e -> assertThat(((InvalidOptionException) e).option()).isEqualTo("max-tokenz"));
    }

    @Test
    void wrongTypesAndValuesOutOfRangeNameTheKeyAndWhatIsAllowed() {
        assertThatThrownBy(() -> KEYS.parse("p", Map.of("max-tokens", "4")))
                .isInstanceOf(InvalidOptionException.class).hasMessage("p: option 'max-tokens' must be an integer in [16, 512], was '4'");
        assertThatThrownBy(() -> KEYS.parse("p", Map.of("max-tokens", "sixty")))
                .hasMessageContaining("an integer in [16, 512]");
        assertThatThrownBy(() -> KEYS.parse("p", Map.of("window-hop-seconds", "0")))
                .hasMessageContaining("a number > 0");
        assertThatThrownBy(() -> KEYS.parse("p", Map.of("window-hop-seconds", "NaN")))
                .hasMessageContaining("a number > 0");
        assertThatThrownBy(() -> KEYS.parse("p", Map.of("variant", "fp16")))
                .hasMessageContaining("one of: int8, fp32").hasMessageContaining("fp16");
        assertThatThrownBy(() -> KEYS.parse("p", Map.of("mirror-average", "yes")))
                .hasMessageContaining("true or false");
    }

    @Test
    void oldSpellingsStillWorkButNotBesideTheNewOne() {
        assertThat(KEYS.parse("p", Map.of("maxTokens", "100")).find(MAX_TOKENS)).contains(100);
        Map<String, String> both = new LinkedHashMap<>();
        both.put("max-tokens", "100");
        both.put("maxTokens", "64");
        assertThatThrownBy(() -> KEYS.parse("p", both)).isInstanceOf(InvalidOptionException.class).hasMessageContaining("twice");
    }

    @Test
    void aNamespaceHandsANestedPluginItsOwnKeys() {
        OptionSet detector = OptionSet.of(OptionKey.decimal("min-score").openRange(0, 1).defaultValue(0.8).help("lowest score").build());
        OptionSet all = KEYS.plus(detector.prefixed("detector-", "detector.", "blazeface: "));
        OptionValues v = all.parse("face", Map.of("detector.min-score", "0.7", "variant", "int8"));
        assertThat(v.rawWithPrefix("detector-")).containsExactly(Map.entry("min-score", "0.7"));
        assertThat(all.keys().get(4).help()).isEqualTo("blazeface: lowest score");
        assertThatThrownBy(() -> all.parse("face", Map.of("detector-min-score", "1")))
                .hasMessageContaining("'detector-min-score' must be a number in (0, 1)");
    }

    @Test
    void declarationsAreChecked() {
        assertThatThrownBy(() -> OptionKey.integer("maxTokens").build()).hasMessageContaining("kebab-case");
        assertThatThrownBy(() -> OptionKey.integer("tiles").range(1, 8).defaultValue(9).build()).hasMessageContaining("default 9");
        assertThatThrownBy(() -> OptionSet.of(MAX_TOKENS, MAX_TOKENS)).hasMessageContaining("twice");
        assertThat(MAX_TOKENS.defaultText()).isEqualTo("the model's");
        assertThat(HOP.defaultText()).isEqualTo("0.5");
    }
}
