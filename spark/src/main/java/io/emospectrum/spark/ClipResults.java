package io.emospectrum.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What {@link SparkClips#analyze} returns: both Datasets come from one analysis of each clip (it is
 * persisted; call {@link #release} when both have been used).
 *
 * @param windows   fused windows, schema {@link EmotionSchema#WINDOWS}
 * @param summaries one row per clip and subject, or per failed clip, schema {@link EmotionSchema#SUMMARIES}
 * @param all       the persisted analysis both are selected from
 */
public record ClipResults(Dataset<Row> windows, Dataset<Row> summaries, Dataset<Row> all) {
    /** Drops the persisted analysis. */
    public void release() {
        all.unpersist();
    }
}
