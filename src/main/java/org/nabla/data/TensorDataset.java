package org.nabla.data;

import java.util.Arrays;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * An in-memory data set held in two tensors whose axis 0 indexes the examples: features X of shape
 * (n, …) and targets Y of shape (n, …). Example i is (X[i], Y[i]).
 *
 * <p>Class labels are stored as doubles holding whole numbers (targets of shape (n)), the convention
 * of the cross-entropy losses; regression targets usually have shape (n, 1) to match the output of a
 * linear layer.
 */
public final class TensorDataset implements Dataset {
    private final Tensor features;
    private final Tensor targets;
    private final double[] featureData;
    private final double[] targetData;
    private final int featureRow;
    private final int targetRow;

    /**
     * A data set of the rows of {@code features} and {@code targets}.
     *
     * @throws IllegalArgumentException when either is a scalar or their axis-0 sizes differ
     */
    public TensorDataset(Tensor features, Tensor targets) {
        if (features.rank() == 0 || targets.rank() == 0) {
            throw new IllegalArgumentException("TensorDataset: features have shape " + features.shape()
                    + " and targets have shape " + targets.shape() + " (expected both to have an axis 0 indexing the examples)");
        }
        if (features.dim(0) != targets.dim(0)) {
            throw new IllegalArgumentException("TensorDataset: features have " + features.dim(0) + " examples (shape "
                    + features.shape() + ") but targets have " + targets.dim(0) + " (shape " + targets.shape()
                    + ") (expected the same size of axis 0)");
        }
        this.features = features.contiguous();
        this.targets = targets.contiguous();
        this.featureData = this.features.dataView();
        this.targetData = this.targets.dataView();
        this.featureRow = rowSize(features.shape());
        this.targetRow = rowSize(targets.shape());
    }

    private static int rowSize(Shape s) {
        int r = 1;
        for (int k = 1; k < s.rank(); k++) {
            r *= s.dim(k);
        }
        return r;
    }

    private static Shape withFirst(Shape s, int n) {
        int[] d = s.dims();
        d[0] = n;
        return Shape.of(d);
    }

    /** All features X, shape (n, …). */
    public Tensor features() {
        return features;
    }

    /** All targets Y, shape (n, …). */
    public Tensor targets() {
        return targets;
    }

    /** The shape of one example's features (the shape of X without axis 0). */
    public Shape featureShape() {
        return Shape.of(Arrays.copyOfRange(features.dims(), 1, features.rank()));
    }

    /** The shape of one example's target (the shape of Y without axis 0). */
    public Shape targetShape() {
        return Shape.of(Arrays.copyOfRange(targets.dims(), 1, targets.rank()));
    }

    @Override
    public int size() {
        return features.dim(0);
    }

    @Override
    public Tensor features(int i) {
        return features.select(0, check(i, "features"));
    }

    @Override
    public Tensor target(int i) {
        return targets.select(0, check(i, "target"));
    }

    private int check(int i, String op) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(op + ": index " + i + " is out of range for a data set of "
                    + size() + " examples");
        }
        return i;
    }

    /** Collates the rows at {@code indices} by copying them (no per-example tensors are built). */
    @Override
    public Batch batch(int... indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("batch: expected at least one index");
        }
        return new Batch(gather(features, featureData, featureRow, indices),
                gather(targets, targetData, targetRow, indices));
    }

    /** The rows at {@code indices}, in that order, copied into a new data set. */
    @Override
    public TensorDataset subset(int... indices) {
        return new TensorDataset(gather(features, featureData, featureRow, indices),
                gather(targets, targetData, targetRow, indices));
    }

    /** A data set with the same targets and new features (same number of examples). */
    public TensorDataset withFeatures(Tensor newFeatures) {
        return new TensorDataset(newFeatures, targets);
    }

    private Tensor gather(Tensor t, double[] data, int row, int[] indices) {
        int n = size();
        double[] out = new double[Math.multiplyExact(indices.length, row)];
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("TensorDataset: index " + i + " at position " + j
                        + " is out of range for a data set of " + n + " examples");
            }
            System.arraycopy(data, i * row, out, j * row, row);
        }
        return Tensor.of(withFirst(t.shape(), indices.length), out);
    }

    @Override
    public String toString() {
        return "TensorDataset(" + size() + " examples, features " + featureShape() + ", targets " + targetShape() + ")";
    }
}
