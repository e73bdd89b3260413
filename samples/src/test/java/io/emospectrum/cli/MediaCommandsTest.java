package io.emospectrum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code image} and {@code audio} contracts, run with the brightness and loudness test providers. */
class MediaCommandsTest {
    private static Path png(Path dir, String name, int gray) throws IOException {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(gray, gray, gray));
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        Path f = dir.resolve(name);
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    private static Path wav(Path dir, String name, double seconds, double amplitude) throws IOException {
        int rate = 16_000;
        int n = (int) (seconds * rate);
        ByteBuffer bb = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bb.putShort((short) (amplitude * 32767 * Math.sin(2 * Math.PI * 200 * i / rate)));
        }
        AudioFormat f = new AudioFormat(rate, 16, 1, true, false);
        Path out = dir.resolve(name);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bb.array()), f, n)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out.toFile());
        }
        return out;
    }

    @Test
    void imageWritesOneObjectPerFileWithFacesAndBoxes(@TempDir Path dir) throws Exception {
        Path bright = png(dir, "a-bright.png", 230);
        Path dark = png(dir, "b-dark.png", 0);
        CliRun r = CliRun.run("image", "--provider=brightness-test", bright.toString(), dark.toString());
        assertThat(r.exitCode()).isZero();
        List<JsonNode> out = r.lines();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).get("file").asText()).isEqualTo(bright.toString());
        JsonNode face = out.get(0).get("faces").get(0);
        assertThat(face.get("box").get("width").floatValue()).isEqualTo(40f);
        assertThat(face.get("vector")).hasSize(9);
        assertThat(face.get("dominant").asText()).isEqualTo("happiness");
        assertThat(face.get("modality").asText()).isEqualTo("face");
        assertThat(out.get(1).get("faces")).as("a face-free image is a result, not an error").isEmpty();
    }

    @Test
    void imageExpandsDirectoriesReadsListsAndReportsBadFilesInPlace(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("imgs"));
        png(sub, "1.png", 200);
        png(sub, "2.png", 100);
        Files.writeString(sub.resolve("readme.txt"), "not an image, skipped by extension");
        Files.writeString(sub.resolve("3.jpg"), "a text file named .jpg");
        CliRun r = CliRun.run("image", "--provider=brightness-test", sub.toString());
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        assertThat(r.lines()).extracting(n -> Path.of(n.get("file").asText()).getFileName().toString())
                .containsExactly("1.png", "2.png", "3.jpg");
        assertThat(r.lines().get(2).get("error").asText()).isNotBlank();
        assertThat(r.stderr()).contains("3.jpg");

        Path list = Files.writeString(dir.resolve("list.txt"), "# faces\n" + sub.resolve("2.png") + "\n\n" + dir.resolve("gone.png") + "\n");
        CliRun l = CliRun.run("image", "--provider=brightness-test", "--crop", "--list", list.toString());
        assertThat(l.lines()).hasSize(2);
        assertThat(l.lines().get(0).get("faces")).hasSize(1);
        assertThat(l.lines().get(1).get("error").asText()).contains("gone.png");

        CliRun noList = CliRun.run("image", "--provider=brightness-test", "--list", dir.resolve("nope.txt").toString());
        assertThat(noList.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
        assertThat(noList.stderr().strip()).startsWith("emospectrum: --list").doesNotContain("\n");
        CliRun nothing = CliRun.run("image", "--provider=brightness-test");
        assertThat(nothing.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
    }

    @Test
    void audioWritesWindowsWithTimesAndASummary(@TempDir Path dir) throws Exception {
        Path loud = wav(dir, "loud.wav", 3, 0.8);
        Path silent = wav(dir, "silent.wav", 2, 0.0);
        CliRun r = CliRun.run("audio", "--provider=loudness-test", loud.toString(), silent.toString(), dir.resolve("x.wav").toString());
        assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_PARTIAL);
        List<JsonNode> out = r.lines();
        assertThat(out).hasSize(3);
        JsonNode windows = out.get(0).get("windows");
        assertThat(windows).hasSize(3);
        assertThat(windows.get(1).get("start").asDouble()).isEqualTo(1.0);
        assertThat(windows.get(1).get("end").asDouble()).isEqualTo(2.0);
        assertThat(windows.get(0).get("dominant").asText()).isEqualTo("anger");
        assertThat(out.get(0).get("summary").get("vector")).hasSize(9);
        assertThat(out.get(1).get("windows")).as("silence is not scored").isEmpty();
        assertThat(out.get(2).get("error").asText()).contains("x.wav");
    }

    @Test
    void aSubcommandWhoseModuleIsAbsentSaysSo(@TempDir Path dir) throws Exception {
        Path wav = wav(dir, "a.wav", 1, 0.5);
        Thread t = Thread.currentThread();
        ClassLoader saved = t.getContextClassLoader();
        // A class loader that sees no providers, as if modality-audio were not on the class path.
        t.setContextClassLoader(new URLClassLoader(new URL[0], null));
        try {
            CliRun r = CliRun.run("audio", wav.toString());
            assertThat(r.exitCode()).isEqualTo(EmoSpectrumCli.EXIT_BAD_INPUT);
            assertThat(r.stderr().strip()).contains("modality-audio").doesNotContain("\n");
        } finally {
            t.setContextClassLoader(saved);
        }
    }
}
