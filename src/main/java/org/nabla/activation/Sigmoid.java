package org.nabla.activation;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

/**
 * The logistic sigmoid.
 * <pre>
 *   σ(x) = 1 / (1 + e^(−x)),   σ′(x) = σ(x)(1 − σ(x)).
 * </pre>
 * Computed by the primitive {@link Variable#sigmoid()}, which evaluates e^(−|x|) only, so that
 * neither tail overflows: σ(x) = 1/(1 + e^(−x)) for x ≥ 0 and e^x/(1 + e^x) for x &lt; 0.
 * Source: Goodfellow, Bengio &amp; Courville, Deep Learning (2016), §3.10 and §6.2.2.2.
 */
public final class Sigmoid extends Module {
    /** The logistic sigmoid activation as a module (no parameters). */
    public Sigmoid() {
    }

    /** σ(x) elementwise. */
    public static Variable sigmoid(Variable x) {
        return x.sigmoid();
    }

    @Override
    public Variable forward(Variable x) {
        return sigmoid(x);
    }
}
