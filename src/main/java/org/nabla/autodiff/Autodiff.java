package org.nabla.autodiff;

import java.util.function.Function;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Derivatives of functions of one tensor argument, built on the reverse sweep.
 *
 * <ul>
 *   <li>{@link #grad}: ∇f(x) for scalar f.</li>
 *   <li>{@link #jacobian}: J = ∂f/∂x, one reverse sweep per output entry (rows eᵢᵀ J); shape
 *       out.shape ++ x.shape.</li>
 *   <li>{@link #hvp}: the Hessian-vector product H v = ∇ₓ(∇f(x) · v), by differentiating the
 *       gradient graph a second time (Pearlmutter 1994) — the Hessian is never formed.</li>
 *   <li>{@link #hessian}: H = ∂²f/∂x², one Hessian-vector product per basis vector (small x only).</li>
 *   <li>{@link #jvp}: the Jacobian-vector product J u by the "double-backward" trick: with
 *       w ↦ wᵀJ linear in w, J u = ∇_w (wᵀJ u) (Townsend 2017).</li>
 * </ul>
 * All of them record the graph they need even when called inside {@link NoGrad}.
 */
public final class Autodiff {
    private Autodiff() {
    }

    /**
     * Runs a derivative computation with recording on, whatever the caller's {@link GradMode}: these
     * are transforms of f, not operations on recorded values, so they work inside {@link NoGrad} too
     * (as a numerical gradient check evaluates its function there).
     */
    private static Tensor recording(java.util.function.Supplier<Tensor> derivative) {
        boolean was = GradMode.set(true);
        try {
            return derivative.get();
        } finally {
            GradMode.set(was);
        }
    }

    private static Variable scalarOutput(Function<Variable, Variable> f, Variable x, String op) {
        Variable y = f.apply(x);
        if (y.shape().size() != 1) {
            throw new IllegalArgumentException(op + ": f must return a scalar (one element), got shape " + y.shape());
        }
        return y;
    }

    /** ∇f(x) for a scalar function f. */
    public static Tensor grad(Function<Variable, Variable> f, Tensor x) {
        return recording(() -> gradRecorded(f, x));
    }

    private static Tensor gradRecorded(Function<Variable, Variable> f, Tensor x) {
        Variable xv = Variable.leaf(x);
        return scalarOutput(f, xv, "grad").backward().of(xv);
    }

    /** The Jacobian ∂f/∂x with shape f(x).shape ++ x.shape. */
    public static Tensor jacobian(Function<Variable, Variable> f, Tensor x) {
        return recording(() -> jacobianRecorded(f, x));
    }

    private static Tensor jacobianRecorded(Function<Variable, Variable> f, Tensor x) {
        Variable xv = Variable.leaf(x);
        Variable y = f.apply(xv);
        int m = y.shape().size();
        int n = x.size();
        double[] j = new double[m * n];
        for (int i = 0; i < m; i++) {
            double[] e = new double[m];
            e[i] = 1.0;
            double[] row = y.backward(Tensor.of(y.shape(), e)).of(xv).toArray();
            System.arraycopy(row, 0, j, i * n, n);
        }
        int[] yd = y.shape().dims();
        int[] xd = x.dims();
        int[] d = new int[yd.length + xd.length];
        System.arraycopy(yd, 0, d, 0, yd.length);
        System.arraycopy(xd, 0, d, yd.length, xd.length);
        return Tensor.of(Shape.of(d), j);
    }

    /** The Hessian-vector product H v for a scalar f, with v shaped like x. */
    public static Tensor hvp(Function<Variable, Variable> f, Tensor x, Tensor v) {
        return recording(() -> hvpRecorded(f, x, v));
    }

    private static Tensor hvpRecorded(Function<Variable, Variable> f, Tensor x, Tensor v) {
        if (!v.shape().equals(x.shape())) {
            throw new IllegalArgumentException("hvp: v has shape " + v.shape() + " but x has shape " + x.shape()
                    + " (expected equal shapes)");
        }
        Variable xv = Variable.leaf(x);
        Variable y = scalarOutput(f, xv, "hvp");
        Variable g = y.backward(true).variable(xv);
        Variable gv = g.mul(Variable.constant(v)).sum();
        return gv.backward().of(xv);
    }

    /** The Hessian ∂²f/∂x² of a scalar f, shape x.shape ++ x.shape (n Hessian-vector products). */
    public static Tensor hessian(Function<Variable, Variable> f, Tensor x) {
        return recording(() -> hessianRecorded(f, x));
    }

    private static Tensor hessianRecorded(Function<Variable, Variable> f, Tensor x) {
        int n = x.size();
        Variable xv = Variable.leaf(x);
        Variable y = scalarOutput(f, xv, "hessian");
        Variable g = y.backward(true).variable(xv).flatten();
        double[] h = new double[n * n];
        for (int i = 0; i < n; i++) {
            double[] row;
            if (!g.requiresGrad()) {
                row = new double[n];
            } else {
                double[] e = new double[n];
                e[i] = 1.0;
                row = g.backward(Variable.constant(Tensor.of(e)), false).of(xv).toArray();
            }
            System.arraycopy(row, 0, h, i * n, n);
        }
        int[] xd = x.dims();
        int[] d = new int[2 * xd.length];
        System.arraycopy(xd, 0, d, 0, xd.length);
        System.arraycopy(xd, 0, d, xd.length, xd.length);
        return Tensor.of(Shape.of(d), h);
    }

    /** The Jacobian-vector product J u (forward-mode derivative in direction u), shaped like f(x). */
    public static Tensor jvp(Function<Variable, Variable> f, Tensor x, Tensor u) {
        return recording(() -> jvpRecorded(f, x, u));
    }

    private static Tensor jvpRecorded(Function<Variable, Variable> f, Tensor x, Tensor u) {
        if (!u.shape().equals(x.shape())) {
            throw new IllegalArgumentException("jvp: u has shape " + u.shape() + " but x has shape " + x.shape()
                    + " (expected equal shapes)");
        }
        Variable xv = Variable.leaf(x);
        Variable y = f.apply(xv);
        Variable w = Variable.leaf(Tensor.zeros(y.shape()));
        Variable wJ = y.backward(w, true).variable(xv);
        Variable s = wJ.mul(Variable.constant(u)).sum();
        if (!s.requiresGrad()) {
            return Tensor.zeros(y.shape());
        }
        return s.backward().of(w);
    }
}
