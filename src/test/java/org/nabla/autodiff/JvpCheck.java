package org.nabla.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Checks a function's forward-mode derivative three ways, for seeded random tangents uᵢ of every input:
 * the tangent from one forward pass ({@link ForwardMode}, no graph recorded) against J u assembled from
 * the reverse mode (one vector-Jacobian product per output entry: (J u)ₖ = Σᵢ ⟨eₖᵀ Jᵢ, uᵢ⟩) to 1e-12,
 * against the same with a graph recorded, and against central differences (f(x + hu) − f(x − hu)) / 2h.
 */
public final class JvpCheck {
    /** Tolerance of forward against reverse mode (both exact up to rounding). */
    public static final double EXACT = 1e-12;

    private JvpCheck() {
    }

    /** The tangents: standard normal, seeded; {@code symmetric} makes square matrices symmetric. */
    public static List<Tensor> tangents(List<Tensor> xs, long seed, boolean symmetric) {
        Rng rng = new Rng(seed);
        List<Tensor> us = new ArrayList<>();
        for (Tensor x : xs) {
            Tensor u = Tensor.randn(rng, x.dims());
            if (symmetric && x.shape().rank() == 2 && x.dim(0) == x.dim(1)) {
                u = u.add(u.transpose()).mul(0.5);
            }
            us.add(u);
        }
        return us;
    }

    /** J u by one forward pass with tangents; recording on or off. */
    public static Tensor forward(Function<List<Variable>, Variable> f, List<Tensor> xs, List<Tensor> us,
                                 boolean recording) {
        boolean was = GradMode.set(recording);
        try (ForwardMode fm = ForwardMode.open()) {
            List<Variable> in = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                in.add(fm.dual(xs.get(i), us.get(i)));
            }
            return fm.tangent(f.apply(in));
        } finally {
            GradMode.set(was);
        }
    }

    /** J u from the vector-Jacobian products: one reverse sweep per output entry. */
    public static Tensor reverse(Function<List<Variable>, Variable> f, List<Tensor> xs, List<Tensor> us) {
        List<Variable> in = new ArrayList<>();
        for (Tensor x : xs) {
            in.add(Variable.leaf(x));
        }
        Variable y = f.apply(in);
        int m = y.shape().size();
        double[] jv = new double[m];
        if (!y.requiresGrad()) {
            return Tensor.zeros(y.shape());
        }
        for (int k = 0; k < m; k++) {
            double[] e = new double[m];
            e[k] = 1.0;
            Gradients g = y.backward(Tensor.of(y.shape(), e));
            double s = 0.0;
            for (int i = 0; i < in.size(); i++) {
                s += g.of(in.get(i)).mul(us.get(i)).sum().item();
            }
            jv[k] = s;
        }
        return Tensor.of(y.shape(), jv);
    }

    /** (f(x + hu) − f(x − hu)) / 2h. */
    public static Tensor centralDifference(Function<List<Variable>, Variable> f, List<Tensor> xs, List<Tensor> us,
                                           double h) {
        List<Variable> plus = new ArrayList<>();
        List<Variable> minus = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            plus.add(Variable.constant(xs.get(i).add(us.get(i).mul(h))));
            minus.add(Variable.constant(xs.get(i).sub(us.get(i).mul(h))));
        }
        try (NoGrad ignored = NoGrad.enter()) {
            return f.apply(plus).value().sub(f.apply(minus).value()).div(2.0 * h);
        }
    }

    /** The largest |a − b| relative to max(1, max |b|), and an error naming the case when above tol. */
    public static void assertClose(String what, Tensor actual, Tensor expected, double tol) {
        if (!actual.shape().equals(expected.shape())) {
            throw new AssertionError(what + ": shape " + actual.shape() + ", expected " + expected.shape());
        }
        if (actual.size() == 0) {
            return;
        }
        double scale = Math.max(1.0, expected.abs().max().item());
        double err = actual.sub(expected).abs().max().item() / scale;
        if (!(err <= tol)) {
            throw new AssertionError(what + ": relative error " + err + " > " + tol + "\n actual   " + actual
                    + "\n expected " + expected);
        }
    }

    /**
     * All three checks: forward (no graph) = forward (recording) = reverse to 1e-12, and the central
     * difference with h = 1e-6 to {@code fdTol}.
     */
    public static void check(String name, Function<List<Variable>, Variable> f, List<Tensor> xs, long seed,
                             boolean symmetric, double fdTol) {
        List<Tensor> us = tangents(xs, seed, symmetric);
        Tensor fwd = forward(f, xs, us, false);
        assertClose(name + ": forward with a graph", forward(f, xs, us, true), fwd, EXACT);
        assertClose(name + ": forward vs reverse", fwd, reverse(f, xs, us), EXACT);
        assertClose(name + ": forward vs central differences", fwd, centralDifference(f, xs, us, 1e-6), fdTol);
    }

    /** {@link #check} for one input. */
    public static void check(String name, Function<Variable, Variable> f, Tensor x, long seed) {
        check(name, in -> f.apply(in.get(0)), List.of(x), seed, false, 1e-6);
    }
}
