package io.emospectrum.tools.voice;

import io.emospectrum.error.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorFoldTest {

    @Test
    void everyActorIsTestedOnceAndNeverOnTwoSidesOfAFold() {
        Set<Integer> actors = RavdessCorpus.range(1, 20);
        List<ActorFold> folds = ActorFold.split(actors, 5, 2);

        assertThat(folds).hasSize(5);
        Set<Integer> tested = new HashSet<>();
        for (ActorFold f : folds) {
            assertThat(f.test()).hasSize(4).doesNotContainAnyElementsOf(f.train()).doesNotContainAnyElementsOf(f.validation());
            assertThat(f.validation()).hasSize(2).doesNotContainAnyElementsOf(f.train());
            Set<Integer> all = new HashSet<>(f.train());
            all.addAll(f.validation());
            all.addAll(f.test());
            assertThat(all).isEqualTo(actors);
            assertThat(f.test().stream().filter(a -> a % 2 == 1)).as("male and female actors in each test fold").hasSize(2);
            assertThat(tested.addAll(f.test())).isTrue();
        }
        assertThat(tested).isEqualTo(actors);
    }

    @Test
    void withoutInnerValidationEveryOtherActorTrains() {
        List<ActorFold> folds = ActorFold.split(Set.of(3, 1, 2, 4, 5, 6), 3, 0);
        assertThat(folds.get(0).test()).containsExactlyInAnyOrder(1, 2);
        assertThat(folds.get(0).validation()).isEmpty();
        assertThat(folds.get(0).train()).containsExactlyInAnyOrder(3, 4, 5, 6);
    }

    @Test
    void moreFoldsThanActorsIsAConfigurationError() {
        assertThatThrownBy(() -> ActorFold.split(Set.of(1, 2), 3, 0)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--folds");
    }
}
