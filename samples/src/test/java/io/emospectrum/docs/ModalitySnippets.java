package io.emospectrum.docs;

import io.emospectrum.fusion.FusedReading;
import io.emospectrum.fusion.ModalityReliability;
import io.emospectrum.fusion.SpectrumFuser;
import io.emospectrum.fusion.align.WindowGrid;
import io.emospectrum.fusion.clip.ClipAnalyzer;
import io.emospectrum.fusion.clip.ClipIssue;
import io.emospectrum.fusion.clip.ClipListener;
import io.emospectrum.fusion.clip.ClipSummary;
import io.emospectrum.fusion.pool.PoolingStrategyProvider;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.model.ModelSource;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.FaceTracker;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.VoiceAnalysis;
import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.spi.VoiceStream;
import io.emospectrum.taxonomy.LabelMapping;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The Java of docs/*.md, compiled with the build; {@link DocSnippetsTest} checks the docs show exactly this. */
final class ModalitySnippets {
    private ModalitySnippets() {
    }

    static void text(List<String> lines) {
        // tag::text[]
        try (TextEmotionExtractor x = ProviderRegistry.text().select("goemotions-minilm").create(ExtractorOptions.defaults())) {
            TextAnalysis a = x.analyze("I am so happy today!");
            a.overall().dominant();                    // HAPPINESS
            a.overall().modelScores().score("joy");    // the head's own probability for "joy"
            List<TextAnalysis> many = x.analyzeAll(lines);   // batched, input order
        }
        // end::text[]
    }

    static TextEmotionExtractor textOwnModel() {
        // tag::text-own-model[]
        ExtractorOptions o = ExtractorOptions.builder()
                .model(ModelSource.path(Path.of("my-model")), LabelMapping.fromJson(Path.of("my-mapping.json")))
                .build();
        TextEmotionExtractor x = ProviderRegistry.text().select("goemotions-minilm").create(o);
        // end::text-own-model[]
        return x;
    }

    static void face(List<ImageFrame> frames) {
        // tag::face[]
        try (FaceEmotionExtractor faces = ProviderRegistry.face().select("mini-xception").create(ExtractorOptions.defaults())) {
            List<EmotionReading> r = faces.analyze(Path.of("photo.jpg"));          // one reading per face, with its box
            EmotionReading crop = faces.classifyCrop(Path.of("face-48x48.png"));   // already a face: no detection
            try (FaceTracker t = faces.openTracker()) {                             // one tracker per video
                for (ImageFrame frame : frames) {
                    List<EmotionReading> now = t.accept(frame);                     // faces of this frame, with track ids
                }
                List<EmotionReading> perTrack = t.trackSummaries();                 // one summary per face track
            }
        }
        // end::face[]
    }

    static void voice(float[] pcmChunk) {
        // tag::voice[]
        try (VoiceEmotionExtractor voice = ProviderRegistry.voice().select("ravdess-gru").create(ExtractorOptions.defaults())) {
            VoiceAnalysis a = voice.analyze(Path.of("clip.m4a"));        // windows (2 s every 0.5 s) + summary
            try (VoiceStream s = voice.openStream(8_000, 1, reading -> System.out.println(reading))) {
                s.accept(AudioBuffer.of(pcmChunk, 1, 8_000));              // readings arrive as windows complete
            }
        }
        // end::voice[]
    }

    static void fusion() {
        // tag::fusion[]
        try (FaceEmotionExtractor face = ProviderRegistry.face().select().create(ExtractorOptions.defaults());
             VoiceEmotionExtractor voice = ProviderRegistry.voice().select().create(ExtractorOptions.defaults());
             TextEmotionExtractor text = ProviderRegistry.text().select().create(ExtractorOptions.defaults())) {
            ClipAnalyzer analyzer = ClipAnalyzer.builder().face(face).voice(voice).text(text)
                    .grid(new WindowGrid(1.0, 0.5))
                    .fuser(new SpectrumFuser(PoolingStrategyProvider.registry().select("log-linear").create(Map.of()),
                            ModalityReliability.of(1.0, 0.8, 0.6)))
                    .build();
            ClipSummary summary = analyzer.analyze(Path.of("clip.mp4"), Path.of("clip.srt"), new ClipListener() {
                @Override public void onWindow(FusedReading w) { /* one per window and subject, in time order */ }
                @Override public void onIssue(ClipIssue i) { /* no sound, no face, bad subtitles, ... */ }
            });
        }
        // end::fusion[]
    }
}
