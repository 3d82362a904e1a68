package org.nabla.activation;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

/**
 * The identity activation.
 * <pre>
 *   f(x) = x,   f′(x) = 1.
 * </pre>
 * Useful as a placeholder (a linear output layer) in a {@code Sequential}.
 * Source: Goodfellow, Bengio &amp; Courville, Deep Learning (2016), §6.2.2.1 (linear output units).
 */
public final class Identity extends Module {
    /** The identity activation as a module (no parameters). */
    public Identity() {
    }

    /** f(x) = x: returns its argument. */
    public static Variable identity(Variable x) {
        return x;
    }

    @Override
    public Variable forward(Variable x) {
        return identity(x);
    }
}
