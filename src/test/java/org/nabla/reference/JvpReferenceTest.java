package org.nabla.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.JvpCheck;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;
import org.nabla.testing.Reference;

/**
 * Forward mode on every case of ops.json that has a gradient, replayed through the catalogs of
 * {@link OpsReferenceTest}: for seeded tangents uᵢ of the real inputs, the tangent of one forward pass
 * equals J u from the vector-Jacobian products to 1e-12 (relative to max(1, max |J u|)),
 * the central difference (f(x + hu) − f(x − hu)) / 2h, h = 1e-6, to 1e-6, and ⟨c̄, J u⟩ equals
 * Σᵢ ⟨reference vjpᵢ, uᵢ⟩ — the PyTorch gradients of the file — to the case's tolerance.
 */
class JvpReferenceTest {
    /** Ops whose rule assumes a symmetric perturbation of a square matrix (as PyTorch's). */
    private static final Set<String> SYMMETRIC = Set.of("cholesky", "eigvalsh");

    @Test
    @SuppressWarnings("unchecked")
    void everyCaseWithAGradient() {
        Map<String, ReferenceOps.Entry> ops = new HashMap<>();
        for (ReferenceOps c : OpsReferenceTest.catalogs()) {
            c.register(ops);
        }
        List<Object> cases = (List<Object>) Reference.load(OpsReferenceTest.FILE).get("cases");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Object o : cases) {
            ReferenceCase c = new ReferenceCase((Map<String, Object>) o);
            ReferenceOps.Entry e = ops.get(c.op());
            if (e == null || c.cotangent == null || c.grads.isEmpty()) {
                continue;
            }
            checked++;
            try {
                check(c, e);
            } catch (AssertionError | RuntimeException ex) {
                failures.add(c.name + " " + c.attrs + ": " + ex);
            }
        }
        if (checked < 50 || !failures.isEmpty()) {
            throw new AssertionError(checked + " cases checked, " + failures.size() + " failed:\n"
                    + String.join("\n", failures));
        }
    }

    private static void check(ReferenceCase c, ReferenceOps.Entry e) {
        Function<List<Variable>, Variable> f = in -> e.op.apply(c, in);
        List<Tensor> us = JvpCheck.tangents(c.inputs, c.name.hashCode(), SYMMETRIC.contains(c.op()));
        Tensor forward = JvpCheck.forward(f, c.inputs, us, false);
        JvpCheck.assertClose("forward vs reverse", forward, JvpCheck.reverse(f, c.inputs, us), JvpCheck.EXACT);
        JvpCheck.assertClose("forward vs central differences", forward,
                JvpCheck.centralDifference(f, c.inputs, us, 1e-6), 1e-6);
        double lhs = forward.mul(c.cotangent).sum().item();
        double rhs = 0.0;
        double scale = 1.0;
        for (int i = 0; i < c.inputs.size(); i++) {
            Tensor g = i < c.grads.size() ? c.grads.get(i) : null;
            if (g != null) {
                Tensor term = g.mul(us.get(i));
                rhs += term.sum().item();
                scale += term.abs().sum().item();
            }
        }
        if (Math.abs(lhs - rhs) > Math.max(e.rtol, 1e-12) * scale) {
            throw new AssertionError("<c̄, J u> = " + lhs + " but the reference vjps give " + rhs);
        }
    }
}
