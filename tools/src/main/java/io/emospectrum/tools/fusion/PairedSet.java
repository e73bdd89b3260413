package io.emospectrum.tools.fusion;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.EmotionCategory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A synthetic multimodal set built from three unimodal data sets: each RAVDESS clip of a held-out
 * actor is paired with FER2013 validation faces and GoEmotions test texts (single Ekman label).
 * Agreeing triples share the clip's category; disagreeing ones carry three different categories.
 * The pairing is synthetic: the face, voice and words of a triple come from different people.
 * Each held-out actor is one fold; faces and texts are split between folds so that no item is in
 * two folds. Deterministic for a seed.
 */
public final class PairedSet {
    /** One triple and the fold it belongs to; {@code label} is the voice clip's category. */
    public record Triple(int fold, Path face, EmotionCategory faceCategory, Path voice, EmotionCategory label,
                         String text, EmotionCategory textCategory) {
        public boolean agreeing() {
            return faceCategory == label && textCategory == label;
        }
    }

    private static final Map<String, EmotionCategory> FER = Map.of("angry", EmotionCategory.ANGER,
            "disgust", EmotionCategory.DISGUST, "fear", EmotionCategory.FEAR, "happy", EmotionCategory.HAPPINESS,
            "neutral", EmotionCategory.NEUTRAL, "sad", EmotionCategory.SADNESS, "surprise", EmotionCategory.SURPRISE);
    // RAVDESS emotion codes 01..08; calm carries no category of its own: neutral (SPECTRUM.md)
    private static final EmotionCategory[] RAVDESS = {EmotionCategory.NEUTRAL, EmotionCategory.NEUTRAL,
            EmotionCategory.HAPPINESS, EmotionCategory.SADNESS, EmotionCategory.ANGER, EmotionCategory.FEAR,
            EmotionCategory.DISGUST, EmotionCategory.SURPRISE};
    // GoEmotions ekman/labels.txt order
    private static final EmotionCategory[] GOEMOTIONS_EKMAN = {EmotionCategory.ANGER, EmotionCategory.DISGUST,
            EmotionCategory.FEAR, EmotionCategory.HAPPINESS, EmotionCategory.NEUTRAL, EmotionCategory.SADNESS,
            EmotionCategory.SURPRISE};

    private PairedSet() {
    }

    /**
     * Builds the triples.
     *
     * @param data        the shared data root ({@code face/fer2013}, {@code speech/ravdess}, {@code text/goemotions})
     * @param actors      held-out RAVDESS actors, one fold each
     * @param perClip     agreeing triples per clip (as many disagreeing ones again)
     * @param seed        shuffling seed
     */
    public static List<Triple> build(Path data, List<Integer> actors, int perClip, long seed) {
        Random random = new Random(seed);
        int folds = actors.size();
        List<EnumMap<EmotionCategory, List<Path>>> faces = split(faces(data.resolve("face/fer2013/validation")), folds, random);
        List<EnumMap<EmotionCategory, List<String>>> texts = split(texts(data.resolve("text/goemotions/ekman/test.tsv")), folds, random);
        List<Triple> out = new ArrayList<>();
        int[] cursor = new int[2 * EmotionCategory.COUNT * folds];
        for (int fold = 0; fold < folds; fold++) {
            for (Path clip : voices(data.resolve("speech/ravdess"), actors.get(fold))) {
                EmotionCategory k = RAVDESS[Integer.parseInt(clip.getFileName().toString().substring(6, 8)) - 1];
                for (int r = 0; r < perClip; r++) {
                    out.add(triple(fold, clip, k, k, k, faces.get(fold), texts.get(fold), cursor));
                    EmotionCategory a = other(random, k, null);
                    EmotionCategory c = other(random, k, a);
                    out.add(triple(fold, clip, k, a, c, faces.get(fold), texts.get(fold), cursor));
                }
            }
        }
        return out;
    }

    private static Triple triple(int fold, Path clip, EmotionCategory k, EmotionCategory faceCat, EmotionCategory textCat,
                                 EnumMap<EmotionCategory, List<Path>> faces, EnumMap<EmotionCategory, List<String>> texts,
                                 int[] cursor) {
        int fi = (fold * 2) * EmotionCategory.COUNT + faceCat.index();
        int ti = (fold * 2 + 1) * EmotionCategory.COUNT + textCat.index();
        List<Path> fp = faces.get(faceCat);
        List<String> tp = texts.get(textCat);
        if (fp.isEmpty() || tp.isEmpty()) {
            throw new InvalidInputException("no " + (fp.isEmpty() ? "face" : "text") + " of category " + faceCat + " in fold " + fold);
        }
        return new Triple(fold, fp.get(cursor[fi]++ % fp.size()), faceCat, clip, k, tp.get(cursor[ti]++ % tp.size()), textCat);
    }

    private static EmotionCategory other(Random random, EmotionCategory not1, EmotionCategory not2) {
        while (true) {
            EmotionCategory c = EmotionCategory.ordered().get(random.nextInt(EmotionCategory.COUNT));
            if (c != not1 && c != not2) {
                return c;
            }
        }
    }

    private static <T> List<EnumMap<EmotionCategory, List<T>>> split(EnumMap<EmotionCategory, List<T>> all, int folds, Random random) {
        List<EnumMap<EmotionCategory, List<T>>> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            EnumMap<EmotionCategory, List<T>> m = new EnumMap<>(EmotionCategory.class);
            for (EmotionCategory c : EmotionCategory.ordered()) {
                m.put(c, new ArrayList<>());
            }
            out.add(m);
        }
        all.forEach((c, items) -> {
            List<T> shuffled = new ArrayList<>(items);
            Collections.shuffle(shuffled, random);
            for (int i = 0; i < shuffled.size(); i++) {
                out.get(i % folds).get(c).add(shuffled.get(i));
            }
        });
        return out;
    }

    private static EnumMap<EmotionCategory, List<Path>> faces(Path dir) {
        EnumMap<EmotionCategory, List<Path>> out = new EnumMap<>(EmotionCategory.class);
        FER.forEach((folder, c) -> out.put(c, list(dir.resolve(folder))));
        return out;
    }

    private static List<Path> voices(Path dir, int actor) {
        return list(dir.resolve(String.format("Actor_%02d", actor)));
    }

    private static List<Path> list(Path dir) {
        io.emospectrum.tools.SharedData.require(dir, "data directory");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static EnumMap<EmotionCategory, List<String>> texts(Path tsv) {
        EnumMap<EmotionCategory, List<String>> out = new EnumMap<>(EmotionCategory.class);
        for (EmotionCategory c : EmotionCategory.ordered()) {
            out.put(c, new ArrayList<>());
        }
        try {
            for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
                String[] cols = line.split("\t");
                if (cols.length >= 2 && !cols[1].contains(",") && !cols[0].isBlank()) {
                    out.get(GOEMOTIONS_EKMAN[Integer.parseInt(cols[1].trim())]).add(cols[0]);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + tsv + ": " + e.getMessage(), e);
        }
        return out;
    }
}
