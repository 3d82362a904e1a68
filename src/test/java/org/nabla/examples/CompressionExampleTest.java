package org.nabla.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compression example runs and prints the figures docs/compression.md quotes. */
class CompressionExampleTest {
    @TempDir
    Path dir;

    @Test
    void printsEveryPart() {
        List<String> lines = Compression.run();
        lines.forEach(System.out::println);
        assertThat(lines).hasSize(7);
        assertThat(lines.get(4)).endsWith("kept 3");
        assertThat(lines.get(5)).endsWith("kept 0");
    }

    @Test
    void digitsCompressionPrintsTheTable() {
        List<String> lines = DigitsCompression.run(dir);
        lines.forEach(System.out::println);
        assertThat(lines).hasSize(10);
        assertThat(dir.resolve("spectrum-64-128.svg")).content().startsWith("<svg").contains("Marchenko–Pastur");
    }
}
