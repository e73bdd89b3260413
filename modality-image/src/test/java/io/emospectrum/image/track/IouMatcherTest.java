package io.emospectrum.image.track;

import io.emospectrum.spectrum.BoundingBox;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IouMatcherTest {
    private final IouMatcher matcher = new IouMatcher(0.3f);

    @Test
    void eachDetectionContinuesTheTrackItOverlapsMost() {
        List<BoundingBox> tracks = List.of(new BoundingBox(0, 0, 100, 100), new BoundingBox(300, 0, 100, 100));
        List<BoundingBox> dets = List.of(new BoundingBox(310, 5, 100, 100), new BoundingBox(8, 3, 100, 100),
                new BoundingBox(600, 0, 50, 50));
        assertThat(matcher.match(tracks, dets)).containsExactly(1, 0, -1);
    }

    @Test
    void oneTrackIsNeverGivenToTwoDetections() {
        List<BoundingBox> tracks = List.of(new BoundingBox(0, 0, 100, 100));
        List<BoundingBox> dets = List.of(new BoundingBox(20, 0, 100, 100), new BoundingBox(2, 0, 100, 100));
        assertThat(matcher.match(tracks, dets)).containsExactly(-1, 0);
    }

    @Test
    void tooLittleOverlapStartsANewTrack() {
        assertThat(matcher.match(List.of(new BoundingBox(0, 0, 100, 100)), List.of(new BoundingBox(80, 80, 100, 100))))
                .containsExactly(-1);
    }
}
