package org.nabla.activation;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

/**
 * Mish.
 * <pre>
 *   Mish(x) = x·tanh(softplus(x)),
 *   Mish′(x) = tanh(softplus(x)) + x·σ(x)·(1 − tanh²(softplus(x))).
 * </pre>
 * Computed from primitives with the stable {@link Softplus#softplus(Variable) softplus} (no linear
 * threshold, as PyTorch's mish).
 * Source: Misra, "Mish: A Self Regularized Non-Monotonic Activation Function" (BMVC 2020), eq. (1).
 */
public final class Mish extends Module {
    /** The Mish activation as a module (no parameters). */
    public Mish() {
    }

    /** x·tanh(softplus(x)) elementwise. */
    public static Variable mish(Variable x) {
        return x.mul(Softplus.softplus(x).tanh());
    }

    @Override
    public Variable forward(Variable x) {
        return mish(x);
    }
}
