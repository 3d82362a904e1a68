package org.nabla.layer;

import org.nabla.autodiff.Variable;

/**
 * Batch normalization of an input (N, C) or (N, C, L), statistics per feature c over N (and L):
 * y = γ_c (x − μ_c)/√(σ²_c + ε) + β_c. See {@link BatchNorm} for the training/evaluation rules.
 *
 * <p>Source: S. Ioffe and C. Szegedy, ICML 2015, Algorithm 1; torch.nn.BatchNorm1d.
 */
public final class BatchNorm1d extends BatchNorm {

    /** C features, ε = 1e-5, momentum 0.1, affine. */
    public BatchNorm1d(int features) {
        this(features, 1e-5, 0.1, true);
    }

    /** C features with the given ε &gt; 0, momentum ∈ [0, 1] and affine γ, β or not. */
    public BatchNorm1d(int features, double eps, double momentum, boolean affine) {
        super(features, eps, momentum, affine);
    }

    @Override
    void checkRank(Variable x) {
        int r = x.shape().rank();
        if (r != 2 && r != 3) {
            throw new IllegalArgumentException(describe() + ": expected input (N, C) or (N, C, L), got shape " + x.shape());
        }
    }
}
