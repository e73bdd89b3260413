package io.emospectrum.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The Java of docs/spark.md, compiled with the build; samples' DocSnippetsTest checks the doc shows exactly this. */
final class SparkSnippets {
    private SparkSnippets() {
    }

    static void spark(SparkSession spark) {
        // tag::spark[]
        // texts, batched per partition (the fast path)
        Dataset<Row> posts = spark.read().parquet("posts.parquet");                 // columns id, text
        Dataset<Row> scores = new SparkTexts(TextSettings.defaults()).score(posts, "id", "text");

        // the same reading as a SQL function (one text per call)
        new SparkTexts(TextSettings.defaults()).registerFunction(spark, "emotion");
        Dataset<Row> sql = spark.sql("SELECT id, emotion(text) AS e FROM posts");   // e.dominant, e.valence, e.cautions, ... (the texts columns but id, start, end)

        // clips: one URI per row
        ClipResults r = new SparkClips(ClipSettings.defaults()).analyze(spark.read().text("clips.txt"), "value");
        r.windows().write().parquet("out/windows");
        r.summaries().write().parquet("out/summaries");
        r.release();                                                                 // the analysis is persisted until then
        // end::spark[]
    }
}
