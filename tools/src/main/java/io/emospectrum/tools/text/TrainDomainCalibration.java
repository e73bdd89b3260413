package io.emospectrum.tools.text;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.text.GoEmotionsMiniLmProvider;
import io.emospectrum.text.score.DomainCalibration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code train text-domain-calibration}: reads the user's own labelled texts with the text provider as
 * they would use it, fits the Platt scaling of the confidence on them ({@link DomainCalibrationFit},
 * form PLATT) and prints the {@code domain-calibration} option that applies it, with the accuracy,
 * mean confidence and ECE before and after: in-sample, and cross-validated (fitted on the other folds)
 * so that the figure is honest for texts the fit did not see.
 *
 * <pre>./emospectrum-tools train text-domain-calibration --labelled my-texts.csv [-O variant=permissive]</pre>
 */
@Command(name = "text-domain-calibration", mixinStandardHelpOptions = true,
        description = "Fits the text provider's domain-calibration option on your own labelled texts (CSV or TSV with text and category columns).")
public final class TrainDomainCalibration implements Callable<Integer> {
    /** Fewer labelled texts than this fit a calibration too noisy to trust (docs/text-corpora.md: 200 brought ECE to 0.03-0.08). */
    static final int MIN_TEXTS = 30;

    @Option(names = "--labelled", required = true, paramLabel = "FILE",
            description = "CSV (or .tsv) with a header; columns text and category (one of neutral, happiness, sadness, anger, fear, disgust, "
                    + "surprise; any case). 200 or more texts recommended, at least " + MIN_TEXTS + ".")
    private Path labelled;
    @Option(names = {"-O", "--option"}, paramLabel = "KEY=VALUE", description = "a text provider option, as the CLI takes it (e.g. variant=permissive)")
    private Map<String, String> options = new LinkedHashMap<>();
    @Option(names = "--folds", defaultValue = "5", description = "cross-validation folds for the held-out figure; default: ${DEFAULT-VALUE}")
    private int folds;

    /** One labelled text. */
    record Labelled(long line, String text, int category) {
    }

    @Override
    public Integer call() throws IOException {
        if (folds < 2) {
            throw new IllegalArgumentException("--folds must be at least 2, was " + folds);
        }
        if (options.containsKey(GoEmotionsMiniLmProvider.DOMAIN_CALIBRATION.name())) {
            throw new IllegalArgumentException("-O " + GoEmotionsMiniLmProvider.DOMAIN_CALIBRATION.name() + " is what this command fits: leave it out");
        }
        List<Labelled> rows = read(labelled);
        List<float[]> p = new ArrayList<>(rows.size());
        int[] gold = new int[rows.size()];
        ExtractorOptions.Builder b = ExtractorOptions.builder();
        options.forEach(b::property);
        try (TextEmotionExtractor x = ProviderRegistry.text().select(GoEmotionsMiniLmProvider.NAME).create(b.build())) {
            List<TextAnalysis> read = x.analyzeAll(rows.stream().map(Labelled::text).toList());
            for (int i = 0; i < rows.size(); i++) {
                EmotionReading r = read.get(i).overall();
                p.add(r.spectrum().probabilities());
                gold[i] = rows.get(i).category();
            }
            System.out.printf(Locale.ROOT, "%d labelled texts read by %s%n", rows.size(), x.model());
        }
        DomainCalibrationFit.Fitted fit = DomainCalibrationFit.fit(DomainCalibrationFit.Form.PLATT, p, gold);
        print("as the model reads them", DomainCalibrationFit.score(p, gold, null));
        print("calibrated, in sample", DomainCalibrationFit.score(p, gold, fit));
        print("calibrated, " + folds + "-fold cross-validated", crossValidated(p, gold, folds));
        System.out.println();
        System.out.println("-O " + GoEmotionsMiniLmProvider.DOMAIN_CALIBRATION.name() + "=" + fit.calibration().option());
        return 0;
    }

    private static void print(String what, CorpusMetrics.Result m) {
        System.out.printf(Locale.ROOT, "%-40s accuracy %.3f, mean confidence %.3f, ECE %.3f, AUROC %.3f%n", what + ":", m.accuracy(),
                m.meanConfidence(), m.ece(), m.auroc());
    }

    /** Every text scored by the fit on the other folds (a fixed shuffle, so that a file sorted by category is split fairly). */
    static CorpusMetrics.Result crossValidated(List<float[]> p, int[] gold, int folds) {
        int n = p.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(7));
        float[][] calibrated = new float[n][];
        for (int f = 0; f < folds; f++) {
            List<float[]> fitP = new ArrayList<>();
            List<Integer> fitGold = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if (k % folds != f) {
                    fitP.add(p.get(order.get(k)));
                    fitGold.add(gold[order.get(k)]);
                }
            }
            DomainCalibrationFit.Fitted fit = DomainCalibrationFit.fit(DomainCalibrationFit.Form.PLATT, fitP,
                    fitGold.stream().mapToInt(Integer::intValue).toArray());
            for (int k = f; k < n; k += folds) {
                calibrated[order.get(k)] = fit.apply(p.get(order.get(k)));
            }
        }
        return DomainCalibrationFit.score(List.of(calibrated), gold, null);
    }

    /** The labelled texts of a CSV or TSV file with a header row; a bad row is an error that names its line. */
    static List<Labelled> read(Path file) throws IOException {
        boolean tsv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv");
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(tsv ? '\t' : ',');
        if (tsv) {
            schema = schema.withoutQuoteChar();
        }
        List<Labelled> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<String[]> it = mapper.readerFor(String[].class).with(schema).readValues(r)) {
            if (!it.hasNext()) {
                throw new InvalidInputException(file + " is empty: it needs a header row with the columns text and category");
            }
            String[] header = it.next();
            int text = column(header, "text", file);
            int category = column(header, "category", file);
            while (it.hasNext()) {
                long line = it.getCurrentLocation().getLineNr();
                String[] row = it.next();
                if (row.length == 1 && row[0].isBlank()) {
                    continue;
                }
                if (row.length <= Math.max(text, category)) {
                    throw new InvalidInputException(file + " line " + line + ": " + row.length + " columns, the header has " + header.length);
                }
                if (row[text].isBlank()) {
                    throw new InvalidInputException(file + " line " + line + ": the text is empty");
                }
                out.add(new Labelled(line, row[text], category(row[category], file, line)));
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("no such file: " + file);
        } catch (java.io.CharConversionException | java.nio.charset.MalformedInputException e) {
            throw new InvalidInputException(file + " is not UTF-8 text: " + e.getMessage());
        }
        if (out.size() < MIN_TEXTS) {
            throw new InvalidInputException(file + " has " + out.size() + " labelled texts; a calibration needs at least " + MIN_TEXTS
                    + " (200 or more recommended)");
        }
        return out;
    }

    private static int column(String[] header, String name, Path file) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].strip().toLowerCase(Locale.ROOT).replace("\uFEFF", "").equals(name)) {
                return i;
            }
        }
        throw new InvalidInputException(file + " has no column '" + name + "' in its header " + java.util.Arrays.toString(header)
                + ": it needs the columns text and category");
    }

    private static int category(String value, Path file, long line) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (EmotionCategory c : EmotionCategory.ordered()) {
            if (c.key().equals(v)) {
                return c.index();
            }
        }
        throw new InvalidInputException(file + " line " + line + ": category '" + value + "' is not one of "
                + EmotionCategory.ordered().stream().map(EmotionCategory::key).toList());
    }
}
