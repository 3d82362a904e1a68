package org.nabla.init;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * PyTorch's default initialization of Linear and convolution layers:
 * <pre>
 *   W ~ kaiming_uniform(a = √5, fan_in):  g = √(2 / (1 + 5)) = √(1/3),  bound = √3 · g / √fan_in = 1/√fan_in
 *   so  Wᵢⱼ ~ U(−1/√fan_in, 1/√fan_in)   and   bᵢ ~ U(−1/√fan_in, 1/√fan_in),
 * </pre>
 * both with Var = 1/(3·fan_in).
 *
 * <p>Source: torch.nn.Linear.reset_parameters (PyTorch 1.13).
 */
public final class LinearDefault implements Initializer {
    /** The default initializer of a linear layer (it has no settings). */
    public LinearDefault() {
    }


    /** The bound 1/√fan_in for a weight of this shape. */
    public double bound(Shape weightShape) {
        return 1.0 / Math.sqrt(Fans.of(weightShape).fanIn());
    }

    @Override
    public Tensor initialize(Shape shape, Rng rng) {
        double a = bound(shape);
        return Tensor.uniform(rng, -a, a, shape.dims());
    }

    @Override
    public Tensor initializeBias(Shape weightShape, Rng rng) {
        double a = bound(weightShape);
        return Tensor.uniform(rng, -a, a, weightShape.dim(0));
    }

    @Override
    public String toString() {
        return "LinearDefault";
    }
}
