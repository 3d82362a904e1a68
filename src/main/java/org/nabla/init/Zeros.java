package org.nabla.init;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * θ = 0. Right for biases; for weights it leaves every unit of a layer identical
 * (symmetry is never broken by gradient descent), which is why weights are drawn at random.
 */
public final class Zeros implements Initializer {
    /** The all-zeros initializer (it has no settings). */
    public Zeros() {
    }

    @Override
    public Tensor initialize(Shape shape, Rng rng) {
        return Tensor.zeros(shape);
    }

    @Override
    public String toString() {
        return "Zeros";
    }
}
