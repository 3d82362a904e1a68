package org.nabla.activation;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

/**
 * The rectified linear unit.
 * <pre>
 *   ReLU(x) = max(x, 0),   ReLU′(x) = 1 if x &gt; 0, else 0   (0 at the kink x = 0, as PyTorch).
 * </pre>
 * Computed by the primitive {@link Variable#relu()}.
 * Source: Nair &amp; Hinton, "Rectified Linear Units Improve Restricted Boltzmann Machines" (ICML 2010);
 * Goodfellow, Bengio &amp; Courville, Deep Learning (2016), §6.3.1.
 */
public final class ReLU extends Module {
    /** The ReLU activation as a module (no parameters). */
    public ReLU() {
    }

    /** max(x, 0) elementwise. */
    public static Variable relu(Variable x) {
        return x.relu();
    }

    @Override
    public Variable forward(Variable x) {
        return relu(x);
    }
}
