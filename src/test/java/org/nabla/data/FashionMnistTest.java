package org.nabla.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.tensor.Tensor;

class FashionMnistTest {
    @TempDir
    Path dir;

    /** The real files of Debian's dataset-fashion-mnist; skipped when the package is not installed. */
    @Test
    void readsTheRealFashionMnistFiles() throws IOException {
        Path real = FashionMnist.DEBIAN_DIRECTORY;
        Assumptions.assumeTrue(Files.exists(real.resolve("train-images-idx3-ubyte.gz")),
                "apt-get install dataset-fashion-mnist to run this test");
        Mnist.TrainTest d = FashionMnist.load(real);
        assertThat(d.train().features().dims()).containsExactly(60000, 784);
        assertThat(d.test().features().dims()).containsExactly(10000, 784);
        // reference values computed with Python's gzip module and NumPy on the same files
        assertThat(d.train().targets().slice(0, 0, 10)).isEqualTo(Tensor.of(9, 0, 0, 3, 0, 2, 7, 2, 5, 5));
        assertThat(d.test().targets().slice(0, 0, 10)).isEqualTo(Tensor.of(9, 2, 1, 1, 6, 1, 4, 6, 5, 7));
        int[] trainCounts = new int[10];
        for (double y : d.train().targets().toArray()) {
            trainCounts[(int) y]++;
        }
        assertThat(trainCounts).containsOnly(6000);
        assertThat(d.train().features(0).mul(255).sum().item()).isCloseTo(76247, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Math.rint(d.train().features().mul(255).sum().item())).isEqualTo(3431114169.0);
        assertThat(Math.rint(d.test().features().mul(255).sum().item())).isEqualTo(573469082.0);
        Tensor row14 = d.train().features(0).reshape(28, 28).select(0, 14).mul(255).map(Math::rint);
        assertThat(row14).isEqualTo(Tensor.of(0, 0, 1, 4, 6, 7, 2, 0, 0, 0, 0, 0, 237, 226, 217, 223, 222, 219, 222,
                221, 216, 223, 229, 215, 218, 255, 77, 0));
        assertThat(d.train().features().max().item()).isEqualTo(1.0);
        assertThat(FashionMnist.CLASS_NAMES.get(9)).isEqualTo("Ankle boot");
    }

    @Test
    void loadsAnMnistDirectoryOfSmallFiles() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(6, 2, 3)));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(6));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(4, 2, 3));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(4)));
        Mnist.TrainTest d = Mnist.load(dir);
        assertThat(d.train().features().dims()).containsExactly(6, 6);
        assertThat(d.test().targets()).isEqualTo(Tensor.of(0, 1, 2, 3));
        assertThat(d.train().features(1).select(0, 0).item()).isEqualTo((6 * 37 % 256) / 255.0);
    }

    @Test
    void missingOrMismatchedFilesAreExplained() throws IOException {
        assertThatThrownBy(() -> Mnist.load(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(dir + ": expected train-images-idx3-ubyte.gz or train-images-idx3-ubyte in this directory"
                        + " (the MNIST/Fashion-MNIST IDX files are not downloaded by Nabla)");
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(dir + ": expected train-images-idx3-ubyte.gz or train-images-idx3-ubyte in this directory"
                        + " (the MNIST/Fashion-MNIST IDX files are not downloaded by Nabla); Fashion-MNIST comes with"
                        + " Debian's package dataset-fashion-mnist: apt-get install dataset-fashion-mnist puts the files in"
                        + " /usr/share/datasets/fashion-mnist");
        Files.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.images(3, 2, 2));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(2));
        assertThatThrownBy(() -> Mnist.load(dir, "train")).isInstanceOf(DataFileException.class)
                .hasMessage(dir.resolve("train-labels-idx1-ubyte") + ": holds 2 labels but "
                        + dir.resolve("train-images-idx3-ubyte") + " holds 3 images (expected one label per image)");
    }
}
