package io.emospectrum.cli;

import io.emospectrum.fusion.FusedReading;
import io.emospectrum.fusion.TestReadings;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineChartTest {

    private static FusedReading window(String subject, double start, EmotionCategory c) {
        EmotionReading face = TestReadings.reading(Modality.FACE, c, 0.9f, start, start + 1, subject);
        EmotionReading fused = TestReadings.reading(Modality.FUSED, c, 0.9f, start, start + 1, subject);
        return new FusedReading(fused, List.of(face), List.of(1.0), 0);
    }

    @Test
    void drawsEverySubjectNotOnlyTheOneWithTheMostWindows() {
        TimelineChart chart = new TimelineChart();
        for (int t = 0; t < 5; t++) {
            chart.add(window("face-1", t, EmotionCategory.HAPPINESS));
        }
        chart.add(window("face-2", 2, EmotionCategory.ANGER));
        @SuppressWarnings("unchecked")
        List<XYPlot> panels = ((CombinedDomainXYPlot) chart.chart("clip.mp4").getXYPlot()).getSubplots();
        // categories and valence/arousal for each of the two subjects
        assertThat(panels).hasSize(4);
        assertThat(panels.get(0).getRangeAxis().getLabel()).startsWith("face-1");
        assertThat(panels.get(2).getRangeAxis().getLabel()).startsWith("face-2");
        assertThat(panels.get(2).getDataset().getItemCount(EmotionCategory.ANGER.index())).isEqualTo(1);
        assertThat(panels.get(0).getDataset().getItemCount(EmotionCategory.HAPPINESS.index())).isEqualTo(5);
    }
}
