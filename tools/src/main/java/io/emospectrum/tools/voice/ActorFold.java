package io.emospectrum.tools.voice;

import io.emospectrum.error.ConfigurationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One fold of a leave-actors-out cross-validation: which actors train, pick the epoch and test.
 * No actor is in two of the three sets.
 *
 * @param train      actors trained on
 * @param validation actors held out for epoch selection (may be empty)
 * @param test       actors tested
 */
public record ActorFold(Set<Integer> train, Set<Integer> validation, Set<Integer> test) {

    public ActorFold {
        train = Set.copyOf(train);
        validation = Set.copyOf(validation);
        test = Set.copyOf(test);
    }

    /**
     * Cuts the actors, in ascending order, into {@code folds} runs of consecutive actors (RAVDESS
     * alternates male and female, so each run is mixed); fold k tests run k, validates on the first
     * {@code innerValidation} actors of run k+1 (cyclically) and trains on the rest.
     */
    public static List<ActorFold> split(Set<Integer> actorSet, int folds, int innerValidation) {
        List<Integer> actors = new ArrayList<>(new TreeSet<>(actorSet));
        if (folds < 2 || folds > actors.size()) {
            throw new ConfigurationException("--folds must be 2.." + actors.size() + " for actors " + actors + ", got " + folds);
        }
        List<List<Integer>> runs = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            runs.add(actors.subList(k * actors.size() / folds, (k + 1) * actors.size() / folds));
        }
        List<ActorFold> out = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            Set<Integer> test = Set.copyOf(runs.get(k));
            List<Integer> next = runs.get((k + 1) % folds);
            Set<Integer> validation = Set.copyOf(next.subList(0, Math.max(0, Math.min(innerValidation, next.size()))));
            Set<Integer> train = new TreeSet<>(actors);
            train.removeAll(test);
            train.removeAll(validation);
            out.add(new ActorFold(train, validation, test));
        }
        return out;
    }
}
