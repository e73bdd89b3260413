package io.emospectrum.tools.text;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.text.score.DomainCalibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainDomainCalibrationTest {
    private static final String[] HAPPY = {"I am so happy today, this is wonderful news!", "Thank you so much, this made my day!",
            "We won the final, I could not be happier!", "What a lovely surprise party, I loved every minute.",
            "My best friend is getting married and I am thrilled for her."};

    @Test
    void readsTheColumnsByNameInAnyOrderAndCaseFromCsvOrTsv(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("mine.csv");
        List<String> lines = new ArrayList<>(List.of("Category,id,Text"));
        for (int i = 0; i < TrainDomainCalibration.MIN_TEXTS; i++) {
            lines.add("HAPPINESS," + i + ",\"" + HAPPY[i % HAPPY.length].replace("\"", "\"\"") + "\"");
        }
        Files.write(csv, lines, StandardCharsets.UTF_8);
        List<TrainDomainCalibration.Labelled> rows = TrainDomainCalibration.read(csv);
        assertThat(rows).hasSize(TrainDomainCalibration.MIN_TEXTS);
        assertThat(rows.get(1).text()).isEqualTo(HAPPY[1]);
        assertThat(rows.get(1).category()).isEqualTo(EmotionCategory.HAPPINESS.index());

        Path tsv = dir.resolve("mine.tsv");
        List<String> tab = new ArrayList<>(List.of("text\tcategory"));
        for (int i = 0; i < TrainDomainCalibration.MIN_TEXTS; i++) {
            tab.add("a \"quoted\" word, and a comma\tfear");
        }
        Files.write(tsv, tab, StandardCharsets.UTF_8);
        assertThat(TrainDomainCalibration.read(tsv).get(0).text()).isEqualTo("a \"quoted\" word, and a comma");
    }

    @Test
    void aBadFileSaysWhatIsWrongAndWhere(@TempDir Path dir) throws Exception {
        Path noCategory = Files.writeString(dir.resolve("a.csv"), "text,label\nhello,joy\n");
        assertThatThrownBy(() -> TrainDomainCalibration.read(noCategory)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no column 'category'");
        Path unknown = Files.writeString(dir.resolve("b.csv"), "text,category\nhello,neutral\nI am so glad,joy\n");
        assertThatThrownBy(() -> TrainDomainCalibration.read(unknown)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 3").hasMessageContaining("'joy' is not one of");
        Path few = Files.writeString(dir.resolve("c.csv"), "text,category\nhello,neutral\n");
        assertThatThrownBy(() -> TrainDomainCalibration.read(few)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs at least " + TrainDomainCalibration.MIN_TEXTS);
        assertThatThrownBy(() -> TrainDomainCalibration.read(dir.resolve("none.csv"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no such file");
        Path blank = Files.writeString(dir.resolve("e.csv"), "text,category\nhello,neutral\n  ,happiness\n");
        assertThatThrownBy(() -> TrainDomainCalibration.read(blank)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 3: the text is empty");
        Path latin1 = Files.write(dir.resolve("f.csv"), "text,category\ncaf\u00e9,happiness\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> TrainDomainCalibration.read(latin1)).isInstanceOf(InvalidInputException.class).hasMessageContaining("not UTF-8");
        Path empty = Files.writeString(dir.resolve("d.csv"), "");
        assertThatThrownBy(() -> TrainDomainCalibration.read(empty)).isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
    }

    @Test
    void labelsThatTheModelGetsWrongFitACalibrationThatLowersItsConfidence(@TempDir Path dir) throws Exception {
        // clearly happy texts labelled sadness: on this "domain" every reading is wrong, so the fit must lower confidence
        Path file = dir.resolve("wrong.csv");
        List<String> lines = new ArrayList<>(List.of("text,category"));
        for (int i = 0; i < 40; i++) {
            lines.add("\"" + HAPPY[i % HAPPY.length] + " (" + i + ")\",sadness");
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new TrainDomainCalibration()).execute("--labelled", file.toString());
        } finally {
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        String option = printed.lines().filter(l -> l.startsWith("-O domain-calibration=")).findFirst().orElseThrow();
        DomainCalibration fitted = DomainCalibration.parse("domain-calibration", option.substring(option.indexOf('=') + 1));
        assertThat(fitted.confidence(0.8)).isLessThan(0.3);
        assertThat(printed).contains("accuracy 0.000");
    }
}
