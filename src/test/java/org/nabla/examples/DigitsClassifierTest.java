package org.nabla.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flagship example that README's first command runs: its promise, checked. */
class DigitsClassifierTest {
    @Test
    void quickRunLearnsSomething(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("curves.png");
        double acc = DigitsClassifier.run(true, png);
        assertThat(acc).isGreaterThan(0.85);
        assertThat(Files.size(png)).isPositive();
    }

    @Test
    void fullRunReachesAtLeast97PercentTestAccuracy() throws Exception {
        assertThat(DigitsClassifier.run(false, null)).isGreaterThanOrEqualTo(0.97);
    }
}
