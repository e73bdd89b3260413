package io.emospectrum.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's module table lists exactly the modules of the root pom, each with its artifact id. */
class ReadmeModulesTest {

    @Test
    void theModuleTableMatchesThePoms() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        root = Files.exists(root.resolve("README.md")) ? root : root.getParent();
        String pom = Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8);
        Map<String, String> fromPoms = new LinkedHashMap<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (module.find()) {
            String modulePom = Files.readString(root.resolve(module.group(1)).resolve("pom.xml"), StandardCharsets.UTF_8);
            // the module's own artifactId: the first one outside comments and the parent block
            String own = modulePom.replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<parent>.*?</parent>", "");
            Matcher id = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(own);
            assertThat(id.find()).isTrue();
            fromPoms.put(module.group(1), "io.emospectrum:" + id.group(1));
        }
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        String table = readme.substring(readme.indexOf("## Modules"), readme.indexOf("\n## ", readme.indexOf("## Modules") + 5));
        Map<String, String> fromReadme = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\| `([^`]+)`").matcher(table);
        while (row.find()) {
            fromReadme.put(row.group(1), row.group(2));
        }
        assertThat(fromReadme).containsExactlyInAnyOrderEntriesOf(fromPoms);
    }
}
