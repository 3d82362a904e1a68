package org.nabla.layer;

import java.util.Arrays;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Layer normalization over the last k axes (the normalized shape S), separately for each sample:
 * <pre>
 *   μ = (1/|S|) Σ_{i∈S} xᵢ,   σ² = (1/|S|) Σ_{i∈S} (xᵢ − μ)²   (biased),
 *   y = γ ⊙ (x − μ)/√(σ² + ε) + β,   γ, β ∈ ℝ^S.
 * </pre>
 * Unlike batch normalization it uses no batch statistics, so training and evaluation agree.
 * Written with Variable primitives (mean, sub, square, sqrt, div), so the backward pass — through μ and σ²
 * as well — is the engine's.
 *
 * <p>Source: J. L. Ba, J. R. Kiros and G. E. Hinton, "Layer Normalization", arXiv:1607.06450 (2016), §3;
 * torch.nn.LayerNorm.
 */
public final class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;

    /** Normalizes over the trailing axes {@code normalizedShape}, ε = 1e-5, affine. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    /** Normalizes over the trailing axes {@code normalizedShape} with ε &gt; 0 and affine γ, β or not. */
    public LayerNorm(int[] normalizedShape, double eps, boolean affine) {
        if (normalizedShape == null || normalizedShape.length == 0) {
            throw new IllegalArgumentException("LayerNorm: normalized shape must have at least one axis");
        }
        for (int d : normalizedShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("LayerNorm: normalized shape must be positive, got "
                        + Arrays.toString(normalizedShape));
            }
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("LayerNorm: eps must be finite and > 0, got " + eps);
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = affine ? registerParameter("weight", Tensor.ones(normalizedShape)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(normalizedShape)) : null;
    }

    /** The functional form: normalizes x over its trailing axes {@code normalizedShape}; γ, β may be null. */
    public static Variable layerNorm(Variable x, int[] normalizedShape, Variable gamma, Variable beta, double eps) {
        int k = normalizedShape.length;
        int r = x.shape().rank();
        int[] d = x.shape().dims();
        if (r < k || !Arrays.equals(Arrays.copyOfRange(d, r - k, r), normalizedShape)) {
            throw new IllegalArgumentException("LayerNorm(" + Arrays.toString(normalizedShape)
                    + "): expected input whose trailing axes are " + Arrays.toString(normalizedShape) + ", got shape "
                    + x.shape());
        }
        Shape s = Shape.of(normalizedShape);
        if (gamma != null && !gamma.shape().equals(s)) {
            throw new IllegalArgumentException("LayerNorm: expected γ of shape " + s + ", got " + gamma.shape());
        }
        if (beta != null && !beta.shape().equals(s)) {
            throw new IllegalArgumentException("LayerNorm: expected β of shape " + s + ", got " + beta.shape());
        }
        int[] axes = new int[k];
        for (int i = 0; i < k; i++) {
            axes[i] = r - k + i;
        }
        Variable mu = x.mean(axes, true);
        Variable centered = x.sub(mu);
        Variable var = centered.square().mean(axes, true);
        Variable y = centered.div(var.add(eps).sqrt());
        if (gamma != null) {
            y = y.mul(gamma);
        }
        if (beta != null) {
            y = y.add(beta);
        }
        return y;
    }

    @Override
    public Variable forward(Variable x) {
        return layerNorm(x, normalizedShape, weight == null ? null : weight.variable(),
                bias == null ? null : bias.variable(), eps);
    }

    /** The normalized (trailing) shape. */
    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    /** The scale γ (named {@code weight}), or null without affine. */
    public Parameter weight() {
        return weight;
    }

    /** The shift β (named {@code bias}), or null without affine. */
    public Parameter bias() {
        return bias;
    }

    /** The ε added to the variance. */
    public double eps() {
        return eps;
    }

    @Override
    protected String describe() {
        return "LayerNorm(" + Arrays.toString(normalizedShape) + ", eps=" + eps + ", affine=" + (weight != null) + ")";
    }
}
