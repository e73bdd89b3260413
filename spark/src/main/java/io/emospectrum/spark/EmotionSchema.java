package io.emospectrum.spark;

import io.emospectrum.spectrum.EmotionCategory;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spectrum.Spectrum;
import io.emospectrum.spi.TextAnalysis;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The columns EmoSpectrum writes. Every reading has the nine spectrum values as float columns
 * {@code neutral, happiness, sadness, anger, fear, disgust, surprise} (probabilities summing to 1)
 * and {@code valence, arousal} (in [-1, 1]), plus {@code dominant} (the category's name),
 * {@code confidence} (in [0, 1]) and {@code model} ({@code name@version}).
 *
 * <ul>
 *   <li>{@link #texts}: the input's id column (its own name and type), {@code start} and {@code end}
 *       (int: the character span read), the reading, {@code language} (string, ISO 639-1),
 *       {@code unsupportedLanguage} (boolean), {@code cautions} (array of negation/irony/question; empty
 *       when none), {@code error} (string, null when read).</li>
 *   <li>{@link #WINDOWS}: {@code clip} (the URI), {@code subject} (face track, null when unknown),
 *       {@code start} and {@code end} (double, seconds), the fused reading, {@code modalities}
 *       (array of text/face/voice), {@code disagreement} (double, bits).</li>
 *   <li>{@link #SUMMARIES}: one row per clip and subject: {@code clip}, {@code subject},
 *       {@code start} (0) and {@code end} (the clip's duration), the subject's mean spectrum (with
 *       {@code confidence} null), {@code model}, {@code windows} (long), {@code error}. A clip that
 *       cannot be read is one row with only {@code clip} and {@code error} set.</li>
 * </ul>
 */
public final class EmotionSchema {
    /** The nine spectrum columns, in vector order. */
    public static final List<String> SPECTRUM_COLUMNS;

    static {
        List<String> c = new ArrayList<>();
        EmotionCategory.ordered().forEach(e -> c.add(e.key()));
        c.add("valence");
        c.add("arousal");
        SPECTRUM_COLUMNS = List.copyOf(c);
    }

    /** The struct the SQL function {@code emotion(text)} returns: spectrum, dominant, confidence, model, language, unsupportedLanguage, cautions, error. */
    public static final StructType READING = text(reading(new StructType())).add("error", DataTypes.StringType, true);

    public static final StructType WINDOWS = reading(new StructType()
            .add("clip", DataTypes.StringType, false)
            .add("subject", DataTypes.StringType, true)
            .add("start", DataTypes.DoubleType, false)
            .add("end", DataTypes.DoubleType, false))
            .add("modalities", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("disagreement", DataTypes.DoubleType, false);

    public static final StructType SUMMARIES = reading(new StructType()
            .add("clip", DataTypes.StringType, false)
            .add("subject", DataTypes.StringType, true)
            .add("start", DataTypes.DoubleType, true)
            .add("end", DataTypes.DoubleType, true))
            .add("windows", DataTypes.LongType, true)
            .add("error", DataTypes.StringType, true);

    private EmotionSchema() {
    }

    /** The text scores' schema for an input id column {@code id}. */
    public static StructType texts(StructField id) {
        return text(reading(new StructType().add(id.name(), id.dataType(), true)
                .add("start", DataTypes.IntegerType, true)
                .add("end", DataTypes.IntegerType, true)))
                .add("error", DataTypes.StringType, true);
    }

    /** What a text analysis says beside its reading: language, unsupportedLanguage, cautions ({@link #putText}). */
    private static StructType text(StructType head) {
        return head.add("language", DataTypes.StringType, true)
                .add("unsupportedLanguage", DataTypes.BooleanType, true)
                .add("cautions", DataTypes.createArrayType(DataTypes.StringType, false), true);
    }

    /** The three values of a text analysis beside its reading (language, unsupportedLanguage, cautions) into {@code row} from {@code at}. */
    static void putText(Object[] row, int at, TextAnalysis a) {
        if (a.language() != null) {
            row[at] = a.language();
            row[at + 1] = !a.languageSupported();
        }
        row[at + 2] = a.cautions().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    private static StructType reading(StructType head) {
        StructType s = head;
        for (String c : SPECTRUM_COLUMNS) {
            s = s.add(c, DataTypes.FloatType, true);
        }
        return s.add("dominant", DataTypes.StringType, true)
                .add("confidence", DataTypes.FloatType, true)
                .add("model", DataTypes.StringType, true);
    }

    /** The 12 reading values (nine spectrum values, dominant, confidence, model) into {@code row} from {@code at}. */
    static void put(Object[] row, int at, EmotionReading r) {
        put(row, at, r.spectrum());
        row[at + 10] = r.confidence();
        row[at + 11] = r.model().toString();
    }

    /** The spectrum and dominant; confidence and model left as they are. */
    static void put(Object[] row, int at, Spectrum s) {
        float[] v = s.toVector();
        for (int i = 0; i < v.length; i++) {
            row[at + i] = v[i];
        }
        row[at + 9] = s.dominant().key();
    }
}
