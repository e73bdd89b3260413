package io.emospectrum.spark;

import io.emospectrum.fusion.FusedReading;
import io.emospectrum.fusion.align.WindowGrid;
import io.emospectrum.fusion.clip.ClipAnalyzer;
import io.emospectrum.fusion.clip.ClipListener;
import io.emospectrum.fusion.clip.TestClips;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.VoiceEmotionExtractor;
import io.emospectrum.spark.job.EmoSpectrumJob;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Clips through the Spark job on local[2] with the brightness and loudness test providers: the rows
 * equal what fusion's ClipAnalyzer (what {@code emospectrum video} runs) gives for the same clips, a
 * bad clip is an error row, and a second run into the same output gives the same rows.
 */
class SparkClipsTest {
    static final String FACE = "brightness-test";
    static final String VOICE = "loudness-test";

    @TempDir
    static Path dir;
    static List<Path> clips = new ArrayList<>();
    static SparkSession spark;

    @BeforeAll
    static void clips() throws Exception {
        spark = LocalSpark.session();
        clips.add(TestClips.write(dir.resolve("happy loud.mkv"), 3, i -> 255, t -> 0.6 * Math.sin(2 * Math.PI * 220 * t)));
        clips.add(TestClips.write(dir.resolve("sad.mkv"), 4, i -> i < 20 ? 60 : 255, t -> 0.1 * Math.sin(2 * Math.PI * 220 * t)));
        clips.add(TestClips.write(dir.resolve("silent.mkv"), 2, i -> 200, null)); // no sound track
    }

    private static int job(String... args) {
        return new CommandLine(new EmoSpectrumJob()).execute(args);
    }

    @Test
    void windowsEqualTheClipAnalyzersABadClipIsAnErrorRowAndARerunIsIdempotent() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.mkv"), "not a clip");
        List<String> uris = new ArrayList<>();
        // the three forms a local clip can be named in: java.net.URI, Hadoop's file: path, a plain path
        uris.add(clips.get(0).toUri().toString());
        uris.add("file:" + clips.get(1));
        uris.add(clips.get(2).toString());
        uris.add(bad.toString());
        uris.add(dir.resolve("missing.mp4").toString());
        Path list = Files.write(dir.resolve("clips.txt"), uris);
        String out = dir.resolve("out").toString();
        String[] args = {"clips", "--input", list.toString(), "--out", out, "--face-provider", FACE, "--voice-provider", VOICE};

        assertThat(job(args)).isEqualTo(3);
        List<Row> windows = sorted(spark.read().parquet(out + "/windows").collectAsList());
        List<Row> summaries = sorted(spark.read().parquet(out + "/summaries").collectAsList());

        List<Row> expected = new ArrayList<>();
        try (FaceEmotionExtractor face = ProviderRegistry.face().select(FACE).create(ExtractorOptions.defaults());
             VoiceEmotionExtractor voice = ProviderRegistry.voice().select(VOICE).create(ExtractorOptions.defaults())) {
            ClipAnalyzer analyzer = ClipAnalyzer.builder().face(face).voice(voice).grid(WindowGrid.DEFAULT).build();
            for (int i = 0; i < clips.size(); i++) {
                String uri = uris.get(i);
                List<FusedReading> fused = new ArrayList<>();
                analyzer.analyze(clips.get(i), new ClipListener() {
                    @Override
                    public void onWindow(FusedReading w) {
                        fused.add(w);
                    }
                });
                List<Row> got = windows.stream().filter(r -> r.<String>getAs("clip").equals(uri)).toList();
                assertThat(got).as(uri).hasSize(fused.size()).isNotEmpty();
                for (int k = 0; k < fused.size(); k++) {
                    assertWindow(got.get(k), fused.get(k));
                }
            }
        }
        assertThat(windows).extracting(r -> r.<String>getAs("clip")).doesNotContain(uris.get(3), uris.get(4));
        Row badRow = summaries.stream().filter(r -> r.<String>getAs("clip").equals(uris.get(3))).findFirst().orElseThrow();
        assertThat(badRow.<String>getAs("error")).isNotBlank();
        assertThat(badRow.get(badRow.fieldIndex("neutral"))).isNull();
        Row missing = summaries.stream().filter(r -> r.<String>getAs("clip").equals(uris.get(4))).findFirst().orElseThrow();
        assertThat(missing.<String>getAs("error")).contains("no such file");
        Row happy = summaries.stream().filter(r -> r.<String>getAs("clip").equals(uris.get(0))).findFirst().orElseThrow();
        assertThat(happy.isNullAt(happy.fieldIndex("error"))).isTrue();
        assertThat(happy.getDouble(happy.fieldIndex("end"))).isCloseTo(3.0, within(0.2));

        assertThat(job(args)).isEqualTo(3);
        assertThat(sorted(spark.read().parquet(out + "/windows").collectAsList())).isEqualTo(windows);
        assertThat(sorted(spark.read().parquet(out + "/summaries").collectAsList())).isEqualTo(summaries);
    }

    private static void assertWindow(Row r, FusedReading w) {
        EmotionReading o = w.reading();
        assertThat(r.getDouble(r.fieldIndex("start"))).isEqualTo(o.span().timeSpan().orElseThrow().start());
        assertThat(r.getDouble(r.fieldIndex("end"))).isEqualTo(o.span().timeSpan().orElseThrow().end());
        float[] v = o.vector();
        for (int k = 0; k < v.length; k++) {
            assertThat(r.getFloat(r.fieldIndex(EmotionSchema.SPECTRUM_COLUMNS.get(k)))).isEqualTo(v[k]);
        }
        assertThat(r.<String>getAs("dominant")).isEqualTo(o.dominant().key());
        assertThat(r.getFloat(r.fieldIndex("confidence"))).isEqualTo(o.confidence());
        assertThat(r.<String>getAs("model")).isEqualTo(o.model().toString());
        assertThat(r.<String>getAs("subject")).isEqualTo(o.subject());
        assertThat(r.getDouble(r.fieldIndex("disagreement"))).isEqualTo(w.disagreement());
    }

    private static List<Row> sorted(List<Row> rows) {
        List<Row> s = new ArrayList<>(rows);
        s.sort(Comparator.comparing((Row r) -> r.<String>getAs("clip"))
                .thenComparing(r -> r.isNullAt(r.fieldIndex("start")) ? -1 : r.getDouble(r.fieldIndex("start")))
                .thenComparing(r -> String.valueOf(r.<String>getAs("subject"))));
        return s;
    }
}
