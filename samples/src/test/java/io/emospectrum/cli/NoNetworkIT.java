package io.emospectrum.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Neither the command line ({@code java -jar}, without the launcher's flags) nor the README's Java
 * snippet reaches for the network. Each runs in a JVM of its own, as a user starts it, under a
 * security manager that records every connection ({@link ConnectRecorder}) and, where strace can
 * run, with every {@code connect()} traced. A control run with DJL's telemetry turned back on shows
 * the recorder works.
 */
class NoNetworkIT {
    private static final Path JAR = Path.of("target", "emospectrum-cli.jar");

    @TempDir
    Path dir;

    /** JVM options that install {@link ConnectRecorder}, writing to {@code log}. */
    private List<String> recorded(Path log) throws IOException {
        String resource = ConnectRecorder.class.getName().replace('.', '/') + ".class";
        Path classes = dir.resolve("recorder");
        Path target = classes.resolve(resource);
        Files.createDirectories(target.getParent());
        Files.copy(Path.of("target", "test-classes", resource), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(log);
        Files.createFile(log);
        // on the boot class path, so that it also works with -jar (which ignores -cp)
        return List.of("-Xbootclasspath/a:" + classes, "-Djava.security.manager=" + ConnectRecorder.class.getName(),
                "-Demospectrum.test.connects=" + log);
    }

    private Process start(List<String> prefix, List<String> jvm, List<String> program) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(program);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        Map<String, String> env = pb.environment();
        // as a user's shell would have it: none of the switches that the SDK must set itself
        env.remove("DJL_OFFLINE");
        env.remove("OPT_OUT_TRACKING");
        env.remove("JAVA_TOOL_OPTIONS");
        return pb.start();
    }

    private int run(List<String> prefix, List<String> jvm, List<String> program) throws Exception {
        Process p = start(prefix, jvm, program);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return p.exitValue();
    }

    private static List<String> cli() {
        return List.of("-jar", JAR.toString(), "text", "I am so happy today");
    }

    /** The snippet's class alone beside the jar (the test classes also register test providers). */
    private List<String> snippet() throws IOException {
        String resource = ReadmeSnippet.class.getName().replace('.', '/') + ".class";
        Path classes = dir.resolve("snippet");
        Path target = classes.resolve(resource);
        Files.createDirectories(target.getParent());
        Files.copy(Path.of("target", "test-classes", resource), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return List.of("-cp", classes + java.io.File.pathSeparator + JAR, ReadmeSnippet.class.getName());
    }

    @Test
    void theCommandLineAndTheReadmeSnippetOpenNoConnection() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "no " + JAR + ": the jar is built in the package phase");
        Assumptions.assumeTrue(Runtime.version().feature() < 24, "Java 24 removed the security manager this check installs");
        Path log = dir.resolve("connects.txt");
        assertThat(run(List.of(), recorded(log), cli())).as(Files.readString(dir.resolve("out.txt"))).isZero();
        assertThat(run(List.of(), recorded(log), snippet())).as(Files.readString(dir.resolve("out.txt"))).isZero();
        assertThat(Files.readString(dir.resolve("out.txt"))).containsPattern("[A-Z]+ \\[.*\\] on ");
        assertThat(Files.readAllLines(log)).as("connections opened by the CLI and the snippet").isEmpty();

        // control: with DJL's telemetry turned back on by the user, the recorder sees its probe
        List<String> optIn = new ArrayList<>(recorded(log));
        optIn.addAll(List.of("-Dai.djl.offline=false", "-DOPT_OUT_TRACKING=false"));
        run(List.of(), optIn, cli());
        assertThat(Files.readAllLines(log)).as("the recorder sees DJL's probe when the user allows it").contains("169.254.169.254:80");
    }

    @Test
    void noConnectCallUnderStrace() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "no " + JAR + ": the jar is built in the package phase");
        Assumptions.assumeTrue(straceWorks(), "strace is not installed or cannot trace here (apt-get install strace; ptrace allowed)");
        for (List<String> program : List.of(cli(), snippet())) {
            Path trace = dir.resolve("connect.txt");
            int code = run(List.of("strace", "-f", "-e", "trace=connect", "-o", trace.toString()), List.of(), program);
            assertThat(code).as(Files.readString(dir.resolve("out.txt"))).isZero();
            List<String> network = Files.readAllLines(trace).stream()
                    .filter(l -> l.contains("connect(") && !l.contains("AF_UNIX")) // local sockets (name service) are no network
                    .toList();
            assertThat(network).as("connect() calls of %s", program).isEmpty();
        }
    }

    private static boolean straceWorks() {
        try {
            Process p = new ProcessBuilder("strace", "-f", "-e", "trace=connect", "-o", "/dev/null", "true")
                    .redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
