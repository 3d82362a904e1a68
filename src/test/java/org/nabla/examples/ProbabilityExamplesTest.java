package org.nabla.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the quick modes of the probabilistic examples and checks their pictures and figures. */
class ProbabilityExamplesTest {
    @TempDir
    Path dir;

    @Test
    void vaeDigitsQuick() throws Exception {
        Path png = dir.resolve("vae.png");
        double[] r = VaeDigits.run(true, png);
        assertThat(r[1]).isLessThan(r[0]);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(16 * (8 * 6 + 2));
    }

    @Test
    void bayesianRegressionBandQuick() throws Exception {
        Path png = dir.resolve("bnn.png");
        double[] r = BayesianRegressionBand.run(true, png);
        assertThat(r[1]).isGreaterThan(r[0]);
        assertThat(Files.size(png)).isPositive();
    }

    @Test
    void flowTwoMoonsQuick() throws Exception {
        Path png = dir.resolve("flow.png");
        double[] r = FlowTwoMoons.run(true, png);
        assertThat(r[1]).isLessThan(r[0]);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(3 * 360);
    }
}
