package org.nabla.activation;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

/**
 * The scaled exponential linear unit.
 * <pre>
 *   SELU(x) = λ·(x if x &gt; 0, else α(eˣ − 1)) = λ·ELU_α(x),
 *   SELU′(x) = λ if x &gt; 0, else λα eˣ   (λα at x = 0, as PyTorch),
 *   λ ≈ 1.0507009873554805,  α ≈ 1.6732632423543772.
 * </pre>
 * The constants make the standard normal a fixed point of the mean/variance map of a layer with
 * weights of variance 1/n ("self-normalizing"). Computed as λ·{@link ELU#elu(Variable, double)}.
 * Source: Klambauer, Unterthiner, Mayr &amp; Hochreiter, "Self-Normalizing Neural Networks"
 * (NeurIPS 2017), eq. (2) and Theorem 1.
 */
public final class SELU extends Module {
    /** λ, the scale. */
    public static final double LAMBDA = 1.0507009873554804934193349852946;
    /** α, the ELU parameter. */
    public static final double ALPHA = 1.6732632423543772848170429916717;

    /** The SELU activation as a module (no parameters). */
    public SELU() {
    }

    /** SELU elementwise. */
    public static Variable selu(Variable x) {
        return ELU.elu(x, ALPHA).mul(LAMBDA);
    }

    @Override
    public Variable forward(Variable x) {
        return selu(x);
    }
}
