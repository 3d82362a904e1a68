package org.nabla.data;

import java.util.ArrayList;
import java.util.List;
import org.nabla.tensor.Tensor;

/**
 * A finite, indexed collection of supervised examples (xᵢ, yᵢ), i = 0, …, n − 1: the data set
 * 𝒟 = {(x₁, y₁), …, (xₙ, yₙ)} of empirical risk minimization (Goodfellow, Bengio &amp; Courville,
 * <i>Deep Learning</i>, 2016, §5.1 and §8.1).
 *
 * <p>Implementations must return the same example for the same index every time (a data set is a
 * fixed sample, not a stream); randomness belongs to {@link DataLoader} and {@link Splits}.
 */
public interface Dataset {

    /** The number of examples n. */
    int size();

    /** The features xᵢ of example i, 0 ≤ i &lt; n. */
    Tensor features(int i);

    /** The target yᵢ of example i (a class label as a 0-d tensor, a regression target, …). */
    Tensor target(int i);

    /**
     * The examples at the given indices collated into one batch: features stacked along a new
     * axis 0 (shape (b, …feature shape)) and targets likewise. Indices may repeat.
     *
     * <p>This default stacks {@link #features(int)} and {@link #target(int)};
     * {@link TensorDataset} overrides it with a direct copy of rows.
     *
     * @throws IndexOutOfBoundsException when an index is outside [0, n)
     */
    default Batch batch(int... indices) {
        List<Tensor> xs = new ArrayList<>(indices.length);
        List<Tensor> ys = new ArrayList<>(indices.length);
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("batch: index " + i + " at position " + j
                        + " is out of range for a data set of " + size() + " examples");
            }
            xs.add(features(i));
            ys.add(target(i));
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("batch: expected at least one index");
        }
        return new Batch(Tensor.stack(0, xs), Tensor.stack(0, ys));
    }

    /**
     * The examples at the given indices, in that order, as a data set: a view that copies nothing
     * ({@link TensorDataset} returns a copy instead, so that its rows stay contiguous).
     *
     * @throws IndexOutOfBoundsException when an index is outside [0, n)
     */
    default Dataset subset(int... indices) {
        return new Subset(this, indices);
    }
}
