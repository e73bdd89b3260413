package io.emospectrum.tools.voice;

import io.emospectrum.audio.features.FeatureConfig;
import io.emospectrum.audio.features.FrameFeatures;
import io.emospectrum.audio.io.AudioFiles;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.model.ModelManifest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The frame features of every clip in {@link #VERSIONS} versions, computed once and cached on disk
 * (one file per corpus, keyed by the clip list, seed and feature settings):
 * <ol start="0">
 *   <li>as recorded;</li>
 *   <li>the telephone copy: 8 kHz, 300-3400 Hz, G.711 (μ-law for even clips, A-law for odd), no
 *       noise; the degraded evaluation copy, and a training version;</li>
 *   <li>and 3. a random channel each: speed 0.9-1.1 (half), reverberation (30%), white, pink or
 *       babble noise at 5-25 dB SNR (70%; babble from four other speakers of the same corpus),
 *       telephone band and codec (50%), gain -20..+6 dB with clipping.</li>
 * </ol>
 * Frames are packed {@code (mfcc..., energyDb, voicing, logPitch, clipped)} per frame.
 */
public final class CorpusFeatures {
    public static final int VERSIONS = 4;
    public static final int CLEAN = 0;
    public static final int TELEPHONE = 1;
    private static final String FORMAT = "corpus-features-v1";

    /** One clip's packed frame features per version. */
    public record Item(SpeechCorpora.Clip clip, float[][] versions) {
    }

    private final FeatureConfig config;
    private final int width;

    public CorpusFeatures(FeatureConfig config) {
        this.config = config;
        this.width = config.mfccCount() - 1 + 4;
    }

    public int frames(float[] packed) {
        return packed.length / width;
    }

    /** Frames {@code [from, to)} of a packed version as feature records. */
    public List<FrameFeatures> unpack(float[] packed, int from, int to) {
        int m = config.mfccCount() - 1;
        List<FrameFeatures> out = new ArrayList<>(to - from);
        for (int f = from; f < to; f++) {
            int o = f * width;
            float[] mfcc = new float[m];
            System.arraycopy(packed, o, mfcc, 0, m);
            out.add(new FrameFeatures(mfcc, packed[o + m], packed[o + m + 1], packed[o + m + 2], packed[o + m + 3]));
        }
        return out;
    }

    /** All clips' features, from {@code cache} where present, computed on {@code threads} threads otherwise. */
    public List<Item> load(List<SpeechCorpora.Clip> clips, Path cache, long seed, int threads) throws IOException {
        Files.createDirectories(cache);
        List<Item> out = new ArrayList<>();
        for (var e : SpeechCorpora.byCorpus(clips).entrySet()) {
            StringBuilder key = new StringBuilder(FORMAT).append(seed).append(config);
            e.getValue().forEach(c -> key.append(c.file()).append(c.label()).append(c.speaker()));
            Path file = cache.resolve(e.getKey() + "-" + sha(key.toString()).substring(0, 16) + ".bin");
            long t0 = System.nanoTime();
            List<Item> items;
            if (Files.exists(file)) {
                items = read(file, e.getValue());
            } else {
                items = compute(e.getValue(), seed, threads);
                write(file, items);
            }
            System.out.printf(Locale.ROOT, "features %s: %d clips (%s, %.0f s)%n", e.getKey(), items.size(),
                    Files.exists(file) ? file.getFileName() : "not cached", (System.nanoTime() - t0) / 1e9);
            out.addAll(items);
        }
        return out;
    }

    private List<Item> compute(List<SpeechCorpora.Clip> clips, long seed, int threads) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> IntStream.range(0, clips.size()).parallel()
                    .mapToObj(i -> item(clips, i, new Random(seed * 1_000_003L + i))).toList()).get();
        } catch (Exception e) {
            throw new IllegalStateException("feature extraction failed: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
        }
    }

    private float[] mono(SpeechCorpora.Clip clip) {
        AudioBuffer b = AudioFiles.read(clip.file());
        return ClipFeatures.resample(b.mono(), b.sampleRate(), config.sampleRate());
    }

    private Item item(List<SpeechCorpora.Clip> clips, int index, Random random) {
        SpeechCorpora.Clip clip = clips.get(index);
        int rate = config.sampleRate();
        float[] x = mono(clip);
        float[][] v = new float[VERSIONS][];
        v[CLEAN] = pack(x);
        v[TELEPHONE] = pack(TelephoneChannel.telephone(x, rate, index % 2 == 0));
        for (int k = 2; k < VERSIONS; k++) {
            float[] y = x;
            if (random.nextDouble() < 0.5) {
                y = TelephoneChannel.speed(y, rate, 0.9 + 0.2 * random.nextDouble());
            }
            if (random.nextDouble() < 0.3) {
                y = TelephoneChannel.reverb(y, rate, 0.2 + 0.5 * random.nextDouble(), random);
            }
            if (random.nextDouble() < 0.7) {
                String kind = List.of("white", "pink", "babble").get(random.nextInt(3));
                List<float[]> others = kind.equals("babble") ? babble(clips, clip, random) : List.of();
                y = TelephoneChannel.addNoise(y, rate, 5 + 20 * random.nextDouble(), kind, others, random);
            }
            if (random.nextDouble() < 0.5) {
                y = TelephoneChannel.telephone(y, rate, random.nextBoolean());
            }
            v[k] = pack(TelephoneChannel.gain(normalizePeak(y), -20 + 26 * random.nextDouble()));
        }
        return new Item(clip, v);
    }

    /** Four clips of other speakers of the same corpus. */
    private List<float[]> babble(List<SpeechCorpora.Clip> clips, SpeechCorpora.Clip self, Random random) {
        List<float[]> out = new ArrayList<>();
        for (int tries = 0; out.size() < 4 && tries < 40; tries++) {
            SpeechCorpora.Clip o = clips.get(random.nextInt(clips.size()));
            if (!o.speaker().equals(self.speaker())) {
                out.add(mono(o));
            }
        }
        return out;
    }

    /** Scales to a peak of -3 dBFS, so that the gain that follows sets the level. */
    private static float[] normalizePeak(float[] x) {
        float peak = 1e-6f;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        float g = 0.708f / peak;
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * g;
        }
        return y;
    }

    private float[] pack(float[] mono) {
        List<FrameFeatures> frames = ClipFeatures.frames(config, mono);
        float[] out = new float[frames.size() * width];
        int m = config.mfccCount() - 1;
        for (int f = 0; f < frames.size(); f++) {
            FrameFeatures ff = frames.get(f);
            int o = f * width;
            System.arraycopy(ff.mfcc(), 0, out, o, m);
            out[o + m] = ff.energyDb();
            out[o + m + 1] = ff.voicing();
            out[o + m + 2] = ff.logPitch();
            out[o + m + 3] = ff.clipped();
        }
        return out;
    }

    private static void write(Path file, List<Item> items) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
            out.writeInt(items.size());
            for (Item it : items) {
                out.writeInt(it.versions().length);
                for (float[] v : it.versions()) {
                    out.writeInt(v.length);
                    for (float f : v) {
                        out.writeFloat(f);
                    }
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<Item> read(Path file, List<SpeechCorpora.Clip> clips) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            int n = in.readInt();
            if (n != clips.size()) {
                throw new IOException(file + " holds " + n + " clips, expected " + clips.size());
            }
            List<Item> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                float[][] v = new float[in.readInt()][];
                for (int k = 0; k < v.length; k++) {
                    v[k] = new float[in.readInt()];
                    for (int j = 0; j < v[k].length; j++) {
                        v[k][j] = in.readFloat();
                    }
                }
                items.add(new Item(clips.get(i), v));
            }
            return items;
        }
    }

    private static String sha(String s) {
        try {
            return ModelManifest.sha256(new java.io.ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
