package io.emospectrum.cli;

import io.emospectrum.error.InvalidInputException;
import io.emospectrum.fusion.FusedReading;
import io.emospectrum.spectrum.EmotionCategory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws the fused timeline with JFreeChart: the seven category probabilities above, valence and
 * arousal below, over window mid-times; one such pair of panels per subject (face track), in the
 * order the subjects first appear, on one time axis. Keeps nine numbers per window (not the clip).
 */
final class TimelineChart {
    private final Map<String, XYSeries[]> bySubject = new LinkedHashMap<>();

    void add(FusedReading w) {
        String subject = w.reading().subject() == null ? "" : w.reading().subject();
        XYSeries[] series = bySubject.computeIfAbsent(subject, s -> newSeries());
        double mid = (w.reading().span().time().start() + w.reading().span().time().end()) / 2;
        float[] v = w.reading().vector();
        for (int i = 0; i < v.length; i++) {
            series[i].add(mid, v[i]);
        }
    }

    private static XYSeries[] newSeries() {
        XYSeries[] s = new XYSeries[EmotionCategory.COUNT + 2];
        for (EmotionCategory c : EmotionCategory.ordered()) {
            s[c.index()] = new XYSeries(c.key());
        }
        s[7] = new XYSeries("valence");
        s[8] = new XYSeries("arousal");
        return s;
    }

    /** The chart: for each subject, its categories panel and its valence/arousal panel. */
    JFreeChart chart(String title) {
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("time (s)"));
        Map<String, XYSeries[]> subjects = bySubject.isEmpty() ? Map.of("", newSeries()) : bySubject;
        subjects.forEach((subject, series) -> {
            String who = subject.isEmpty() ? "" : subject + ": ";
            XYSeriesCollection categories = new XYSeriesCollection();
            for (int i = 0; i < EmotionCategory.COUNT; i++) {
                categories.addSeries(series[i]);
            }
            XYSeriesCollection dimensions = new XYSeriesCollection();
            dimensions.addSeries(series[7]);
            dimensions.addSeries(series[8]);
            NumberAxis probability = new NumberAxis(who + "probability");
            probability.setRange(0, 1);
            NumberAxis va = new NumberAxis(who + "valence / arousal");
            va.setRange(-1, 1);
            plot.add(new XYPlot(categories, null, probability, new XYLineAndShapeRenderer(true, false)), 2);
            plot.add(new XYPlot(dimensions, null, va, new XYLineAndShapeRenderer(true, false)), 1);
        });
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    void save(Path png, String title) {
        JFreeChart chart = chart(title);
        int panels = Math.max(1, bySubject.size());
        try {
            ChartUtils.saveChartAsPNG(png.toFile(), chart, 1200, 100 + 600 * panels);
        } catch (IOException e) {
            throw new InvalidInputException("cannot write plot " + png + ": " + e.getMessage(), e);
        }
    }
}
