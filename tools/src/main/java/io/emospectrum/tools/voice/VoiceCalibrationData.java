package io.emospectrum.tools.voice;

import io.emospectrum.audio.features.FrameFeatures;
import io.emospectrum.audio.features.VoiceActivity;
import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.audio.model.VoiceModelConfig;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What a voice ensemble said about each window of a set of clips, read the way the extractor reads a
 * file (2 s windows, voice-activity gating), cached in a TSV so that calibrators are fitted and compared
 * without running the nets again: per window the clip, its channel version, its true category, the
 * voice-activity reliability, the ensemble's distribution (at its temperature, before any calibrator)
 * and each member's distribution in the ensemble's labels.
 */
final class VoiceCalibrationData {
    static final String[] VERSION_NAMES = {"clean", "telephone"};

    /** One scored window. */
    record Window(float reliability, float[] combined, float[][] members) {
    }

    /**
     * One clip in one channel version.
     *
     * @param version {@link CorpusFeatures#CLEAN} or {@link CorpusFeatures#TELEPHONE}
     * @param truth   index into {@link SpeechCorpora#LABELS}
     */
    record Clip(String id, String corpus, String speaker, int version, int truth, List<Window> windows) {
    }

    /** A clip's summary: dominant category (-1 when no window was scored) and the mean window confidence. */
    record Summary(int predicted, double confidence) {
        boolean right(int truth) {
            return predicted == truth;
        }
    }

    private VoiceCalibrationData() {
    }

    /**
     * The product path's summary of a clip whose windows read {@code probabilities}: window confidence =
     * top probability x reliability, the clip's distribution the confidence-weighted mean (floor 1e-3), its
     * confidence the mean window confidence (as {@code SummaryAccumulator}).
     */
    static Summary summarize(Clip c, Function<Window, float[]> probabilities) {
        if (c.windows().isEmpty()) {
            return new Summary(-1, 0);
        }
        double[] sum = null;
        double confidences = 0;
        for (Window w : c.windows()) {
            float[] q = probabilities.apply(w);
            if (sum == null) {
                sum = new double[q.length];
            }
            double top = 0;
            for (float v : q) {
                top = Math.max(top, v);
            }
            double conf = Math.max(0, Math.min(1, top * w.reliability()));
            double weight = Math.max(1e-3, conf);
            for (int j = 0; j < q.length; j++) {
                sum[j] += weight * q[j];
            }
            confidences += conf;
        }
        int best = 0;
        for (int j = 1; j < sum.length; j++) {
            if (sum[j] > sum[best]) {
                best = j;
            }
        }
        return new Summary(best, confidences / c.windows().size());
    }

    /** Reads every item clean and telephone-degraded with {@code model} (an ensemble; its labels the seven categories in order). */
    static List<Clip> score(VoiceModel model, CorpusFeatures store, List<CorpusFeatures.Item> items) {
        VoiceModelConfig c = model.config();
        if (!c.labels().equals(SpeechCorpora.LABELS)) {
            throw new IllegalArgumentException("the model's labels " + c.labels() + " are not the seven categories " + SpeechCorpora.LABELS);
        }
        List<Clip> out = new ArrayList<>();
        for (CorpusFeatures.Item it : items) {
            for (int version : new int[] {CorpusFeatures.CLEAN, CorpusFeatures.TELEPHONE}) {
                float[] packed = it.versions()[version];
                int total = store.frames(packed);
                List<float[][]> inputs = new ArrayList<>();
                List<Float> rel = new ArrayList<>();
                for (int[] s : CorpusVoiceTraining.windows(c, total)) {
                    List<FrameFeatures> f = store.unpack(packed, s[0], s[1]);
                    VoiceActivity a = VoiceActivity.of(f);
                    if (a.hasSpeech()) {
                        inputs.add(c.windowInput(f));
                        rel.add(a.reliability());
                    }
                }
                List<Window> windows = new ArrayList<>();
                if (!inputs.isEmpty()) {
                    List<VoiceModel.WindowPrediction> p = model.predictWindows(inputs);
                    for (int i = 0; i < p.size(); i++) {
                        windows.add(new Window(rel.get(i), p.get(i).combined(), p.get(i).members()));
                    }
                }
                out.add(new Clip(it.clip().file().getFileName().toString(), it.clip().corpus(), it.clip().speaker(), version,
                        it.clip().label(), windows));
            }
        }
        return out;
    }

    /** One line per window (a clip with no scored window: one line with reliability -1 and no probabilities). */
    static void write(List<Clip> clips, List<String> members, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# members\t" + String.join("\t", members) + "\n");
            w.write("# clip\tcorpus\tspeaker\tversion\ttruth\treliability\tcombined(7)\tmember(7) per member\n");
            for (Clip c : clips) {
                String head = c.id() + "\t" + c.corpus() + "\t" + c.speaker() + "\t" + VERSION_NAMES[c.version()] + "\t" + c.truth();
                if (c.windows().isEmpty()) {
                    w.write(head + "\t-1\n");
                }
                for (Window win : c.windows()) {
                    StringBuilder b = new StringBuilder(head).append('\t').append(String.format(Locale.ROOT, "%.6f", win.reliability()));
                    append(b, win.combined());
                    for (float[] m : win.members()) {
                        append(b, m);
                    }
                    w.write(b.append('\n').toString());
                }
            }
        }
    }

    private static void append(StringBuilder b, float[] p) {
        for (float v : p) {
            b.append('\t').append(String.format(Locale.ROOT, "%.7g", v));
        }
    }

    /** The members' names written in the file's first line. */
    static List<String> members(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            String first = lines.findFirst().orElseThrow(() -> new IOException(file + " is empty"));
            if (!first.startsWith("# members\t")) {
                throw new IOException(file + " does not start with '# members'");
            }
            return List.of(first.substring("# members\t".length()).split("\t"));
        }
    }

    static List<Clip> read(Path file) throws IOException {
        int members = members(file).size();
        int k = SpeechCorpora.LABELS.size();
        Map<String, Clip> clips = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            int version = VERSION_NAMES[0].equals(f[3]) ? CorpusFeatures.CLEAN : CorpusFeatures.TELEPHONE;
            Clip c = clips.computeIfAbsent(f[0] + "\t" + f[3] + "\t" + f[1] + "\t" + f[2],
                    key -> new Clip(f[0], f[1], f[2], version, Integer.parseInt(f[4]), new ArrayList<>()));
            float rel = Float.parseFloat(f[5]);
            if (rel < 0) {
                continue;
            }
            if (f.length != 6 + k * (members + 1)) {
                throw new IOException(file + ": a window line has " + f.length + " fields, expected " + (6 + k * (members + 1)));
            }
            float[] combined = floats(f, 6, k);
            float[][] per = new float[members][];
            for (int m = 0; m < members; m++) {
                per[m] = floats(f, 6 + k * (m + 1), k);
            }
            c.windows().add(new Window(rel, combined, per));
        }
        return new ArrayList<>(clips.values());
    }

    private static float[] floats(String[] f, int from, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = Float.parseFloat(f[from + i]);
        }
        return out;
    }
}
