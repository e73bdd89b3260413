package io.emospectrum.tools.voice;

import io.emospectrum.audio.GruVoiceProvider;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.VoiceEmotionExtractor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluateVoiceModelTest {

    @Test
    void heldOutActorsAreRecognizedWellAboveChance() {
        Path dir = RavdessCorpus.defaultDirectory();
        Assumptions.assumeTrue(Files.isDirectory(dir), "RAVDESS not found at " + dir.toAbsolutePath() + "; skipping");
        List<RavdessClip> all = RavdessCorpus.clips(dir, RavdessCorpus.TEST_ACTORS);
        List<RavdessClip> clips = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 2) { // every other clip of actors 19-20, never trained on
            clips.add(all.get(i));
        }
        try (VoiceEmotionExtractor extractor = new GruVoiceProvider().create(ExtractorOptions.defaults())) {
            EvaluateVoiceModel.Result r = EvaluateVoiceModel.evaluate(extractor, clips);
            // chance over the seven categories is 14%
            assertThat(r.matrix().accuracy()).as(r.matrix().format()).isGreaterThan(0.35);
            assertThat(r.matrix().unweightedAverageRecall()).isGreaterThan(0.3);
        }
    }
}
