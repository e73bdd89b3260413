package io.emospectrum.tools.voice;

import io.emospectrum.audio.model.VoiceEnsembleConfig;
import io.emospectrum.audio.model.VoiceModel;
import io.emospectrum.audio.model.VoiceModelConfig;
import io.emospectrum.error.ConfigurationException;
import io.emospectrum.model.ModelManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code train voice-ensemble}: puts trained voice models side by side in one model directory
 * ({@link VoiceEnsembleConfig}): each member keeps its files under its own name, the ensemble maps
 * their labels to the seven categories, combines their probabilities and applies one temperature
 * (fit it with {@code evaluate voice-corpora --calibrate} on held-out speakers). Nothing is trained.
 */
@Command(name = "voice-ensemble", mixinStandardHelpOptions = true,
        description = "Assembles voice models into one ensemble directory (probabilities combined, one temperature).")
public final class TrainVoiceEnsembleCommand implements Callable<Integer> {
    @Option(names = "--member", required = true, description = "a model directory (give two or more)")
    private List<Path> members;
    @Option(names = "--member-temperature", split = ",", description = "NAME=T: a member's own temperature, in place of the one "
            + "its settings hold (e.g. each member calibrated on held-out speakers before they are combined)")
    private Map<String, Float> memberTemperatures = new LinkedHashMap<>();
    @Option(names = "--combination", defaultValue = "MEAN", description = "MEAN or LOG_LINEAR (default: ${DEFAULT-VALUE})")
    private VoiceEnsembleConfig.Combination combination;
    @Option(names = "--temperature", defaultValue = "1", description = "combined probabilities p become p^(1/T), renormalized")
    private float temperature;
    @Option(names = "--name", defaultValue = "ensemble-gru")
    private String name;
    @Option(names = "--model-version", defaultValue = "1.0.0", description = "version written into the ensemble")
    private String version;
    @Option(names = "--note", defaultValue = "", description = "how the temperature was fitted, figures (written into the settings and NOTICE)")
    private String note;
    @Option(names = "--out", required = true, description = "the ensemble directory to write")
    private Path out;

    @Override
    public Integer call() throws Exception {
        write(members, memberTemperatures, combination, temperature, name, version, note, out);
        System.out.printf(Locale.ROOT, "wrote %s: %s %s, %d members, %s, temperature %.2f%n", out, name, version, members.size(),
                combination, temperature);
        return 0;
    }

    static void write(List<Path> memberDirs, Map<String, Float> memberTemperatures, VoiceEnsembleConfig.Combination combination, float temperature, String name,
                      String version, String note, Path out) throws Exception {
        Files.createDirectories(out);
        List<String> names = new ArrayList<>();
        List<String> files = new ArrayList<>();
        StringBuilder notices = new StringBuilder();
        Map<String, Object> info = new LinkedHashMap<>();
        for (String m : memberTemperatures.keySet()) {
            boolean known = false;
            for (Path dir : memberDirs) {
                known |= VoiceModelConfig.read(dir.resolve(VoiceModelConfig.FILE_NAME)).name().equals(m);
            }
            if (!known) {
                throw new ConfigurationException("--member-temperature names " + m + ", which is no member's name");
            }
        }
        for (Path dir : memberDirs) {
            VoiceModelConfig c = VoiceModelConfig.read(dir.resolve(VoiceModelConfig.FILE_NAME));
            if (c.members().size() != 1) {
                throw new ConfigurationException(dir + ": a member must be a single net (it has " + c.members() + ")");
            }
            String member = c.name();
            if (names.contains(member)) {
                throw new ConfigurationException("two members are named " + member + ": rename one (its voice-model.json name)");
            }
            names.add(member);
            String params = member + "-0000.params";
            Files.copy(dir.resolve(c.members().get(0) + "-0000.params"), out.resolve(params), StandardCopyOption.REPLACE_EXISTING);
            if (memberTemperatures.containsKey(member)) {
                c = c.withTemperature(memberTemperatures.get(member));
                c.write(out.resolve(VoiceEnsembleConfig.memberConfigFile(member)));
            } else {
                Files.copy(dir.resolve(VoiceModelConfig.FILE_NAME), out.resolve(VoiceEnsembleConfig.memberConfigFile(member)),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Files.copy(dir.resolve(VoiceModel.LABEL_MAPPING_FILE), out.resolve(VoiceEnsembleConfig.memberMappingFile(member)),
                    StandardCopyOption.REPLACE_EXISTING);
            files.add(params);
            files.add(VoiceEnsembleConfig.memberConfigFile(member));
            files.add(VoiceEnsembleConfig.memberMappingFile(member));
            info.put(member, c.name() + " " + c.version() + " (temperature " + c.temperature() + "): " + c.training().getOrDefault("data", ""));
            String notice = Files.isRegularFile(dir.resolve("NOTICE")) ? Files.readString(dir.resolve("NOTICE")) : "(no NOTICE)\n";
            notices.append("---- member ").append(member).append(' ').append(c.version()).append(" (in this ensemble: temperature ")
                    .append(c.temperature()).append(") ----\n\n").append(notice).append('\n');
        }
        info.put("combination", combination.name());
        info.put("temperature", temperature + (note.isBlank() ? "" : " (" + note + ")"));
        VoiceEnsembleConfig config = new VoiceEnsembleConfig(name, version, SpeechCorpora.LABELS, combination, temperature, names, info);
        config.write(out.resolve(VoiceEnsembleConfig.FILE_NAME));
        SpeechCorpora.writeLabelMapping(out.resolve(VoiceModel.LABEL_MAPPING_FILE));
        StringBuilder head = new StringBuilder("EmoSpectrum voice model " + name + " " + version + "\n\n"
                + "An ensemble: " + String.join(" and ", names) + " read the same 2 s windows; their probabilities, in the seven\n"
                + "categories (RAVDESS calm = neutral), are combined (" + combination + ") and calibrated once: p^(1/" + temperature + "),\n"
                + "renormalized" + (note.isBlank() ? "" : " (" + note + ")") + ".\n"
                + "Made by: io.emospectrum.tools.voice.TrainVoiceEnsembleCommand (emospectrum-tools train voice-ensemble).\n\nFiles:\n");
        for (String f : files) {
            head.append("  ").append(f).append(f.endsWith(".params") ? " (SHA-256 " + ModelManifest.sha256(out.resolve(f)) + ")" : "").append('\n');
        }
        head.append("  ").append(VoiceEnsembleConfig.FILE_NAME).append(", ").append(VoiceModel.LABEL_MAPPING_FILE).append("\n\n")
                .append("Data and licences: the union of the members' below. These weights inherit the most restrictive terms of\n"
                        + "every data set named: non-commercial research use only.\n\n");
        Files.writeString(out.resolve("NOTICE"), head.append(notices).toString(), StandardCharsets.UTF_8);
        files.add(VoiceEnsembleConfig.FILE_NAME);
        files.add(VoiceModel.LABEL_MAPPING_FILE);
        files.add("NOTICE");
        StringBuilder sums = new StringBuilder();
        for (String f : files) {
            sums.append(ModelManifest.sha256(out.resolve(f))).append("  ").append(f).append('\n');
        }
        Files.writeString(out.resolve(ModelManifest.FILE_NAME), sums.toString(), StandardCharsets.UTF_8);
    }
}
