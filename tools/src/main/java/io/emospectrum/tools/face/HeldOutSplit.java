package io.emospectrum.tools.face;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A fixed, seeded, stratified split of a labelled list into a training part and a held-out part
 * (the same fraction of every class), for choosing epochs and recipes without touching the test
 * split. The same samples, fraction and seed always give the same split.
 */
public record HeldOutSplit(List<Fer2013.Sample> train, List<Fer2013.Sample> heldOut) {
    /** The held-out fraction and seed that {@code train} and {@code evaluate --held-out} use by default. */
    public static final double DEFAULT_FRACTION = 0.1;
    public static final long DEFAULT_SEED = 2013;

    public HeldOutSplit {
        train = List.copyOf(train);
        heldOut = List.copyOf(heldOut);
    }

    /**
     * @param samples  in a fixed order ({@link Fer2013#list} sorts them)
     * @param fraction of each class held out, in [0, 1)
     */
    public static HeldOutSplit of(List<Fer2013.Sample> samples, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("held-out fraction must be in [0, 1), got " + fraction);
        }
        List<List<Fer2013.Sample>> byClass = new ArrayList<>();
        for (Fer2013.Sample s : samples) {
            while (byClass.size() <= s.label()) {
                byClass.add(new ArrayList<>());
            }
            byClass.get(s.label()).add(s);
        }
        Random rnd = new Random(seed);
        List<Fer2013.Sample> train = new ArrayList<>();
        List<Fer2013.Sample> held = new ArrayList<>();
        for (List<Fer2013.Sample> c : byClass) {
            Collections.shuffle(c, rnd);
            int n = (int) Math.round(c.size() * fraction);
            held.addAll(c.subList(0, n));
            train.addAll(c.subList(n, c.size()));
        }
        return new HeldOutSplit(train, held);
    }
}
