package org.nabla.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nabla.data.Digits;
import org.nabla.data.FashionMnist;
import org.nabla.data.TensorDataset;
import org.nabla.tensor.Tensor;

/**
 * The Fashion-MNIST compression example's data path, fast: without the data package it says why and falls
 * back to the digits (scaled to LeNet-5's 28×28 input); with it (assumption-skipped otherwise), the quick
 * subset. The full run (about a minute of two cores) is quoted in docs/compression.md, not run here.
 */
class FashionCompressionExampleTest {

    @Test
    void withoutTheDataItSaysWhyAndFallsBackToTheDigits() {
        List<String> out = new ArrayList<>();
        Path none = Path.of("target", "no-fashion-mnist-here");
        FashionCompression.Data d = FashionCompression.load(none, true, out);
        assertThat(out).containsExactly("No Fashion-MNIST in " + none + " (apt-get install dataset-fashion-mnist)",
                "falling back to the embedded digits: 500 training and 200 test images");
        assertThat(d.name()).isEqualTo("digits");
        assertThat(d.side()).isEqualTo(8);
        TensorDataset[] xy = LeNetCompression.images(d);
        assertThat(xy[0].features().dims()).containsExactly(500, 1, 28, 28);
        assertThat(xy[1].features().dims()).containsExactly(200, 1, 28, 28);
        // pixel (r, c) of the digit fills the 3×3 block at (2 + 3r, 2 + 3c); the border is the background
        Tensor flat = d.train().features();
        double mean = flat.mean().item();
        double std = Math.sqrt(flat.sub(mean).square().mean().item());
        Tensor img = xy[0].features();
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                double want = (flat.get(7, r * 8 + c) - mean) / std;
                assertThat(img.get(7, 0, 2 + 3 * r + 1, 2 + 3 * c + 2)).isCloseTo(want, within(1e-12));
            }
        }
        assertThat(img.get(7, 0, 0, 13)).isCloseTo(-mean / std, within(1e-12));
        assertThat(d.train().size()).isLessThan(Digits.SIZE);
    }

    @Test
    void withFashionMnistTheQuickSubsetIsStandardizedImages() {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIRECTORY),
                "Fashion-MNIST is not installed in " + FashionMnist.DEBIAN_DIRECTORY + " (dataset-fashion-mnist)");
        List<String> out = new ArrayList<>();
        FashionCompression.Data d = FashionCompression.load(FashionMnist.DEBIAN_DIRECTORY, true, out);
        assertThat(out).containsExactly("Fashion-MNIST from " + FashionMnist.DEBIAN_DIRECTORY
                + ": the first 1000 training and 500 test images");
        assertThat(d.name()).isEqualTo("fashion");
        TensorDataset[] xy = LeNetCompression.images(d);
        Tensor x = xy[0].features();
        assertThat(x.dims()).containsExactly(1000, 1, 28, 28);
        assertThat(x.mean().item()).isCloseTo(0, within(1e-12));
        assertThat(x.square().mean().item()).isCloseTo(1, within(1e-12));
    }
}
