package io.emospectrum.tools.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.conversation.Conversation;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.spectrum.EmotionCategory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * DailyDialog as ConvLab-3 unifies it ({@code data/dialogues.json}, or the same file inside
 * {@code data/unified_datasets/dailydialog/data.zip}): dialogues of two speakers with an emotion per
 * turn ("no emotion" is neutral, the six others are our categories by name).
 */
public final class DailyDialogCorpus {
    private static final Path DEFAULT = Path.of("/work/data-extra/snapshots/dailydialog");

    private DailyDialogCorpus() {
    }

    /** One dialogue with the gold category of each turn. */
    public record Dialogue(String id, Conversation conversation, List<EmotionCategory> gold) {
    }

    public static Path defaultDir() {
        return DEFAULT;
    }

    /**
     * @param split {@code train}, {@code validation} or {@code test}
     * @throws ConfigurationException if the corpus is not at {@code dir}
     */
    public static List<Dialogue> read(Path dir, String split) throws IOException {
        JsonNode root;
        Path json = dir.resolve("data").resolve("dialogues.json");
        Path zip = dir.resolve("data").resolve("unified_datasets").resolve("dailydialog").resolve("data.zip");
        ObjectMapper mapper = new ObjectMapper();
        if (Files.isRegularFile(json)) {
            root = mapper.readTree(json.toFile());
        } else if (Files.isRegularFile(zip)) {
            try (ZipFile z = new ZipFile(zip.toFile())) {
                ZipEntry e = z.getEntry("data/dialogues.json");
                try (InputStream in = z.getInputStream(e)) {
                    root = mapper.readTree(in);
                }
            }
        } else {
            throw new ConfigurationException("DailyDialog not found: expected " + json + " or " + zip
                    + " (ConvLab/ConvLab-3 @ 2a168fc, see docs/data.md)");
        }
        List<Dialogue> out = new ArrayList<>();
        for (JsonNode d : root) {
            if (!d.path("data_split").asText().equals(split)) {
                continue;
            }
            Conversation.Builder b = Conversation.builder();
            List<EmotionCategory> gold = new ArrayList<>();
            for (JsonNode t : d.path("turns")) {
                b.turn(t.path("speaker").asText(), t.path("utterance").asText());
                String e = t.path("emotion").asText();
                gold.add(e.equals("no emotion") ? EmotionCategory.NEUTRAL : EmotionCategory.parse(e.toUpperCase(Locale.ROOT)));
            }
            if (!gold.isEmpty()) {
                out.add(new Dialogue(d.path("dialogue_id").asText(), b.build(), List.copyOf(gold)));
            }
        }
        if (out.isEmpty()) {
            throw new ConfigurationException("DailyDialog at " + dir + " has no dialogue in split '" + split + "' (train, validation, test)");
        }
        return out;
    }
}
