package io.emospectrum.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.spectrum.BoundingBox;
import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.LabelScores;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spectrum.TextSpan;
import io.emospectrum.spectrum.TimeSpan;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextCaution;

import java.util.Locale;

/**
 * The JSON form of readings that the CLI writes and other tools read: {@code vector} (the nine
 * floats in docs/spectrum.md order), {@code spectrum} (the same by name), {@code dominant},
 * {@code confidence}, {@code modality}, {@code model}, {@code device}, and where known
 * {@code start}/{@code end} (seconds), {@code textStart}/{@code textEnd}, {@code box},
 * {@code subject} and {@code labels} (the model's own scores); for a text, also {@code language},
 * {@code unsupportedLanguage} and {@code cautions} ({@link #writeText}).
 */
public final class ReadingJson {
    private final ObjectMapper mapper;

    public ReadingJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ReadingJson() {
        this(new ObjectMapper());
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The reading as a new object node. */
    public ObjectNode toNode(EmotionReading r) {
        ObjectNode n = mapper.createObjectNode();
        write(r, n);
        return n;
    }

    /** Writes the reading's fields into {@code n} (so callers can add their own first). */
    public void write(EmotionReading r, ObjectNode n) {
        writeSpectrum(r.spectrum(), n);
        n.put("confidence", r.confidence());
        n.put("modality", r.modality().key());
        n.put("model", r.model().toString());
        n.put("device", r.device());
        TimeSpan t = r.span().time();
        if (t != null) {
            n.put("start", t.start());
            n.put("end", t.end());
        }
        TextSpan ts = r.span().text();
        if (ts != null) {
            n.put("textStart", ts.start());
            n.put("textEnd", ts.end());
        }
        BoundingBox b = r.span().box();
        if (b != null) {
            n.set("box", box(b));
        }
        if (r.subject() != null) {
            n.put("subject", r.subject());
        }
        LabelScores ls = r.modelScores();
        if (ls.size() > 0) {
            ObjectNode labels = n.putObject("labels");
            float[] s = ls.scores();
            for (int i = 0; i < s.length; i++) {
                labels.put(ls.labels().get(i), s[i]);
            }
        }
    }

    /**
     * What a text analysis says beside its readings: {@code language} and {@code unsupportedLanguage}
     * where the extractor identifies languages, and {@code cautions} (lower-case names) where it found any.
     */
    public void writeText(TextAnalysis a, ObjectNode n) {
        if (a.language() != null) {
            n.put("language", a.language());
            n.put("unsupportedLanguage", !a.languageSupported());
        }
        if (!a.cautions().isEmpty()) {
            ArrayNode c = n.putArray("cautions");
            for (TextCaution caution : a.cautions()) {
                c.add(caution.name().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** {@code vector}, {@code spectrum} and {@code dominant}. */
    public void writeSpectrum(Spectrum s, ObjectNode n) {
        ArrayNode v = n.putArray("vector");
        for (float f : s.toVector()) {
            v.add(f);
        }
        ObjectNode named = n.putObject("spectrum");
        for (EmotionCategory c : EmotionCategory.ordered()) {
            named.put(c.key(), s.probability(c));
        }
        named.put("valence", s.valence());
        named.put("arousal", s.arousal());
        n.put("dominant", s.dominant().key());
    }

    public ObjectNode box(BoundingBox b) {
        ObjectNode o = mapper.createObjectNode();
        o.put("x", b.x());
        o.put("y", b.y());
        o.put("width", b.width());
        o.put("height", b.height());
        return o;
    }
}
