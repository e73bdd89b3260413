package io.emospectrum.spark;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

import static org.apache.spark.sql.functions.col;

/**
 * Scores a column of texts. {@link #score} is a {@code mapPartitions} transformation that reads each
 * partition in batches of {@link TextSettings#batchSize()} texts (the fast path);
 * {@link #registerFunction} makes the SQL function {@code emotion(text)}, one text per call, for
 * queries such as {@code SELECT id, emotion(text).dominant FROM posts}. A text that cannot be read
 * (null, empty) gets a row with {@code error} set and null scores; the other rows are read.
 */
public final class SparkTexts {
    private final TextSettings settings;

    public SparkTexts(TextSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * One row per input row, in partition order, with the schema {@link EmotionSchema#texts}: the
     * id column, the character span, the reading, the error.
     */
    public Dataset<Row> score(Dataset<Row> input, String idColumn, String textColumn) {
        StructType out = EmotionSchema.texts(input.schema().apply(idColumn));
        TextSettings s = settings;
        return input.select(col(idColumn), col(textColumn))
                .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Batches(ExecutorExtractors.text(s), rows, s.batchSize()),
                        Encoders.row(out));
    }

    /** Registers the SQL function {@code name(text)} returning the struct {@link EmotionSchema#READING}. */
    public void registerFunction(SparkSession spark, String name) {
        TextSettings s = settings;
        spark.udf().register(name, (UDF1<String, Row>) text -> {
            Object[] v = new Object[EmotionSchema.READING.size()];
            try {
                if (text == null) {
                    throw new InvalidInputException("text is null");
                }
                TextAnalysis a = ExecutorExtractors.text(s).analyze(text);
                EmotionSchema.put(v, 0, a.overall());
                EmotionSchema.putText(v, 12, a);
            } catch (InvalidInputException e) {
                v[v.length - 1] = e.getMessage();
            }
            return RowFactory.create(v);
        }, EmotionSchema.READING);
    }

    /** Reads a partition's rows a batch at a time; a batch that fails on one bad text is read text by text. */
    private static final class Batches implements Iterator<Row> {
        private final TextEmotionExtractor extractor;
        private final Iterator<Row> rows;
        private final int batchSize;
        private final List<Row> ready = new ArrayList<>();
        private int next;

        Batches(TextEmotionExtractor extractor, Iterator<Row> rows, int batchSize) {
            this.extractor = extractor;
            this.rows = rows;
            this.batchSize = batchSize;
        }

        @Override
        public boolean hasNext() {
            if (next < ready.size()) {
                return true;
            }
            ready.clear();
            next = 0;
            List<Row> in = new ArrayList<>(batchSize);
            while (in.size() < batchSize && rows.hasNext()) {
                in.add(rows.next());
            }
            if (!in.isEmpty()) {
                read(in);
            }
            return !ready.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.get(next++);
        }

        private void read(List<Row> in) {
            List<String> texts = new ArrayList<>(in.size());
            for (Row r : in) {
                if (r.get(1) != null) {
                    texts.add(r.getString(1));
                }
            }
            List<Object> results = new ArrayList<>(texts.size());
            try {
                results.addAll(extractor.analyzeAll(texts));
            } catch (InvalidInputException batchFailed) {
                results.clear();
                for (String t : texts) {
                    try {
                        results.add(extractor.analyze(t));
                    } catch (InvalidInputException e) {
                        results.add(e.getMessage());
                    }
                }
            }
            int k = 0;
            for (Row r : in) {
                Object[] v = new Object[3 + 12 + 3 + 1];
                v[0] = r.get(0);
                Object result = r.get(1) == null ? "text is null" : results.get(k++);
                if (result instanceof TextAnalysis a) {
                    EmotionReading overall = a.overall();
                    overall.span().textSpan().ifPresent(span -> {
                        v[1] = span.start();
                        v[2] = span.end();
                    });
                    EmotionSchema.put(v, 3, overall);
                    EmotionSchema.putText(v, 15, a);
                } else {
                    v[v.length - 1] = result;
                }
                ready.add(RowFactory.create(v));
            }
        }
    }
}
