package io.emospectrum.spark.job;

import io.emospectrum.spark.ClipResults;
import io.emospectrum.spark.ClipSettings;
import io.emospectrum.spark.SparkClips;
import io.emospectrum.spark.SparkTexts;
import io.emospectrum.spark.TextSettings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The EmoSpectrum Spark job: {@code clips} writes the fused windows and clip summaries of the clips
 * listed in a text file (one URI per line) to {@code OUT/windows} and {@code OUT/summaries};
 * {@code texts} writes the scores of a text file (one text per line, id = line number) or of a
 * Parquet column to {@code OUT/texts}. Parquet, overwritten on a rerun, so a rerun with the same
 * output gives the same result. Runs under {@code spark-submit}, which sets the master; started
 * directly it runs on {@code --master} (default {@code local[*]}).
 */
@Command(name = "emospectrum-spark", mixinStandardHelpOptions = true,
        description = "Emotion of clips or texts as a Spark job, written as Parquet.",
        subcommands = {EmoSpectrumJob.Clips.class, EmoSpectrumJob.Texts.class, EmoSpectrumJob.Show.class})
public final class EmoSpectrumJob {
    @Option(names = "--master", paramLabel = "URL", scope = CommandLine.ScopeType.INHERIT,
            description = "Spark master when not set by spark-submit (default: local[*]).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", scope = CommandLine.ScopeType.INHERIT,
            description = "A Spark setting (as spark-submit's --conf).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto", scope = CommandLine.ScopeType.INHERIT,
            description = "auto, cpu, gpu or gpu:N on the executors (default: ${DEFAULT-VALUE}).")
    String device;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EmoSpectrumJob()).execute(args));
    }

    /** A new session, or the one already running in this JVM (which the job then leaves running). */
    SparkSession session(String name) {
        SparkConf c = new SparkConf().setAppName(name);
        if (!c.contains("spark.master")) {
            c.setMaster(master != null ? master : "local[*]");
        } else if (master != null) {
            c.setMaster(master);
        }
        conf.forEach(c::set);
        return SparkSession.builder().config(c).getOrCreate();
    }

    @Command(name = "clips", mixinStandardHelpOptions = true, description = "Fused windows and summaries of video clips.")
    static final class Clips implements Callable<Integer> {
        @CommandLine.ParentCommand
        EmoSpectrumJob job;

        @Option(names = "--input", paramLabel = "URI", required = true,
                description = "A text file (any Hadoop URI) with one clip URI per line.")
        String input;

        @Option(names = "--out", paramLabel = "URI", required = true, description = "Output directory: windows/ and summaries/ (Parquet).")
        String out;

        @Option(names = "--partitions", paramLabel = "N", description = "Spread the clips over N partitions (default: one per core).")
        Integer partitions;

        @Option(names = "--max-frame-side", paramLabel = "PIXELS", defaultValue = "0",
                description = "Scale frames down to this longer side before face analysis (0: keep).")
        int maxFrameSide;

        @Option(names = "--face-provider", paramLabel = "NAME") String faceProvider;
        @Option(names = "--voice-provider", paramLabel = "NAME") String voiceProvider;

        @Override
        public Integer call() {
            boolean owned = SparkSession.getDefaultSession().isEmpty();
            SparkSession spark = job.session("emospectrum-clips");
            try {
                Dataset<Row> uris = spark.read().text(input).withColumnRenamed("value", "uri")
                        .where("trim(uri) != '' AND NOT startswith(trim(uri), '#')").selectExpr("trim(uri) AS uri");
                long t0 = System.nanoTime();
                int n = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
                ClipSettings s = new ClipSettings(faceProvider, voiceProvider, job.device, 1.0, 5, maxFrameSide, "linear");
                // one clip per task where possible: clips are few and long
                ClipResults r = new SparkClips(s).analyze(uris.repartition(n), "uri");
                r.windows().write().mode(SaveMode.Overwrite).parquet(out + "/windows");
                r.summaries().write().mode(SaveMode.Overwrite).parquet(out + "/summaries");
                long failed = spark.read().parquet(out + "/summaries").where("error IS NOT NULL").count();
                r.release();
                System.err.printf(java.util.Locale.ROOT, "emospectrum-spark: wrote %s/windows and %s/summaries in %.1f s%s%n",
                        out, out, (System.nanoTime() - t0) / 1e9, failed > 0 ? "; " + failed + " clip(s) failed (rows with error)" : "");
                return failed > 0 ? 3 : 0;
            } finally {
                if (owned) {
                    spark.stop();
                }
            }
        }
    }

    @Command(name = "texts", mixinStandardHelpOptions = true, description = "Scores of texts: a text file (one per line) or a Parquet column.")
    static final class Texts implements Callable<Integer> {
        @CommandLine.ParentCommand
        EmoSpectrumJob job;

        @Option(names = "--input", paramLabel = "URI", required = true,
                description = "A text file with one text per line (id: the line number), or Parquet with --text-column.")
        String input;

        @Option(names = "--out", paramLabel = "URI", required = true, description = "Output directory: texts/ (Parquet).")
        String out;

        @Option(names = "--text-column", paramLabel = "NAME", description = "Read Parquet input; the column of texts.")
        String textColumn;

        @Option(names = "--id-column", paramLabel = "NAME", defaultValue = "id", description = "Parquet input: the id column (default: ${DEFAULT-VALUE}).")
        String idColumn;

        @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", description = "Texts per inference batch (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--provider", paramLabel = "NAME") String provider;

        @Override
        public Integer call() {
            boolean owned = SparkSession.getDefaultSession().isEmpty();
            SparkSession spark = job.session("emospectrum-texts");
            try {
                long t0 = System.nanoTime();
                Dataset<Row> in;
                String id;
                String text;
                if (textColumn != null) {
                    in = spark.read().parquet(input);
                    id = idColumn;
                    text = textColumn;
                } else {
                    in = numberedLines(spark, input);
                    id = "line";
                    text = "text";
                }
                TextSettings s = new TextSettings(provider, job.device, batchSize, Map.of());
                new SparkTexts(s).score(in, id, text).write().mode(SaveMode.Overwrite).parquet(out + "/texts");
                System.err.printf(java.util.Locale.ROOT, "emospectrum-spark: wrote %s/texts in %.1f s%n", out, (System.nanoTime() - t0) / 1e9);
                return 0;
            } finally {
                if (owned) {
                    spark.stop();
                }
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the first rows of a Parquet output (e.g. OUT/windows).")
    static final class Show implements Callable<Integer> {
        @CommandLine.ParentCommand
        EmoSpectrumJob job;

        @CommandLine.Parameters(paramLabel = "URI", description = "A Parquet directory the job wrote.")
        String path;

        @Option(names = "-n", paramLabel = "ROWS", defaultValue = "20", description = "Rows to print (default: ${DEFAULT-VALUE}).")
        int rows;

        @Override
        public Integer call() {
            boolean owned = SparkSession.getDefaultSession().isEmpty();
            SparkSession spark = job.session("emospectrum-show");
            try {
                Dataset<Row> d = spark.read().parquet(path);
                d.printSchema();
                d.show(rows, false);
                System.out.println(d.count() + " rows");
                return 0;
            } finally {
                if (owned) {
                    spark.stop();
                }
            }
        }
    }

    /** The lines of a text file with their 1-based numbers, as {@code emospectrum text --input} numbers them. */
    public static Dataset<Row> numberedLines(SparkSession spark, String uri) {
        StructType schema = new StructType().add("line", DataTypes.LongType, false).add("text", DataTypes.StringType, true);
        return spark.createDataFrame(spark.read().text(uri).javaRDD().zipWithIndex()
                .map(t -> org.apache.spark.sql.RowFactory.create(t._2() + 1, t._1().getString(0))), schema);
    }
}
