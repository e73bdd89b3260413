package io.emospectrum.audio.features;

import java.util.List;

/**
 * Decides how much of a window is speech, so that silence is not scored as emotion, and how much
 * the window looks like speech at all. A frame is speech when it is above {@link #ABSOLUTE_DB}
 * and within {@link #RELATIVE_DB} of the window's loudest frame. Speech rises and falls with its
 * syllables; a steady sound (a tone, a hum) does not, so the spread of speech-frame levels
 * lowers the confidence of steady windows. Speech's pitch glides all the time; a played or sung
 * note holds it, so a window whose pitch stays put from frame to frame (music) is trusted less.
 *
 * @param speechFraction fraction of frames that are speech
 * @param levelSpreadDb  standard deviation of the speech frames' level, in dB
 * @param clippedFraction fraction of samples at full scale
 * @param steadyPitchFraction of consecutive pitched frames, the fraction whose pitch differs by less
 *                        than {@link #STEADY_PITCH_OCTAVES} (about 0.1 in speech, near 1 in music)
 * @param pitchedFraction fraction of frames with a pitch (voiced): 15-60% in speech, ~0 in noise
 */
public record VoiceActivity(float speechFraction, float levelSpreadDb, float clippedFraction, float steadyPitchFraction,
                            float pitchedFraction) {
    /** Frames quieter than this (dBFS) are silence. */
    public static final float ABSOLUTE_DB = -60f;
    /** Frames this far below the window's loudest are pauses. */
    public static final float RELATIVE_DB = 30f;
    /** Windows with less speech than this are not scored. */
    public static final float MIN_SPEECH_FRACTION = 0.2f;
    /** Level spread of ordinary speech; steadier windows get less confidence. */
    private static final float SPEECH_SPREAD_DB = 4f;
    /** Two frames' pitches closer than this (in octaves, ~3.6 cents) are the same held note. */
    public static final float STEADY_PITCH_OCTAVES = 0.003f;

    public static VoiceActivity of(List<FrameFeatures> frames) {
        float max = -Float.MAX_VALUE;
        for (FrameFeatures f : frames) {
            max = Math.max(max, f.energyDb());
        }
        float threshold = Math.max(ABSOLUTE_DB, max - RELATIVE_DB);
        int speech = 0;
        double sum = 0;
        double sq = 0;
        double clip = 0;
        for (FrameFeatures f : frames) {
            clip += f.clipped();
            if (f.energyDb() > threshold) {
                speech++;
                sum += f.energyDb();
                sq += f.energyDb() * (double) f.energyDb();
            }
        }
        int pairs = 0;
        int steady = 0;
        int pitched = 0;
        for (FrameFeatures f : frames) {
            if (f.logPitch() != 0f) {
                pitched++;
            }
        }
        for (int i = 1; i < frames.size(); i++) {
            float a = frames.get(i - 1).logPitch();
            float b = frames.get(i).logPitch();
            if (a != 0f && b != 0f) {
                pairs++;
                if (Math.abs(a - b) < STEADY_PITCH_OCTAVES) {
                    steady++;
                }
            }
        }
        int n = Math.max(1, frames.size());
        double spread = 0;
        if (speech > 1) {
            double m = sum / speech;
            spread = Math.sqrt(Math.max(0, sq / speech - m * m));
        }
        return new VoiceActivity(speech / (float) n, (float) spread, (float) (clip / n), pairs == 0 ? 0f : steady / (float) pairs,
                pitched / (float) n);
    }

    /** Whether the window holds enough speech to be scored. */
    public boolean hasSpeech() {
        return speechFraction >= MIN_SPEECH_FRACTION;
    }

    /**
     * How much to trust a reading of this window, before the model's own certainty: less speech,
     * a steady level, held notes, no voiced frames or clipping all lower it.
     */
    public float reliability() {
        float speech = Math.min(1f, speechFraction / 0.5f);
        float modulation = Math.min(1f, levelSpreadDb / SPEECH_SPREAD_DB);
        float clip = Math.max(0f, 1f - clippedFraction / 0.02f); // 2% of samples at full scale: unusable
        // Speech holds its pitch in ~10% of frame pairs, music in ~95%: full trust below 40%, none above 70%.
        float glide = Math.max(0f, Math.min(1f, 1f - (steadyPitchFraction - 0.4f) / 0.3f));
        // A window without voiced frames is noise (or a whisper): the voice's emotion lives in its pitch.
        float voiced = Math.min(1f, pitchedFraction / 0.1f);
        return speech * modulation * clip * glide * voiced;
    }
}
