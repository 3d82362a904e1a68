package org.nabla.activation;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

/**
 * The sigmoid-weighted linear unit, also called Swish (with β = 1).
 * <pre>
 *   SiLU(x) = x·σ(x),   SiLU′(x) = σ(x)(1 + x(1 − σ(x))).
 * </pre>
 * Computed as x ⊙ σ(x) from primitives (the sigmoid primitive is stable in both tails).
 * Sources: Elfwing, Uchibe &amp; Doya, "Sigmoid-Weighted Linear Units for Neural Network Function
 * Approximation in Reinforcement Learning" (2018), eq. (2); Ramachandran, Zoph &amp; Le, "Searching for
 * Activation Functions" (2017).
 */
public final class SiLU extends Module {
    /** The SiLU activation as a module (no parameters). */
    public SiLU() {
    }

    /** x·σ(x) elementwise. */
    public static Variable silu(Variable x) {
        return x.mul(x.sigmoid());
    }

    @Override
    public Variable forward(Variable x) {
        return silu(x);
    }
}
