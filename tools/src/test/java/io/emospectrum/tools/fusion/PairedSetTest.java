package io.emospectrum.tools.fusion;

import io.emospectrum.spectrum.EmotionCategory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Builds the paired set from the shared data; skipped where the data is absent (SDK users). */
class PairedSetTest {
    private static Path data;

    @BeforeAll
    static void data() {
        String dir = System.getProperty("emospectrum.shared.data");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "speech/ravdess/Actor_19"))
                        && Files.isDirectory(Path.of(dir, "face/fer2013/validation"))
                        && Files.isRegularFile(Path.of(dir, "text/goemotions/ekman/test.tsv")),
                "shared data (FER2013, RAVDESS, GoEmotions) not found at emospectrum.shared.data=" + dir + "; skipping");
        data = Path.of(dir);
    }

    @Test
    void pairsEachHeldOutClipWithFacesAndTextsOfTheRightCategories() {
        List<PairedSet.Triple> triples = PairedSet.build(data, List.of(19, 20), 2, 42);

        long clips;
        try (var s = Files.list(data.resolve("speech/ravdess/Actor_19"))) {
            clips = s.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(triples.stream().filter(t -> t.fold() == 0)).hasSize((int) clips * 4);
        List<PairedSet.Triple> agreeing = triples.stream().filter(PairedSet.Triple::agreeing).toList();
        assertThat(agreeing).hasSize(triples.size() / 2);
        // the folder a face comes from is its category; the clip's name says the voice's
        assertThat(triples).allSatisfy(t -> {
            assertThat(t.face().getParent().getFileName().toString()).isEqualTo(switch (t.faceCategory()) {
                case NEUTRAL -> "neutral"; case HAPPINESS -> "happy"; case SADNESS -> "sad"; case ANGER -> "angry";
                case FEAR -> "fear"; case DISGUST -> "disgust"; case SURPRISE -> "surprise"; });
            assertThat(t.voice().toString()).contains(t.fold() == 0 ? "Actor_19" : "Actor_20");
        });
        // disagreeing triples carry three different categories
        assertThat(triples.stream().filter(t -> !t.agreeing())).allSatisfy(t ->
                assertThat(Set.of(t.faceCategory(), t.label(), t.textCategory())).hasSize(3));
        // no face or text in two folds
        Set<Path> fold0 = triples.stream().filter(t -> t.fold() == 0).map(PairedSet.Triple::face).collect(Collectors.toSet());
        Set<Path> fold1 = new HashSet<>(triples.stream().filter(t -> t.fold() == 1).map(PairedSet.Triple::face).toList());
        fold1.retainAll(fold0);
        assertThat(fold1).isEmpty();
        // calm clips (code 02) count as neutral
        assertThat(triples.stream().filter(t -> t.voice().getFileName().toString().startsWith("03-01-02")))
                .isNotEmpty().allSatisfy(t -> assertThat(t.label()).isEqualTo(EmotionCategory.NEUTRAL));
        assertThat(PairedSet.build(data, List.of(19, 20), 2, 42)).isEqualTo(triples);
    }
}
