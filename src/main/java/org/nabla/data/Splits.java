package org.nabla.data;

import java.util.Arrays;
import org.nabla.tensor.Rng;

/**
 * Random train/validation/test splits by fractions, with a seed.
 *
 * <p>The n examples are put in the order of {@code new Rng(seed).permutation(n)}; the first
 * n_train = round(f_train·n) go to training, the next n_val = min(round(f_val·n), n − n_train) to
 * validation and the remaining n − n_train − n_val to test. The three sets are disjoint and together
 * hold every example once; the same seed gives the same split.
 */
public final class Splits {
    private Splits() {
    }

    /**
     * The index sets {train, validation, test} of a split of n examples (see the class comment).
     *
     * @throws IllegalArgumentException when a fraction is outside [0, 1] or the two sum to more than 1
     */
    public static int[][] indices(int n, double trainFraction, double validationFraction, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("split: the number of examples must be ≥ 0, got " + n);
        }
        if (!(trainFraction >= 0 && trainFraction <= 1) || !(validationFraction >= 0 && validationFraction <= 1)
                || !(trainFraction + validationFraction <= 1 + 1e-9)) {
            throw new IllegalArgumentException("split: fractions train = " + trainFraction + ", validation = "
                    + validationFraction + " (expected each in [0, 1] and train + validation ≤ 1; test gets the rest)");
        }
        int nTrain = (int) Math.min(n, Math.round(trainFraction * n));
        int nVal = (int) Math.min(n - nTrain, Math.round(validationFraction * n));
        int[] p = new Rng(seed).permutation(n);
        return new int[][] {Arrays.copyOfRange(p, 0, nTrain), Arrays.copyOfRange(p, nTrain, nTrain + nVal),
            Arrays.copyOfRange(p, nTrain + nVal, n)};
    }

    /** A train/validation/test split of an in-memory data set (each part a copy). */
    public static Split<TensorDataset> split(TensorDataset data, double trainFraction, double validationFraction,
            long seed) {
        int[][] ix = indices(data.size(), trainFraction, validationFraction, seed);
        return new Split<>(data.subset(ix[0]), data.subset(ix[1]), data.subset(ix[2]));
    }

    /** A train/test split of an in-memory data set; the validation set is empty. */
    public static Split<TensorDataset> trainTest(TensorDataset data, double trainFraction, long seed) {
        return split(data, trainFraction, 0.0, seed);
    }

    /** A train/validation/test split of any data set (each part a view). */
    public static Split<Dataset> split(Dataset data, double trainFraction, double validationFraction, long seed) {
        int[][] ix = indices(data.size(), trainFraction, validationFraction, seed);
        return new Split<>(data.subset(ix[0]), data.subset(ix[1]), data.subset(ix[2]));
    }
}
