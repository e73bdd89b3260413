/**
 * EmoSpectrum on Apache Spark: {@link io.emospectrum.spark.SparkTexts} scores a column of texts in
 * batches per partition (also as the SQL function {@code emotion(text)}), and
 * {@link io.emospectrum.spark.SparkClips} turns a Dataset of clip URIs into Datasets of fused
 * windows and clip summaries. Column names and types are in {@link io.emospectrum.spark.EmotionSchema}.
 * Every executor JVM opens its extractors once and shares them between its tasks.
 */
package io.emospectrum.spark;
