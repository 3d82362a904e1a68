package org.nabla.init;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/** θᵢ ~ N(μ, σ²) independently (torch.nn.init.normal_). */
public final class Normal implements Initializer {
    private final double mean;
    private final double std;

    /** N(mean, std²) with std ≥ 0. */
    public Normal(double mean, double std) {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("Normal: mean must be finite, got " + mean);
        }
        Initializer.checkStd("Normal", std);
        this.mean = mean;
        this.std = std;
    }

    /** The mean μ. */
    public double mean() {
        return mean;
    }

    /** The standard deviation σ. */
    public double std() {
        return std;
    }

    @Override
    public Tensor initialize(Shape shape, Rng rng) {
        return Tensor.normal(rng, mean, std, shape.dims());
    }

    @Override
    public String toString() {
        return "Normal(" + mean + ", " + std + ")";
    }
}
