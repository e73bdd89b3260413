package io.emospectrum.tools.face;

import io.emospectrum.error.ConfigurationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The FER2013 folder layout ({@code <split>/<class>/*.jpg}, classes angry, disgust, fear, happy,
 * neutral, sad, surprise), listed in a fixed order so every run sees the same files.
 */
public final class Fer2013 {
    /** Folder names, which are also mini-Xception's label names. */
    public static final List<String> CLASSES = List.of("angry", "disgust", "fear", "happy", "neutral", "sad", "surprise");

    /** One labelled image. */
    public record Sample(Path file, int label) {
    }

    private Fer2013() {
    }

    /** {@code -Demospectrum.shared.data} or {@code ../shared/data}, then {@code face/fer2013/<split>}. */
    public static Path defaultDir(String split) {
        return io.emospectrum.tools.SharedData.root().resolve(Path.of("face", "fer2013", split));
    }

    public static List<Sample> list(Path splitDir) {
        io.emospectrum.tools.SharedData.require(splitDir, "FER2013 split (<split>/<class>/*.jpg)");
        List<Sample> out = new ArrayList<>();
        for (int c = 0; c < CLASSES.size(); c++) {
            Path d = splitDir.resolve(CLASSES.get(c));
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                int label = c;
                s.filter(Files::isRegularFile).sorted().forEach(p -> out.add(new Sample(p, label)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
