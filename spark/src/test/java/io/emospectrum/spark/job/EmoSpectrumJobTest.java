package io.emospectrum.spark.job;

import io.emospectrum.spark.LocalSpark;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextEmotionExtractor;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The texts job on a file of lines with the keyword test provider: line numbers, error rows, reruns. */
class EmoSpectrumJobTest {
    @Test
    void aTextFileBecomesOneRowPerLineNumberedAsTheCliNumbersThemAndARerunGivesTheSameRows(@TempDir Path dir) throws Exception {
        SparkSession spark = LocalSpark.session();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add(i % 50 == 7 ? "" : "line " + i + (i % 3 == 0 ? " happy" : i % 3 == 1 ? " sad" : " wow"));
        }
        Path input = Files.write(dir.resolve("posts.txt"), lines);
        String out = dir.resolve("out").toString();
        String[] args = {"texts", "--input", input.toString(), "--out", out, "--provider", "keyword-test", "--batch-size", "16"};

        assertThat(new CommandLine(new EmoSpectrumJob()).execute(args)).isZero();
        List<Row> first = byLine(spark.read().parquet(out + "/texts").collectAsList());

        assertThat(first).hasSize(300);
        try (TextEmotionExtractor sdk = ProviderRegistry.text().select("keyword-test").create(ExtractorOptions.defaults())) {
            for (int i = 0; i < lines.size(); i++) {
                Row r = first.get(i);
                assertThat(r.getLong(r.fieldIndex("line"))).isEqualTo(i + 1);
                if (lines.get(i).isEmpty()) {
                    assertThat(r.<String>getAs("error")).isNotBlank();
                } else {
                    assertThat(r.<String>getAs("dominant")).isEqualTo(sdk.analyze(lines.get(i)).overall().dominant().key());
                }
            }
        }
        assertThat(new CommandLine(new EmoSpectrumJob()).execute(args)).isZero();
        assertThat(byLine(spark.read().parquet(out + "/texts").collectAsList())).isEqualTo(first);
    }

    private static List<Row> byLine(List<Row> rows) {
        List<Row> s = new ArrayList<>(rows);
        s.sort(Comparator.comparingLong(r -> r.getLong(r.fieldIndex("line"))));
        return s;
    }
}
