package org.nabla.layer;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

/**
 * Flattening from axis 1: (N, d₁, …, d_k) ↦ (N, d₁·…·d_k), row-major; the backward pass reshapes the
 * gradient back. Used between convolutional and fully connected layers.
 *
 * <p>Source: torch.nn.Flatten (start_dim = 1, end_dim = −1).
 */
public final class Flatten extends Module {

    /** Flatten all axes after the batch axis. */
    public Flatten() {
    }

    /** The functional form: (N, …) ↦ (N, Π…). */
    public static Variable flatten(Variable x) {
        if (x.shape().rank() < 1) {
            throw new IllegalArgumentException("Flatten(start=1): expected an input with a batch axis, got shape "
                    + x.shape());
        }
        int n = x.shape().dim(0);
        return x.reshape(n, n == 0 ? 0 : x.shape().size() / n);
    }

    @Override
    public Variable forward(Variable x) {
        return flatten(x);
    }

    @Override
    protected String describe() {
        return "Flatten(start=1)";
    }
}
