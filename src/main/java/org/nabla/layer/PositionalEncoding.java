package org.nabla.layer;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Sinusoidal positional encoding (Vaswani et al. 2017, §3.5), added to inputs (N, L, E):
 * <pre>
 *   PE(pos, 2i) = sin(pos / 10000^(2i/E)),   PE(pos, 2i+1) = cos(pos / 10000^(2i/E)).
 * </pre>
 * No parameters; the table is computed once for up to {@code maxLength} positions.
 */
public final class PositionalEncoding extends Module {
    private final Tensor table;
    private final int dim;

    /** Encodings for E features and up to maxLength positions. */
    public PositionalEncoding(int dim, int maxLength) {
        if (dim < 1 || maxLength < 1) {
            throw new IllegalArgumentException("PositionalEncoding: dim and maxLength must be positive, got " + dim + ", " + maxLength);
        }
        this.dim = dim;
        double[] t = new double[maxLength * dim];
        for (int pos = 0; pos < maxLength; pos++) {
            for (int i = 0; i < dim; i++) {
                double angle = pos / Math.pow(10000.0, (double) (i - i % 2) / dim);
                t[pos * dim + i] = i % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
            }
        }
        this.table = Tensor.of(Shape.of(maxLength, dim), t);
    }

    /** The table PE (maxLength, E). */
    public Tensor table() {
        return table;
    }

    /** x + PE[0:L] for x of shape (N, L, E). */
    @Override
    public Variable forward(Variable x) {
        if (x.shape().rank() != 3 || x.shape().dim(2) != dim || x.shape().dim(1) > table.dim(0)) {
            throw new IllegalArgumentException(describe() + ": expected input (N, L ≤ " + table.dim(0) + ", " + dim + "), got shape "
                    + x.shape());
        }
        return x.add(Variable.constant(table.slice(0, 0, x.shape().dim(1))));
    }

    @Override
    protected String describe() {
        return "PositionalEncoding(dim=" + dim + ", maxLength=" + table.dim(0) + ")";
    }
}
