package org.nabla.init;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Critical initialization of a deep MLP:
 * <pre>
 *   Wᵢⱼ⁽ˡ⁾ ~ N(0, C_W / n_{ℓ−1}),   bᵢ⁽ˡ⁾ ~ N(0, C_b),
 * </pre>
 * with n_{ℓ−1} = fan_in. At the critical point (C_b, C_W) the kernel recursion
 * K⁽ˡ⁺¹⁾ = C_b + C_W ⟨σ(z)²⟩_{K⁽ˡ⁾} has parallel and perpendicular susceptibilities χ_∥ = χ_⊥ = 1,
 * so signals neither explode nor vanish with depth:
 * <ul>
 *   <li>ReLU (scale-invariant universality class): C_b = 0, C_W = 2 ({@link #relu()});</li>
 *   <li>tanh (K* = 0 universality class): C_b = 0, C_W = 1 ({@link #tanh()}).</li>
 * </ul>
 *
 * <p>Source: D. A. Roberts, S. Yaida and B. Hanin, The Principles of Deep Learning Theory (Cambridge, 2022),
 * ch. 5 (§5.2 scale-invariant class, §5.3 K* = 0 class); eq. 2.19–2.20 for the initialization distribution.
 */
public final class Critical implements Initializer {
    private final double cb;
    private final double cw;

    private Critical(double cb, double cw) {
        this.cb = cb;
        this.cw = cw;
    }

    /** Any (C_b, C_W) with C_b ≥ 0 and C_W &gt; 0. */
    public static Critical of(double cb, double cw) {
        if (!(cb >= 0) || Double.isInfinite(cb)) {
            throw new IllegalArgumentException("Critical: bias variance C_b must be finite and ≥ 0, got " + cb);
        }
        if (!(cw > 0) || Double.isInfinite(cw)) {
            throw new IllegalArgumentException("Critical: weight variance C_W must be finite and > 0, got " + cw);
        }
        return new Critical(cb, cw);
    }

    /** ReLU criticality: (C_b, C_W) = (0, 2). */
    public static Critical relu() {
        return new Critical(0.0, 2.0);
    }

    /** tanh criticality: (C_b, C_W) = (0, 1). */
    public static Critical tanh() {
        return new Critical(0.0, 1.0);
    }

    /** The bias variance C_b. */
    public double biasVariance() {
        return cb;
    }

    /** The rescaled weight variance C_W. */
    public double weightVariance() {
        return cw;
    }

    /** The variance C_W / fan_in of a weight of this shape. */
    public double variance(Shape shape) {
        return cw / Fans.of(shape).fanIn();
    }

    @Override
    public Tensor initialize(Shape shape, Rng rng) {
        return Tensor.normal(rng, 0.0, Math.sqrt(variance(shape)), shape.dims());
    }

    /** bᵢ ~ N(0, C_b) (zeros when C_b = 0). */
    @Override
    public Tensor initializeBias(Shape weightShape, Rng rng) {
        if (cb == 0) {
            return Tensor.zeros(weightShape.dim(0));
        }
        return Tensor.normal(rng, 0.0, Math.sqrt(cb), weightShape.dim(0));
    }

    @Override
    public String toString() {
        return "Critical(C_b=" + cb + ", C_W=" + cw + ")";
    }
}
