package io.emospectrum.fusion.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.fusion.FusedReading;
import io.emospectrum.fusion.clip.ClipIssue;
import io.emospectrum.fusion.clip.ClipSummary;
import io.emospectrum.fusion.clip.ClipTimings;
import io.emospectrum.fusion.clip.SubjectSummary;
import io.emospectrum.json.ReadingJson;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Modality;

import java.util.List;
import java.util.Objects;

/**
 * The JSON form of fused windows and clip summaries, on top of {@link ReadingJson}: a window is
 * the fused reading's fields plus {@code "type": "window"}, {@code modalities}, {@code disagreement}
 * and {@code sources} (each source's reading with its pooling {@code weight}); a summary is
 * {@code "type": "summary"} with the clip's facts, per-subject means, issues and timings.
 */
public final class FusionJson {
    private final ReadingJson readings;

    public FusionJson(ReadingJson readings) {
        this.readings = Objects.requireNonNull(readings, "readings");
    }

    public ObjectNode window(FusedReading w) {
        ObjectNode n = readings.mapper().createObjectNode();
        n.put("type", "window");
        readings.write(w.reading(), n);
        ArrayNode mods = n.putArray("modalities");
        w.modalities().forEach(m -> mods.add(m.key()));
        n.put("disagreement", w.disagreement());
        ArrayNode sources = n.putArray("sources");
        List<EmotionReading> src = w.sources();
        for (int i = 0; i < src.size(); i++) {
            ObjectNode s = readings.toNode(src.get(i));
            s.put("weight", w.weights().get(i));
            sources.add(s);
        }
        return n;
    }

    public ObjectNode summary(ClipSummary s) {
        ObjectNode n = readings.mapper().createObjectNode();
        n.put("type", "summary");
        n.put("file", s.clip().toString());
        n.put("duration", s.durationSeconds());
        n.put("hasVideo", s.hasVideo());
        n.put("hasAudio", s.hasAudio());
        if (s.hasVideo()) {
            n.put("width", s.width());
            n.put("height", s.height());
        }
        n.put("framesDecoded", s.framesDecoded());
        n.put("framesAnalyzed", s.framesAnalyzed());
        ObjectNode counts = n.putObject("readings");
        for (Modality m : Modality.values()) {
            Long c = s.readings().get(m);
            if (c != null) {
                counts.put(m.key(), c);
            }
        }
        n.put("windows", s.windows());
        ArrayNode subjects = n.putArray("subjects");
        for (SubjectSummary sub : s.subjects()) {
            ObjectNode o = subjects.addObject();
            if (sub.subject() != null) {
                o.put("subject", sub.subject());
            }
            o.put("windows", sub.windows());
            readings.writeSpectrum(sub.meanSpectrum(), o);
            o.put("meanDisagreement", sub.meanDisagreement());
            ObjectNode by = o.putObject("windowsByModality");
            for (Modality m : Modality.values()) {
                Long c = sub.windowsByModality().get(m);
                if (c != null) {
                    by.put(m.key(), c);
                }
            }
        }
        ArrayNode issues = n.putArray("issues");
        for (ClipIssue i : s.issues()) {
            issues.addObject().put("kind", i.kind().name().toLowerCase(java.util.Locale.ROOT)).put("message", i.message());
        }
        n.put("lateReadings", s.lateReadings());
        ClipTimings t = s.timings();
        n.putObject("timings").put("decode", t.decode()).put("face", t.face()).put("voice", t.voice())
                .put("text", t.text()).put("fusion", t.fusion()).put("wall", t.wall());
        return n;
    }
}
