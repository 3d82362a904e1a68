package org.nabla.examples.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The theory examples in their quick modes: each runs, writes its picture, and shows its effect. */
class TheoryExamplesTest {
    @TempDir
    Path dir;

    private static BufferedImage image(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as(png + " is a PNG").isNotNull();
        return img;
    }

    @Test
    void agopVersusNfmQuick() throws Exception {
        Path png = dir.resolve("agop.png");
        AgopVersusNfm.Result r = AgopVersusNfm.run(true, png);
        assertThat(image(png).getWidth()).isEqualTo(5 * 300);
        // training moves W₁ᵀW₁ towards AGOP^½ (relative to the same matrix at initialization)
        assertThat(r.rhoSqrt()).isGreaterThan(r.rhoSqrtAtInit());
        assertThat(r.testAccuracy()).isGreaterThan(0.5);
    }

    @Test
    void rfmOnDigitsQuick() throws Exception {
        RfmOnDigits.Result r = RfmOnDigits.run(true, dir.resolve("rfm.png"), dir.resolve("diag.png"));
        image(dir.resolve("rfm.png"));
        image(dir.resolve("diag.png"));
        assertThat(r.rfmAccuracy()).hasSize(2);
        for (double a : r.rfmAccuracy()) {
            assertThat(a).isGreaterThan(0.9);
        }
        assertThat(r.mlpAccuracy()).isGreaterThan(0.5);
    }

    @Test
    void criticalDepthQuick() throws Exception {
        CriticalDepth.Result r = CriticalDepth.run(true, dir.resolve("crit.png"));
        image(dir.resolve("crit.png"));
        assertThat(r.lastLayerMean()[0]).isLessThan(1e-4);
        assertThat(r.lastLayerMean()[2]).isGreaterThan(1e4);
        // 4 networks of width 200: one seed has CV ≈ √(exp(247/200) − 1) ≈ 1.5, so only a factor of 4 is asked
        assertThat(r.lastLayerMean()[1]).isBetween(r.prediction()[1] / 4, r.prediction()[1] * 4);
    }

    @Test
    void ntkConcentrationQuick() throws Exception {
        NtkConcentration.Result r = NtkConcentration.run(true, dir.resolve("ntk.png"));
        image(dir.resolve("ntk.png"));
        double[] e = r.meanError();
        assertThat(r.widths()).containsExactly(10, 32, 100, 316, 1000);
        // m^(−½): 100× the width, about 10× less error
        assertThat(e[4]).isLessThan(e[0] / 4);
        assertThat(e[4]).isLessThan(e[2]);
    }

    @Test
    void edgeOfStabilityQuick() throws Exception {
        EdgeOfStability.Result r = EdgeOfStability.run(true, dir.resolve("eos.png"));
        image(dir.resolve("eos.png"));
        double[] s = r.sharpness();
        // after the first steps the sharpness rises (progressive sharpening) up to about 2/η
        assertThat(s[s.length - 1]).isGreaterThan(s[1]);
        double maxAfterStart = 0;
        for (int i = 1; i < s.length; i++) {
            maxAfterStart = Math.max(maxAfterStart, s[i]);
        }
        assertThat(maxAfterStart).isBetween(0.9 * r.threshold(), 1.3 * r.threshold());
    }
}
