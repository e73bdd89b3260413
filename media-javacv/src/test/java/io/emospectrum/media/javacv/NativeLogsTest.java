package io.emospectrum.media.javacv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** FFmpeg's banners on stderr: none by default, back with {@code configure(true)}. In a fresh JVM each (the level is process-wide). */
class NativeLogsTest {

    @Test
    void ffmpegIsQuietByDefaultAndVerboseBringsItBack(@TempDir Path dir) throws Exception {
        Path clip = TestMedia.mp4(dir.resolve("clip.mp4"), 3, 0);
        String quiet = stderrOfOpening(clip, false);
        String verbose = stderrOfOpening(clip, true);
        assertThat(quiet).isEmpty();
        assertThat(verbose).contains("Input #0").contains("clip.mp4");
    }

    private static String stderrOfOpening(Path clip, boolean verbose) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OpenOneFile.class.getName(), clip.toString()));
        if (verbose) {
            cmd.add("--verbose");
        }
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return err;
    }

    /** Opens a file and grabs its first frame, as a media command does. */
    public static final class OpenOneFile {
        public static void main(String[] args) {
            if (args.length > 1) {
                NativeLogs.configure(true);
            }
            try (MediaGrabber m = MediaGrabberFactory.builder().build().open(Path.of(args[0]))) {
                m.grab();
            }
        }
    }
}
