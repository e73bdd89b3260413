package io.emospectrum.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java block of README.md and docs/ is a tagged region of a source file in this folder, which
 * the build compiles: a block must follow {@code <!-- snippet: FILE#TAG -->} and equal the regions
 * between {@code // tag::TAG[]} and {@code // end::TAG[]} (dedented, joined by a blank line).
 */
class DocSnippetsTest {
    private static final Pattern BLOCK = Pattern.compile("(?m)^(?:<!-- snippet: (\\S+)#(\\S+) -->\\n)?```java\\n(.*?)^```", Pattern.DOTALL);

    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("README.md")) ? here : here.getParent();
    }

    @Test
    void everyJavaBlockInTheDocsIsCompiledSource() throws IOException {
        Path root = root();
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> s = Files.walk(root.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        int blocks = 0;
        for (Path doc : docs) {
            Matcher m = BLOCK.matcher(Files.readString(doc, StandardCharsets.UTF_8));
            while (m.find()) {
                blocks++;
                String where = root.relativize(doc) + " at offset " + m.start();
                assertThat(m.group(1)).as(where + ": a Java block needs a <!-- snippet: FILE#TAG --> line above it").isNotNull();
                String expected = regions(root.resolve(m.group(1)), m.group(2));
                assertThat(m.group(3)).as(where + " shows " + m.group(1) + "#" + m.group(2)).isEqualTo(expected);
            }
        }
        assertThat(blocks).as("Java blocks found").isGreaterThanOrEqualTo(6);
    }

    /** The tagged regions of a source file, each dedented, joined by a blank line, ending with a newline. */
    static String regions(Path source, String tag) throws IOException {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        List<String> parts = new ArrayList<>();
        List<String> current = null;
        for (String line : lines) {
            String t = line.strip();
            if (t.equals("// tag::" + tag + "[]")) {
                current = new ArrayList<>();
            } else if (t.equals("// end::" + tag + "[]")) {
                parts.add(dedent(current));
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        assertThat(parts).as("regions tagged " + tag + " in " + source).isNotEmpty();
        return String.join("\n", parts);
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return b.toString();
    }
}
