package org.nabla.examples.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deep-ansatz example in its quick mode: training raises the middle layer's correlation. */
class DeepAnsatzOnDigitsExampleTest {
    @TempDir
    Path dir;

    @Test
    void quickRunRaisesTheMiddleLayersCorrelationAndKeepsTheLastAtOne() throws Exception {
        Path png = dir.resolve("d.png");
        DeepAnsatzOnDigits.Result r = DeepAnsatzOnDigits.run(true, png);
        assertThat(r.rhoSqrt()).hasNumberOfRows(2);
        assertThat(r.rhoSqrt()[1][1]).isGreaterThan(r.rhoSqrt()[0][1] + 0.1);
        for (double[] row : r.rhoLinear()) {
            assertThat(row[2]).as("last layer, α = 1").isCloseTo(1.0, within(1e-9));
        }
        assertThat(ImageIO.read(png.toFile())).isNotNull();
    }
}
