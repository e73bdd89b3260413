package io.emospectrum.tools.voice;

import io.emospectrum.audio.features.FeatureConfig;
import io.emospectrum.audio.features.FrameFeatureExtractor;
import io.emospectrum.audio.features.FrameFeatures;
import io.emospectrum.audio.io.AudioFiles;
import io.emospectrum.audio.io.Resampler;
import io.emospectrum.media.AudioBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The frame features of one clip in the versions training uses: as recorded, as telephone audio
 * (down to 8 kHz and back, the band a call carries), and with background noise.
 */
public final class ClipFeatures {
    private ClipFeatures() {
    }

    public static float[] loadMono(RavdessClip clip, int rate) {
        AudioBuffer b = AudioFiles.read(clip.file());
        return resample(b.mono(), b.sampleRate(), rate);
    }

    public static float[] resample(float[] x, int from, int to) {
        if (from == to) {
            return x;
        }
        Resampler r = new Resampler(from, to);
        float[] a = r.process(x);
        float[] b = r.flush();
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Telephone band: down to 8 kHz and back up. */
    public static float[] telephone(float[] x, int rate) {
        return resample(resample(x, rate, 8_000), 8_000, rate);
    }

    /** White noise at {@code snrDb} below the clip's loudest 100 ms. */
    public static float[] noisy(float[] x, int rate, double snrDb, Random random) {
        int block = rate / 10;
        double peak = 1e-9;
        for (int i = 0; i + block <= x.length; i += block) {
            double s = 0;
            for (int j = i; j < i + block; j++) {
                s += x[j] * x[j];
            }
            peak = Math.max(peak, Math.sqrt(s / block));
        }
        double sigma = peak * Math.pow(10, -snrDb / 20);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] + sigma * random.nextGaussian());
        }
        return out;
    }

    public static List<FrameFeatures> frames(FeatureConfig config, float[] mono) {
        List<FrameFeatures> frames = new ArrayList<>();
        new FrameFeatureExtractor(config, frames::add).accept(mono);
        return frames;
    }
}
