package org.nabla.activation;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

/**
 * The logarithm of the sigmoid.
 * <pre>
 *   log σ(x) = −ln(1 + e^(−x)) = −softplus(−x),   (log σ)′(x) = 1 − σ(x) = σ(−x).
 * </pre>
 * Computed as −{@link Softplus#softplus(Variable) softplus}(−x), whose stable form
 * −(max(−x, 0) + ln(1 + e^(−|x|))) is finite for every finite x (ln σ(x) → x as x → −∞), whereas
 * ln(σ(x)) would give ln 0 = −∞ once σ(x) underflows (x ≲ −745).
 * Source: Goodfellow, Bengio &amp; Courville, Deep Learning (2016), §3.10, eq. (3.41)–(3.42).
 */
public final class LogSigmoid extends Module {
    /** The log-sigmoid activation as a module (no parameters). */
    public LogSigmoid() {
    }

    /** log σ(x) elementwise. */
    public static Variable logSigmoid(Variable x) {
        return Softplus.softplus(x.neg()).neg();
    }

    @Override
    public Variable forward(Variable x) {
        return logSigmoid(x);
    }
}
