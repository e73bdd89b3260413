package io.emospectrum.spark;

import io.emospectrum.fusion.FusedReading;
import io.emospectrum.fusion.clip.ClipAnalyzer;
import io.emospectrum.fusion.clip.ClipListener;
import io.emospectrum.fusion.clip.ClipSummary;
import io.emospectrum.fusion.clip.SubjectSummary;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.TimeSpan;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.apache.spark.sql.functions.col;

/**
 * Analyzes clips named by URI: each clip is read through Hadoop's FileSystem ({@code file:},
 * {@code hdfs:}, {@code s3a:}, ...; a path without a scheme is local), a remote one copied to local
 * scratch first because FFmpeg needs a path, and analyzed by fusion's {@link ClipAnalyzer} with the
 * executor's shared extractors. A clip that cannot be read becomes a summary row with its error.
 */
public final class SparkClips {
    private static final StructType ALL = all();

    private final ClipSettings settings;

    public SparkClips(ClipSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Analyzes the clips whose URIs are in {@code uriColumn} (one clip per row). The result is
     * persisted so that windows and summaries do not analyze a clip twice.
     */
    public ClipResults analyze(Dataset<Row> clips, String uriColumn) {
        ClipSettings s = settings;
        Map<String, String> hadoop = new HashMap<>();
        clips.sparkSession().sparkContext().hadoopConfiguration().forEach(e -> hadoop.put(e.getKey(), e.getValue()));
        Dataset<Row> all = clips.select(col(uriColumn))
                .flatMap((FlatMapFunction<Row, Row>) r -> analyzeOne(s, r.getString(0), hadoop).iterator(), Encoders.row(ALL))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> windows = all.where(col("kind").equalTo("window")).select(columns(EmotionSchema.WINDOWS));
        Dataset<Row> summaries = all.where(col("kind").equalTo("summary")).select(columns(EmotionSchema.SUMMARIES));
        return new ClipResults(windows, summaries, all);
    }

    private static Column[] columns(StructType schema) {
        return java.util.Arrays.stream(schema.fieldNames()).map(n -> col(n)).toArray(Column[]::new);
    }

    /** Windows and summaries in one schema, told apart by {@code kind}. */
    private static StructType all() {
        StructType s = new StructType().add("kind", DataTypes.StringType, false);
        for (StructField f : EmotionSchema.WINDOWS.fields()) {
            s = s.add(f.name(), f.dataType(), true);
        }
        for (StructField f : EmotionSchema.SUMMARIES.fields()) {
            if (!List.of(s.fieldNames()).contains(f.name())) {
                s = s.add(f.name(), f.dataType(), true);
            }
        }
        return s;
    }

    static List<Row> analyzeOne(ClipSettings settings, String uri, Map<String, String> hadoop) {
        List<Row> rows = new ArrayList<>();
        String[] model = {null};
        try (ClipSource source = ClipSource.open(uri, hadoop)) {
            ClipAnalyzer analyzer = ExecutorExtractors.clips(settings);
            ClipSummary summary = analyzer.analyze(source.path(), new ClipListener() {
                @Override
                public void onWindow(FusedReading w) {
                    rows.add(window(uri, w));
                    model[0] = w.reading().model().toString();
                }
            });
            for (SubjectSummary sub : summary.subjects()) {
                Object[] v = new Object[ALL.size()];
                v[index("kind")] = "summary";
                v[index("clip")] = uri;
                v[index("subject")] = sub.subject();
                v[index("start")] = 0.0;
                v[index("end")] = summary.durationSeconds();
                EmotionSchema.put(v, index("neutral"), sub.meanSpectrum());
                v[index("model")] = model[0];
                v[index("windows")] = sub.windows();
                rows.add(RowFactory.create(v));
            }
            if (summary.subjects().isEmpty()) {
                Object[] v = new Object[ALL.size()];
                v[index("kind")] = "summary";
                v[index("clip")] = uri;
                v[index("start")] = 0.0;
                v[index("end")] = summary.durationSeconds();
                v[index("windows")] = 0L;
                rows.add(RowFactory.create(v));
            }
        } catch (RuntimeException | IOException e) {
            // the clip's windows so far are dropped: a clip is either read whole or an error row
            rows.clear();
            Object[] v = new Object[ALL.size()];
            v[index("kind")] = "summary";
            v[index("clip")] = uri;
            v[index("error")] = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            rows.add(RowFactory.create(v));
        }
        return rows;
    }

    private static Row window(String uri, FusedReading w) {
        EmotionReading r = w.reading();
        Object[] v = new Object[ALL.size()];
        v[index("kind")] = "window";
        v[index("clip")] = uri;
        v[index("subject")] = r.subject();
        TimeSpan t = r.span().timeSpan().orElseThrow();
        v[index("start")] = t.start();
        v[index("end")] = t.end();
        EmotionSchema.put(v, index("neutral"), r);
        v[index("modalities")] = scala.jdk.javaapi.CollectionConverters.asScala(
                w.modalities().stream().map(Modality::key).toList()).toSeq();
        v[index("disagreement")] = w.disagreement();
        return RowFactory.create(v);
    }

    private static int index(String column) {
        return ALL.fieldIndex(column);
    }

    /** A clip as a local file: the file itself, or a scratch copy deleted on close. */
    private record ClipSource(Path path, boolean scratch) implements AutoCloseable {
        static ClipSource open(String uri, Map<String, String> hadoop) throws IOException {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
            String scheme = p.toUri().getScheme();
            if (scheme == null || scheme.equals("file")) {
                Path local = localPath(uri, p);
                if (!Files.isRegularFile(local)) {
                    throw new io.emospectrum.error.InvalidInputException(uri + ": no such file");
                }
                return new ClipSource(local, false);
            }
            org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
            hadoop.forEach(conf::set);
            Path copy = Files.createTempFile(scratchDir(), "emospectrum-clip-", "-" + p.getName());
            try (var in = p.getFileSystem(conf).open(p)) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(copy);
                throw e;
            }
            return new ClipSource(copy, true);
        }

        /** A file URI as java.net.URI reads it (percent-encoded, as Path.toUri() writes it), else as Hadoop does (plain). */
        private static Path localPath(String uri, org.apache.hadoop.fs.Path p) {
            if (uri.startsWith("file:")) {
                try {
                    Path decoded = Path.of(java.net.URI.create(uri));
                    if (Files.exists(decoded)) {
                        return decoded;
                    }
                } catch (IllegalArgumentException notAJavaUri) {
                    // e.g. "file:/a b": Hadoop's own form below
                }
            }
            return Path.of(p.toUri().getPath());
        }

        /** Spark's local directories on an executor (SPARK_LOCAL_DIRS, set by YARN and Kubernetes), else the JVM's temp. */
        private static Path scratchDir() {
            String dirs = System.getenv("SPARK_LOCAL_DIRS");
            return Path.of(dirs != null && !dirs.isBlank() ? dirs.split(",")[0] : System.getProperty("java.io.tmpdir"));
        }

        @Override
        public void close() {
            if (scratch) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
