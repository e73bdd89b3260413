package io.emospectrum.spark;

import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A thousand texts through the bundled text model, in batches per partition and as a SQL function. */
class SparkTextsTest {
    private static final String[] OPENINGS = {"Thank you so much,", "I can't believe it,", "Honestly,", "Ugh,", "Wow,",
            "I'm scared that", "It is disgusting that", "So sad that", "Great news:", "Whatever,"};
    private static final String[] ENDINGS = {"the train was late again.", "you made my day!", "nobody came to the party.",
            "the results are in.", "my cat is sick.", "we won the final!", "the food was rotten.", "it rained all week.",
            "they lied to us.", "the concert was amazing."};

    static SparkSession spark;
    static List<String> texts;
    static Dataset<Row> posts;

    @BeforeAll
    static void texts() {
        spark = LocalSpark.session();
        texts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            texts.add(OPENINGS[i % 10] + " " + ENDINGS[(i / 10) % 10] + (i % 7 == 0 ? " Really." : ""));
        }
        texts.set(3, "Oh great, another Monday. Just what I needed.");
        texts.set(4, "Je suis tellement heureux aujourd'hui, merci à tous !");
        texts.set(17, "   ");
        texts.set(500, null);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create((long) i, texts.get(i)));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType, false).add("text", DataTypes.StringType, true);
        posts = spark.createDataFrame(rows, schema).repartition(4);
    }

    @Test
    void everyRowEqualsWhatTheSdkReadsAndABadTextIsAnErrorRow() {
        List<Row> scored = new ArrayList<>(new SparkTexts(TextSettings.defaults()).score(posts, "id", "text").collectAsList());
        scored.sort(Comparator.comparingLong(r -> r.getLong(0)));

        assertThat(scored).hasSize(1000);
        assertThat(scored.get(0).schema().fieldNames()).startsWith("id", "start", "end", "neutral", "happiness")
                .endsWith("dominant", "confidence", "model", "language", "unsupportedLanguage", "cautions", "error");
        try (TextEmotionExtractor sdk = ProviderRegistry.text().select().create(ExtractorOptions.defaults())) {
            List<String> good = texts.stream().filter(t -> t != null && !t.isBlank()).toList();
            java.util.Iterator<TextAnalysis> expected = sdk.analyzeAll(good).iterator();
            for (int i = 0; i < texts.size(); i++) {
                Row r = scored.get(i);
                if (i == 17 || i == 500) {
                    assertThat(r.getString(r.fieldIndex("error"))).isNotBlank();
                    assertThat(r.get(r.fieldIndex("dominant"))).isNull();
                    continue;
                }
                assertThat(r.isNullAt(r.fieldIndex("error"))).isTrue();
                assertEqual(r, expected.next());
            }
        }
        assertThat(scored.get(1).<String>getList(scored.get(1).fieldIndex("cautions"))).containsExactly("negation"); // "I can't believe it, ..."
        assertThat(scored.get(3).<String>getList(scored.get(3).fieldIndex("cautions"))).containsExactly("irony");
        assertThat(scored.get(4).<Boolean>getAs("unsupportedLanguage")).isTrue();
        assertThat(scored.get(0).<String>getList(scored.get(0).fieldIndex("cautions"))).isEmpty();
    }

    @Test
    void theSqlFunctionGivesTheSameReadings() {
        SparkTexts scorer = new SparkTexts(TextSettings.defaults());
        scorer.registerFunction(spark, "emotion");
        posts.where("id < 60").createOrReplaceTempView("posts");

        List<Row> sql = spark.sql("SELECT id, emotion(text) AS e FROM posts ORDER BY id").collectAsList();
        List<Row> batched = scorer.score(posts.where("id < 60"), "id", "text").orderBy("id").collectAsList();

        assertThat(sql).hasSize(60);
        for (int i = 0; i < sql.size(); i++) {
            Row e = sql.get(i).getStruct(1);
            Row b = batched.get(i);
            for (String c : EmotionSchema.READING.fieldNames()) {
                if (!b.isNullAt(b.fieldIndex(c)) && b.get(b.fieldIndex(c)) instanceof Float) {
                    assertThat(e.getFloat(e.fieldIndex(c))).as(c).isCloseTo(b.getFloat(b.fieldIndex(c)), within(1e-5f));
                } else {
                    assertThat(e.<Object>getAs(c)).as(c).isEqualTo(b.getAs(c));
                }
            }
        }
        assertThat(sql.get(17).getStruct(1).getString(EmotionSchema.READING.fieldIndex("error"))).isNotBlank();
        Row ironic = sql.get(3).getStruct(1);
        assertThat(ironic.<String>getList(ironic.fieldIndex("cautions"))).containsExactly("irony");
        assertThat(ironic.<String>getAs("language")).isEqualTo("en");
    }

    static void assertEqual(Row r, TextAnalysis a) {
        EmotionReading o = a.overall();
        float[] v = o.vector();
        for (int k = 0; k < v.length; k++) {
            String c = EmotionSchema.SPECTRUM_COLUMNS.get(k);
            assertThat(r.getFloat(r.fieldIndex(c))).as(c).isCloseTo(v[k], within(1e-5f));
        }
        assertThat(r.<String>getAs("dominant")).isEqualTo(o.dominant().key());
        assertThat(r.getFloat(r.fieldIndex("confidence"))).isCloseTo(o.confidence(), within(1e-5f));
        assertThat(r.<String>getAs("model")).isEqualTo(o.model().toString());
        assertThat(r.<Integer>getAs("end")).isEqualTo(o.span().textSpan().orElseThrow().end());
        assertThat(r.<String>getAs("language")).isEqualTo(a.language());
        assertThat(r.<Boolean>getAs("unsupportedLanguage")).isEqualTo(!a.languageSupported());
        assertThat(r.<String>getList(r.fieldIndex("cautions")))
                .containsExactlyElementsOf(a.cautions().stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }
}
