package io.emospectrum.cli;

import io.emospectrum.fusion.FusedReading;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.Modality;
import io.emospectrum.spectrum.TimeSpan;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/** The fused windows as a CSV table (RFC 4180), one row per window and subject, written as they come. */
final class TimelineCsv {
    static final String HEADER = "start,end,subject,modalities,dominant,confidence,disagreement,"
            + EmotionCategory.ordered().stream().map(EmotionCategory::key).collect(Collectors.joining(","))
            + ",valence,arousal";

    private final PrintWriter out;

    TimelineCsv(PrintWriter out) {
        this.out = out;
        out.println(HEADER);
        OutputFailedException.flushOrFail(out);
    }

    void write(FusedReading w) {
        TimeSpan t = w.reading().span().time();
        StringBuilder row = new StringBuilder();
        row.append(num(t.start())).append(',').append(num(t.end())).append(',')
                .append(w.reading().subject() == null ? "" : quote(w.reading().subject())).append(',')
                .append(w.modalities().stream().map(Modality::key).collect(Collectors.joining("+"))).append(',')
                .append(w.reading().dominant().key()).append(',')
                .append(num(w.reading().confidence())).append(',')
                .append(num(w.disagreement()));
        for (float v : w.reading().vector()) {
            row.append(',').append(num(v));
        }
        out.println(row);
        OutputFailedException.flushOrFail(out);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
