package org.nabla.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.nabla.tensor.Tensor;

/**
 * The embedded digits set: 1,797 handwritten digits, 8 × 8 grey-scale images with integer
 * intensities 0…16, ten balanced classes — small enough to train on in seconds, real enough to be
 * worth it. Shipped with the library; nothing is downloaded.
 *
 * <p><b>Source and licence.</b> UCI Machine Learning Repository, "Optical Recognition of
 * Handwritten Digits" (E. Alpaydin, C. Kaynak, 1998; the test part of that set), licensed CC BY 4.0.
 * The attribution is kept in the repository's NOTICE file and beside the resource
 * {@code org/nabla/data/digits.csv.gz} (64 pixel values in row-major order, then the label, per line).
 *
 * <p>{@link #load()} returns features of shape (1797, 64) <b>scaled to [0, 1]</b> by dividing the
 * intensities by 16 (the raw values are available through {@link #load(boolean)}), and the labels
 * 0…9 as doubles, shape (1797). Use {@code features().reshape(n, 1, 8, 8)} for a convolutional
 * network. The parsed set is cached; tensors are immutable, so sharing it is safe.
 */
public final class Digits {
    /** The number of examples, 1,797. */
    public static final int SIZE = 1797;
    /** The number of features, 8 × 8 = 64. */
    public static final int FEATURES = 64;
    /** The number of classes, 10. */
    public static final int CLASSES = 10;
    /** The largest raw pixel intensity, 16. */
    public static final double MAX_INTENSITY = 16.0;

    static final String RESOURCE = "/org/nabla/data/digits.csv.gz";

    private static volatile TensorDataset raw;

    private Digits() {
    }

    /** The 1,797 digits with features in [0, 1] (intensity/16) and labels 0…9. */
    public static TensorDataset load() {
        return load(true);
    }

    /** The 1,797 digits, features scaled to [0, 1] when {@code scale}, else the intensities 0…16. */
    public static TensorDataset load(boolean scale) {
        TensorDataset d = raw();
        return scale ? d.withFeatures(d.features().div(MAX_INTENSITY)) : d;
    }

    /**
     * A seeded random train/test split of {@link #load()}: round(trainFraction · 1797) training
     * examples, the rest for testing (see {@link Splits}).
     */
    public static Split<TensorDataset> trainTest(double trainFraction, long seed) {
        return Splits.trainTest(load(), trainFraction, seed);
    }

    private static TensorDataset raw() {
        TensorDataset d = raw;
        if (d == null) {
            synchronized (Digits.class) {
                d = raw;
                if (d == null) {
                    d = parse();
                    raw = d;
                }
            }
        }
        return d;
    }

    private static TensorDataset parse() {
        try (InputStream in = Digits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Digits: the resource " + RESOURCE
                        + " is missing from the class path (expected inside the Nabla jar)");
            }
            TensorDataset d = Csv.format().read(in, "digits.csv.gz");
            if (d.size() != SIZE || d.featureShape().dim(0) != FEATURES) {
                throw new IllegalStateException("Digits: the resource holds " + d + ", expected " + SIZE
                        + " examples of " + FEATURES + " features");
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("Digits: cannot read the resource " + RESOURCE, e);
        }
    }

    /** The image of example i as an 8 × 8 matrix (a view of the features). */
    public static Tensor image(TensorDataset digits, int i) {
        return digits.features(i).reshape(8, 8);
    }
}
