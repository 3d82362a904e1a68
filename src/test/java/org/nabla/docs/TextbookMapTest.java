package org.nabla.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/textbook-map.md cannot rot: every public class of the definition packages (activation, loss,
 * layer, optim, init, theory, prob) must appear in it, in backticks ({@code `Name`}, {@code `Name#method`} or
 * {@code `Name.method`}), as the class of some row.
 */
class TextbookMapTest {
    static final String[] PACKAGES = {"activation", "loss", "layer", "optim", "init", "theory", "prob", "compress"};

    @Test
    void everyPublicDefinitionClassHasARow() throws IOException, ClassNotFoundException {
        String map = Files.readString(Paths.get("docs", "textbook-map.md"), StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        int seen = 0;
        for (String pkg : PACKAGES) {
            Path dir = Paths.get("target", "classes", "org", "nabla", pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                    String file = f.getFileName().toString();
                    if (!file.endsWith(".class") || file.contains("$") || file.equals("package-info.class")) {
                        continue;
                    }
                    String simple = file.substring(0, file.length() - ".class".length());
                    Class<?> c = Class.forName("org.nabla." + pkg + "." + simple);
                    if (!Modifier.isPublic(c.getModifiers())) {
                        continue;
                    }
                    seen++;
                    if (!map.contains("`" + simple + "`") && !map.contains("`" + simple + "#") && !map.contains("`" + simple + ".")) {
                        missing.add("org.nabla." + pkg + "." + simple);
                    }
                }
            }
        }
        assertThat(seen).isPositive();
        assertThat(missing).as("public definition classes without a row in docs/textbook-map.md").isEmpty();
    }
}
