package org.nabla.compress;

import static org.assertj.core.api.Assertions.assertThat;

import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/** Checks shared by the compression tests: two modules compute the same map and input gradient. */
final class SameMap {
    private SameMap() {
    }

    /** max |tᵢ|. */
    static double maxAbs(Tensor t) {
        double m = 0;
        for (double v : t.toArray()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** a(x) = b(x) and ∂⟨c, a(x)⟩/∂x = ∂⟨c, b(x)⟩/∂x for a random cotangent c, to {@code tolerance}. */
    static void assertSameMapAndInputGradient(Module a, Module b, Tensor x, Rng rng, double tolerance) {
        Tensor y = a.forward(x);
        assertThat(maxAbs(b.forward(x).sub(y))).as("forward").isLessThan(tolerance);
        Tensor cot = Tensor.randn(rng, y.dims());
        Variable xa = Variable.leaf(x);
        Tensor ga = a.apply(xa).mul(Variable.constant(cot)).sum().backward().of(xa);
        Variable xb = Variable.leaf(x);
        Tensor gb = b.apply(xb).mul(Variable.constant(cot)).sum().backward().of(xb);
        assertThat(maxAbs(ga.sub(gb))).as("input gradient").isLessThan(tolerance);
    }
}
