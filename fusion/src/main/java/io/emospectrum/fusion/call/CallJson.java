package io.emospectrum.fusion.call;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.json.ReadingJson;
import io.emospectrum.spectrum.EmotionReading;

import java.util.Locale;

/**
 * The JSON form of a call's readings, shared by {@code emospectrum call} and the streaming
 * server: a window is a reading with {@code "type": "window"}; the summary has
 * {@code "type": "summary"}, {@code duration} (seconds) and one entry per scored party.
 * Numbers that do not exist (a mean over no window) are {@code null}.
 */
public final class CallJson {
    private final ReadingJson readings;

    public CallJson(ReadingJson readings) {
        this.readings = readings;
    }

    public ReadingJson readings() {
        return readings;
    }

    /** One window's reading, {@code "type": "window"} first. */
    public ObjectNode window(EmotionReading r) {
        ObjectNode o = readings.mapper().createObjectNode();
        o.put("type", "window");
        readings.write(r, o);
        return o;
    }

    public ObjectNode summary(CallSummary s) {
        ObjectNode o = readings.mapper().createObjectNode();
        o.put("type", "summary");
        o.put("duration", s.durationSeconds());
        ArrayNode parties = o.putArray("parties");
        for (PartySummary p : s.parties()) {
            ObjectNode n = parties.addObject();
            n.put("party", p.role().subject());
            n.put("scoredWindows", p.scoredWindows());
            putNumber(n, "meanValence", p.meanValence());
            n.set("overall", readings.toNode(p.overall()));
            ArrayNode moments = n.putArray("strongestNegative");
            for (EmotionReading r : p.strongestNegative()) {
                moments.add(readings.toNode(r));
            }
            ObjectNode t = n.putObject("trend");
            t.put("direction", p.trend().direction().name().toLowerCase(Locale.ROOT));
            putNumber(t, "slopePerMinute", p.trend().slopePerMinute());
            putNumber(t, "firstThird", p.trend().firstThird());
            putNumber(t, "lastThird", p.trend().lastThird());
        }
        return o;
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
