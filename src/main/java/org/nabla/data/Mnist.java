package org.nabla.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nabla.tensor.Tensor;

/**
 * Loads MNIST-format data sets — MNIST (LeCun, Bottou, Bengio &amp; Haffner, "Gradient-based learning
 * applied to document recognition", Proc. IEEE 86(11), 1998) and Fashion-MNIST (see
 * {@link FashionMnist}) — from a directory holding the four standard IDX files, gzipped or not:
 * {@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]},
 * {@code t10k-images-idx3-ubyte[.gz]}, {@code t10k-labels-idx1-ubyte[.gz]}.
 * Nothing is downloaded: the files must already be there.
 *
 * <p>Each image of r × c pixels becomes a row of r·c features scaled to [0, 1] (pixel/255), so the
 * features have shape (n, 784) for 28 × 28 images — ready for a multilayer perceptron; use
 * {@code features().reshape(n, 1, 28, 28)} (a view, no copy) for a convolutional network (NCHW).
 * Targets are the class labels 0…9 as doubles, shape (n).
 */
public final class Mnist {
    private Mnist() {
    }

    /**
     * The standard training and test sets.
     *
     * @param train the 60,000 training examples
     * @param test the 10,000 test examples
     */
    public record TrainTest(TensorDataset train, TensorDataset test) {
    }

    /** Loads both sets from a directory (see the class comment for the file names). */
    public static TrainTest load(Path directory) throws IOException {
        return new TrainTest(load(directory, "train"), load(directory, "t10k"));
    }

    /**
     * Loads one set, {@code prefix} being {@code "train"} or {@code "t10k"}: the files
     * {@code prefix-images-idx3-ubyte[.gz]} and {@code prefix-labels-idx1-ubyte[.gz]}.
     *
     * @throws NoSuchFileException naming the directory and the file names looked for
     */
    public static TensorDataset load(Path directory, String prefix) throws IOException {
        Path images = find(directory, prefix + "-images-idx3-ubyte");
        Path labels = find(directory, prefix + "-labels-idx1-ubyte");
        return load(images, labels);
    }

    /**
     * Loads an image file and its label file: features (n, rows·columns) in [0, 1], labels (n).
     *
     * @throws DataFileException when either file is malformed or their counts differ
     */
    public static TensorDataset load(Path imagesFile, Path labelsFile) throws IOException {
        Tensor images = Idx.readImages(imagesFile, true);
        Tensor labels = Idx.readLabels(labelsFile);
        int n = images.dim(0);
        if (labels.dim(0) != n) {
            throw DataFileException.inFile(labelsFile.toString(), "holds " + labels.dim(0) + " labels but "
                    + imagesFile + " holds " + n + " images (expected one label per image)");
        }
        long features = (long) images.dim(1) * images.dim(2);
        if (n == 0 && features > Idx.MAX_VALUES) {
            throw DataFileException.inFile(imagesFile.toString(), "declares images of " + images.dim(1) + " × "
                    + images.dim(2) + " = " + features + " pixels, expected at most " + Idx.MAX_VALUES);
        }
        return new TensorDataset(images.reshape(n, (int) features), labels);
    }

    /** The file {@code name.gz} or {@code name} in a directory. */
    static Path find(Path directory, String name) throws NoSuchFileException {
        Path gz = directory.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = directory.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new NoSuchFileException(directory.toString(), null, "expected " + name + ".gz or " + name
                + " in this directory (the MNIST/Fashion-MNIST IDX files are not downloaded by Nabla)");
    }
}
