package org.nabla.data;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST: 70,000 grey-scale 28 × 28 images of clothing in 10 classes, 60,000 for training and
 * 10,000 for testing, in the IDX files of MNIST (Xiao, Rasul &amp; Vollgraf, "Fashion-MNIST: a novel
 * image dataset for benchmarking machine learning algorithms", arXiv:1708.07747, 2017; © Zalando SE,
 * MIT licence). Loaded by {@link Mnist}; this class adds the class names and where Debian's package
 * {@code dataset-fashion-mnist} installs the files. Nothing is downloaded.
 */
public final class FashionMnist {
    /** Where {@code apt-get install dataset-fashion-mnist} puts the four gzipped IDX files. */
    public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** The names of the classes 0…9. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /**
     * Loads the training and test sets from a directory; see {@link Mnist#load(Path)}. A missing file
     * is reported with the Debian package that provides them ({@code dataset-fashion-mnist}).
     */
    public static Mnist.TrainTest load(Path directory) throws IOException {
        try {
            return Mnist.load(directory);
        } catch (NoSuchFileException e) {
            NoSuchFileException named = new NoSuchFileException(e.getFile(), e.getOtherFile(), e.getReason()
                    + "; Fashion-MNIST comes with Debian's package dataset-fashion-mnist: apt-get install"
                    + " dataset-fashion-mnist puts the files in " + DEBIAN_DIRECTORY);
            named.initCause(e);
            throw named;
        }
    }

    /** Loads the training and test sets from {@link #DEBIAN_DIRECTORY}. */
    public static Mnist.TrainTest load() throws IOException {
        return load(DEBIAN_DIRECTORY);
    }
}
