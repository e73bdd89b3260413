package io.emospectrum.tools.fusion;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.fusion.ModalityReliability;
import io.emospectrum.fusion.SpectrumFuser;
import io.emospectrum.fusion.clip.ClipAnalyzer;
import io.emospectrum.fusion.clip.ClipIssue;
import io.emospectrum.fusion.clip.ClipListener;
import io.emospectrum.fusion.clip.ClipSummary;
import io.emospectrum.fusion.clip.ClipTimings;
import io.emospectrum.fusion.pool.PoolingStrategyProvider;
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
 * <pre>{@code ./emospectrum-tools benchmark fusion CLIP [--subtitles FILE] [--face-fps N]
 *     [--max-frame-side PIXELS] [--strategy NAME] [--runs N] [--face-option KEY=VALUE]... [--voice off]}</pre>
 * {@code --face-option} goes to the face extractor (e.g. {@code detect-interval=5}); {@code --voice off}
 * leaves the sound track unread (to time the face path alone).
 */
@Command(name = "fusion", mixinStandardHelpOptions = true, description = "Speed of clip analysis (media seconds per wall second) and the time split between decode, face, voice, text and fusion.")
public final class ClipBenchmark implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CLIP")
    private Path clip;
    @Option(names = "--subtitles", description = "an .srt/.vtt file: also reads text")
    private Path subtitles;
    @Option(names = "--face-fps", defaultValue = "5")
    private String faceFps;
    @Option(names = "--max-frame-side", defaultValue = "0", description = "downscale frames to this side; 0: as decoded")
    private String maxFrameSide;
    @Option(names = "--strategy", defaultValue = "linear", description = "pooling strategy (default: ${DEFAULT-VALUE})")
    private String strategy;
    @Option(names = "--runs", defaultValue = "1")
    private int runs;
    @Option(names = "--face-option", paramLabel = "KEY=VALUE", description = "an option of the face extractor, e.g. detect-interval=5")
    private Map<String, String> faceOption = new java.util.LinkedHashMap<>();
    @Option(names = "--voice", defaultValue = "on", description = "on, or off to leave the sound track unread (default: ${DEFAULT-VALUE})")
    private String voiceSwitch;


@Override
    public Integer call() throws Exception {
        ExtractorOptions options = ExtractorOptions.defaults();
        ExtractorOptions.Builder faceOptions = ExtractorOptions.builder();
        faceOption.forEach(faceOptions::property);
        if (!voiceSwitch.equals("on") && !voiceSwitch.equals("off")) {
            throw new ConfigurationException("--voice must be on or off, was '" + voiceSwitch + "'");
        }
        boolean withVoice = voiceSwitch.equals("on");
        List<EmotionExtractor> opened = new ArrayList<>();
        try {
            FaceEmotionExtractor face = ProviderRegistry.face().isEmpty() ? null : ProviderRegistry.face().select().create(faceOptions.build());
            VoiceEmotionExtractor voice = ProviderRegistry.voice().isEmpty() || !withVoice ? null
                    : ProviderRegistry.voice().select().create(options);
            TextEmotionExtractor text = ProviderRegistry.text().isEmpty() || subtitles == null
                    ? null : ProviderRegistry.text().select().create(options);
            for (EmotionExtractor e : new EmotionExtractor[] {face, voice, text}) {
                if (e != null) {
                    opened.add(e);
                    System.out.printf(Locale.ROOT, "%-6s %s on %s%n", e.modality().key(), e.model(), e.device());
                }
            }
            ClipAnalyzer analyzer = ClipAnalyzer.builder().face(face).voice(voice).text(text)
                    .faceFramesPerSecond(Double.parseDouble(faceFps))
                    .maxFrameSide(Integer.parseInt(maxFrameSide))
                    .fuser(new SpectrumFuser(PoolingStrategyProvider.registry().select(strategy).create(Map.of()),
                            ModalityReliability.EQUAL))
                    .build();
            for (int r = 1; r <= runs; r++) {
                ClipSummary s = analyzer.analyze(clip, subtitles,
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
        return 0;
    }
}
