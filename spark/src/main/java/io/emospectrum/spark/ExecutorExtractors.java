package io.emospectrum.spark;

import io.emospectrum.fusion.ModalityReliability;
import io.emospectrum.fusion.SpectrumFuser;
import io.emospectrum.fusion.align.WindowGrid;
import io.emospectrum.fusion.clip.ClipAnalyzer;
import io.emospectrum.fusion.pool.PoolingStrategyProvider;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.VoiceEmotionExtractor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The extractors of this JVM, one per settings value, opened on first use and closed when the JVM
 * shuts down. Spark runs many tasks in one executor JVM and gives them no per-JVM setup hook, so
 * this is the one place with static state: a model is loaded once per executor, never per row or
 * task, and shared by the task threads (extractors are thread-safe).
 */
final class ExecutorExtractors {
    private static final Map<Object, AutoCloseable> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorExtractors::closeAll, "emospectrum-extractors-close"));
    }

    private ExecutorExtractors() {
    }

    static TextEmotionExtractor text(TextSettings s) {
        // computeIfAbsent blocks other callers of the same settings while the model loads
        return (TextEmotionExtractor) OPEN.computeIfAbsent(s,
                k -> ProviderRegistry.text().select(s.provider()).create(s.toOptions()));
    }

    static ClipAnalyzer clips(ClipSettings s) {
        return ((OpenAnalyzer) OPEN.computeIfAbsent(s, k -> openAnalyzer(s))).analyzer();
    }

    private static OpenAnalyzer openAnalyzer(ClipSettings s) {
        FaceEmotionExtractor face = ProviderRegistry.face().select(s.faceProvider()).create(s.toOptions());
        VoiceEmotionExtractor voice;
        try {
            voice = ProviderRegistry.voice().select(s.voiceProvider()).create(s.toOptions());
        } catch (RuntimeException e) {
            face.close();
            throw e;
        }
        ClipAnalyzer analyzer = ClipAnalyzer.builder().face(face).voice(voice)
                .grid(new WindowGrid(s.windowSeconds(), s.windowSeconds()))
                .fuser(new SpectrumFuser(PoolingStrategyProvider.registry().select(s.strategy()).create(Map.of()), ModalityReliability.EQUAL))
                .faceFramesPerSecond(s.faceFps()).maxFrameSide(s.maxFrameSide()).build();
        return new OpenAnalyzer(analyzer, face, voice);
    }

    private record OpenAnalyzer(ClipAnalyzer analyzer, FaceEmotionExtractor face, VoiceEmotionExtractor voice) implements AutoCloseable {
        @Override
        public void close() {
            try {
                face.close();
            } finally {
                voice.close();
            }
        }
    }

    private static void closeAll() {
        List<AutoCloseable> all = new ArrayList<>(OPEN.values());
        OPEN.clear();
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the JVM is going away; one failing close must not keep the others open
            }
        }
    }
}
