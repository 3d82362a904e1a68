package org.nabla.data;

import java.util.Arrays;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/** Shared checks of the feature scalers. */
final class Scaling {
    private Scaling() {
    }

    /** Checks that a training matrix has at least one example and returns its feature shape. */
    static Shape featureShapeOfTraining(String op, Tensor x) {
        if (x.rank() == 0 || x.dim(0) == 0) {
            throw new IllegalArgumentException(op + ".fit: expected training features of shape (n, …) with n ≥ 1, got "
                    + x.shape());
        }
        double[] d = x.dataView();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException(op + ".fit: training features hold " + d[i] + " at flat index " + i
                        + " (expected finite values)");
            }
        }
        return Shape.of(Arrays.copyOfRange(x.dims(), 1, x.rank()));
    }

    /**
     * Checks that x is one example (shape = feature shape) or a stack of them (shape (m, …feature shape)).
     */
    static void checkShape(String op, Shape featureShape, Tensor x) {
        int r = featureShape.rank();
        boolean ok = x.rank() == r || x.rank() == r + 1;
        for (int k = 0; ok && k < r; k++) {
            ok = x.dim(x.rank() - r + k) == featureShape.dim(k);
        }
        if (!ok) {
            int[] expected = new int[r + 1];
            System.arraycopy(featureShape.dims(), 0, expected, 1, r);
            String e = Arrays.toString(expected).replaceFirst("\\[0", "[m");
            throw new IllegalArgumentException(op + ": expected features of shape " + e + " or " + featureShape
                    + " (the shape fitted on), got " + x.shape());
        }
    }
}
