package io.emospectrum.fusion.eval;

import io.emospectrum.error.ConfigurationException;
import io.emospectrum.fusion.ModalityReliability;
import io.emospectrum.fusion.SpectrumFuser;
import io.emospectrum.fusion.clip.ClipAnalyzer;
import io.emospectrum.fusion.clip.ClipIssue;
import io.emospectrum.fusion.clip.ClipListener;
import io.emospectrum.fusion.clip.ClipSummary;
import io.emospectrum.fusion.clip.ClipTimings;
import io.emospectrum.fusion.pool.PoolingStrategies;
import io.emospectrum.spi.EmotionExtractor;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.VoiceEmotionExtractor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Speed of clip analysis with the providers on the class path: media seconds per wall second and
 * the split between decode, face, voice, text and fusion (stages overlap on their own threads).
 * Model loading is not counted.
 *
 * <pre>{@code java -cp ... io.emospectrum.fusion.eval.ClipBenchmark CLIP [--subtitles FILE] [--face-fps N]
 *     [--max-frame-side PIXELS] [--strategy NAME] [--runs N] [--face-options KEY=VALUE,...] [--voice off]}</pre>
 * {@code --face-options} go to the face extractor (e.g. {@code detect-interval=5}); {@code --voice off}
 * leaves the sound track unread (to time the face path alone).
 */
public final class ClipBenchmark {
    private ClipBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new ConfigurationException("usage: ClipBenchmark CLIP [--subtitles FILE] [--face-fps N] [--strategy NAME] [--runs N] "
                    + "[--face-options KEY=VALUE,...] [--voice off]");
        }
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR); // no stream banner
        Path clip = Path.of(args[0]);
        Map<String, String> a = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        ExtractorOptions options = ExtractorOptions.defaults();
        ExtractorOptions.Builder faceOptions = ExtractorOptions.builder();
        if (a.containsKey("face-options")) {
            for (String kv : a.get("face-options").split(",")) {
                String[] p = kv.split("=", 2);
                if (p.length != 2) {
                    throw new ConfigurationException("--face-options takes KEY=VALUE[,KEY=VALUE...], got '" + kv + "'");
                }
                faceOptions.property(p[0], p[1]);
            }
        }
        boolean withVoice = !"off".equals(a.get("voice"));
        List<EmotionExtractor> opened = new ArrayList<>();
        try {
            FaceEmotionExtractor face = ProviderRegistry.face().isEmpty() ? null : ProviderRegistry.face().select().create(faceOptions.build());
            VoiceEmotionExtractor voice = ProviderRegistry.voice().isEmpty() || !withVoice ? null
                    : ProviderRegistry.voice().select().create(options);
            TextEmotionExtractor text = ProviderRegistry.text().isEmpty() || !a.containsKey("subtitles")
                    ? null : ProviderRegistry.text().select().create(options);
            for (EmotionExtractor e : new EmotionExtractor[] {face, voice, text}) {
                if (e != null) {
                    opened.add(e);
                    System.out.printf(Locale.ROOT, "%-6s %s on %s%n", e.modality().key(), e.model(), e.device());
                }
            }
            ClipAnalyzer analyzer = ClipAnalyzer.builder().face(face).voice(voice).text(text)
                    .faceFramesPerSecond(Double.parseDouble(a.getOrDefault("face-fps", "5")))
                    .maxFrameSide(Integer.parseInt(a.getOrDefault("max-frame-side", "0")))
                    .fuser(new SpectrumFuser(PoolingStrategies.load().create(a.getOrDefault("strategy", "linear"), Map.of()),
                            ModalityReliability.EQUAL))
                    .build();
            int runs = Integer.parseInt(a.getOrDefault("runs", "1"));
            for (int r = 1; r <= runs; r++) {
                ClipSummary s = analyzer.analyze(clip, a.containsKey("subtitles") ? Path.of(a.get("subtitles")) : null,
                        ClipListener.NONE);
                ClipTimings t = s.timings();
                System.out.printf(Locale.ROOT, "run %d: %.1f s of %dx%d media in %.1f s wall = %.2fx real time; "
                                + "%d frames decoded, %d analyzed, %d windows%n", r, s.durationSeconds(), s.width(), s.height(),
                        t.wall(), s.durationSeconds() / t.wall(), s.framesDecoded(), s.framesAnalyzed(), s.windows());
                System.out.printf(Locale.ROOT, "  busy seconds: decode %.1f, face %.1f, voice %.1f, text %.1f, fusion %.2f "
                        + "(stages overlap)%n", t.decode(), t.face(), t.voice(), t.text(), t.fusion());
                System.out.printf(Locale.ROOT, "  readings %s; heap used %d MB%n", s.readings(),
                        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
                for (ClipIssue i : s.issues()) {
                    System.out.println("  issue: " + i.message());
                }
            }
        } finally {
            opened.forEach(EmotionExtractor::close);
        }
    }
}
