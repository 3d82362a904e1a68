package org.nabla.layer;

import org.nabla.autodiff.Variable;

/**
 * Batch normalization of an image batch (N, C, H, W), statistics per channel c over N, H and W:
 * y = γ_c (x − μ_c)/√(σ²_c + ε) + β_c. See {@link BatchNorm} for the training/evaluation rules.
 *
 * <p>Source: S. Ioffe and C. Szegedy, ICML 2015, §3.2 (convolutional networks); torch.nn.BatchNorm2d.
 */
public final class BatchNorm2d extends BatchNorm {

    /** C channels, ε = 1e-5, momentum 0.1, affine. */
    public BatchNorm2d(int channels) {
        this(channels, 1e-5, 0.1, true);
    }

    /** C channels with the given ε &gt; 0, momentum ∈ [0, 1] and affine γ, β or not. */
    public BatchNorm2d(int channels, double eps, double momentum, boolean affine) {
        super(channels, eps, momentum, affine);
    }

    @Override
    void checkRank(Variable x) {
        if (x.shape().rank() != 4) {
            throw new IllegalArgumentException(describe() + ": expected input (N, C, H, W), got shape " + x.shape());
        }
    }
}
