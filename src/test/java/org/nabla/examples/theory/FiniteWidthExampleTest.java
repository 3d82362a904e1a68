package org.nabla.examples.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.theory.NtkFluctuation;

/** The finite-width example in its quick mode: it runs, writes its pictures, orthogonal tanh fluctuates less, and its ratios obey 1 &lt; r &lt; exp(5β). */
class FiniteWidthExampleTest {
    @TempDir
    Path dir;

    @Test
    void finiteWidthQuick() throws Exception {
        FiniteWidth.Result r = FiniteWidth.run(true, dir);
        assertThat(ImageIO.read(dir.resolve("vertex-depth.png").toFile())).isNotNull();
        assertThat(ImageIO.read(dir.resolve("nngp-ntk.png").toFile())).isNotNull();
        assertThat(ImageIO.read(dir.resolve("vertex-orthogonal.png").toFile())).isNotNull();
        // orthogonal tanh: the fluctuation of the mean square has fallen far below the Gaussian one by layer 20
        assertThat(r.tanhMeanSquareAtDepth20()[1]).isLessThan(r.tanhMeanSquareAtDepth20()[0] / 10);
        assertThat(r.vertexPredicted()[0]).isEqualTo(140.0, org.assertj.core.data.Offset.offset(1e-9));
        for (NtkFluctuation.Result f : r.fluctuation()) {
            assertThat(f.spAll().value()).isGreaterThan(1.0).isLessThan(f.exp5Beta());
        }
    }
}
