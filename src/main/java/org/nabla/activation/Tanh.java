package org.nabla.activation;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

/**
 * The hyperbolic tangent.
 * <pre>
 *   tanh(x) = (eˣ − e^(−x)) / (eˣ + e^(−x)) = 2σ(2x) − 1,   tanh′(x) = 1 − tanh²(x).
 * </pre>
 * Computed by the primitive {@link Variable#tanh()} (Math.tanh, accurate in both tails).
 * Source: Goodfellow, Bengio &amp; Courville, Deep Learning (2016), §6.3.2.
 */
public final class Tanh extends Module {
    /** The tanh activation as a module (no parameters). */
    public Tanh() {
    }

    /** tanh(x) elementwise. */
    public static Variable tanh(Variable x) {
        return x.tanh();
    }

    @Override
    public Variable forward(Variable x) {
        return tanh(x);
    }
}
