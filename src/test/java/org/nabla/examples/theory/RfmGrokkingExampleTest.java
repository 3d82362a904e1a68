package org.nabla.examples.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RFM grokking example in its quick mode: it groks, M turns circulant, and the picture is written. */
class RfmGrokkingExampleTest {
    @TempDir
    Path dir;

    @Test
    void quickRunGroksAndDrawsM() throws Exception {
        Path png = dir.resolve("m.png");
        RfmGrokking.Result r = RfmGrokking.run(true, png);
        assertThat(r.firstAtOne()).as("iteration where test accuracy reaches 1").isPositive();
        assertThat(r.testAccuracy()[0]).as("plain Gaussian kernel").isLessThan(0.5);
        int last = r.circulant().length - 1;
        assertThat(r.circulant()[last]).isGreaterThan(0.9);
        assertThat(r.hankel()[last]).isLessThan(0.05);
        assertThat(Double.isNaN(r.circulant()[0])).as("the cross block of M = I is 0").isTrue();
        assertThat(ImageIO.read(png.toFile())).isNotNull();
    }
}
