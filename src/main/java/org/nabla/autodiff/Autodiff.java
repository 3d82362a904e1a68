package org.nabla.autodiff;

import java.util.function.Function;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Derivatives of functions of one tensor argument, built on the reverse sweep and on forward mode
 * ({@link ForwardMode}).
 *
 * <ul>
 *   <li>{@link #grad}: ∇f(x) for scalar f (one reverse sweep).</li>
 *   <li>{@link #jacobian}: J = ∂f/∂x, shape out.shape ++ x.shape: by columns J eⱼ in forward mode
 *       when x has fewer entries than f(x), else by rows eᵢᵀ J in reverse mode
 *       ({@link #jacobianForward}, {@link #jacobianReverse}).</li>
 *   <li>{@link #hvp}: the Hessian-vector product H v = ∇ₓ(∇f(x) · v), by differentiating the
 *       gradient graph a second time (reverse-over-reverse) — the Hessian is never formed;
 *       {@link #hvpForwardOverReverse}: the same H v as the tangent of ∇f(x) along v (Pearlmutter
 *       1994), one forward pass with tangents and one recording reverse sweep.</li>
 *   <li>{@link #hessian}: H = ∂²f/∂x², one Hessian-vector product per basis vector (small x only).</li>
 *   <li>{@link #jvp}: the Jacobian-vector product J u in one forward pass with tangents (forward
 *       mode; no graph is recorded).</li>
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

    /**
     * The Jacobian ∂f/∂x with shape f(x).shape ++ x.shape, in the cheaper mode for its shape: with n
     * entries in x and m in f(x), forward mode costs n passes of f with tangents (one column J eⱼ
     * each) and reverse mode one pass of f and m reverse sweeps (one row eᵢᵀ J each); so forward when
     * n &lt; m, reverse otherwise (docs/autodiff.md, the cost table). The first (recorded) pass of f,
     * which tells m, is the reverse mode's forward pass.
     */
    public static Tensor jacobian(Function<Variable, Variable> f, Tensor x) {
        return recording(() -> {
            Variable xv = Variable.leaf(x);
            Variable y = f.apply(xv);
            return x.size() < y.shape().size() ? jacobianForward(f, x) : jacobianRows(xv, y);
        });
    }

    /** The Jacobian by columns: one forward pass with tangent eⱼ per entry of x (forward mode). */
    public static Tensor jacobianForward(Function<Variable, Variable> f, Tensor x) {
        int n = x.size();
        Shape out = null;
        double[] j = null;
        for (int c = 0; c < n; c++) {
            double[] e = new double[n];
            e[c] = 1.0;
            Tensor[] yAndTangent = jvpPass(f, x, Tensor.of(x.shape(), e), "jacobianForward");
            if (j == null) {
                out = yAndTangent[0].shape();
                j = new double[out.size() * n];
            }
            double[] col = yAndTangent[1].toArray();
            for (int r = 0; r < col.length; r++) {
                j[r * n + c] = col[r];
            }
        }
        if (j == null) { // x has no entries: f's shape from one evaluation
            try (NoGrad ignored = NoGrad.enter()) {
                out = f.apply(Variable.constant(x)).shape();
            }
            j = new double[0];
        }
        return Tensor.of(Shape.of(concat(out.dims(), x.dims())), j);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] d = new int[a.length + b.length];
        System.arraycopy(a, 0, d, 0, a.length);
        System.arraycopy(b, 0, d, a.length, b.length);
        return d;
    }

    /** The Jacobian by rows: one forward pass, then one reverse sweep with seed eᵢ per entry of f(x). */
    public static Tensor jacobianReverse(Function<Variable, Variable> f, Tensor x) {
        return recording(() -> jacobianRecorded(f, x));
    }

    private static Tensor jacobianRecorded(Function<Variable, Variable> f, Tensor x) {
        Variable xv = Variable.leaf(x);
        return jacobianRows(xv, f.apply(xv));
    }

    private static Tensor jacobianRows(Variable xv, Variable y) {
        Tensor x = xv.value();
        int m = y.shape().size();
        int n = x.size();
        double[] j = new double[m * n];
        for (int i = 0; i < m; i++) {
            double[] e = new double[m];
            e[i] = 1.0;
            double[] row = y.backward(Tensor.of(y.shape(), e)).of(xv).toArray();
            System.arraycopy(row, 0, j, i * n, n);
        }
        return Tensor.of(Shape.of(concat(y.shape().dims(), x.dims())), j);
    }

    /** The Hessian-vector product H v for a scalar f, with v shaped like x. */
    public static Tensor hvp(Function<Variable, Variable> f, Tensor x, Tensor v) {
        return recording(() -> hvpRecorded(f, x, v));
    }

    private static Tensor hvpRecorded(Function<Variable, Variable> f, Tensor x, Tensor v) {
        requireSameShape("hvp", "v", v, x);
        Variable xv = Variable.leaf(x);
        Variable y = scalarOutput(f, xv, "hvp");
        Variable g = y.backward(true).variable(xv);
        Variable gv = g.mul(Variable.constant(v)).sum();
        return gv.backward().of(xv);
    }

    /**
     * The Hessian-vector product H v for a scalar f by forward-over-reverse (Pearlmutter 1994): x
     * carries the tangent v through f's forward pass and through a recording reverse sweep of f, and
     * the tangent of ∇f(x) is H v. The same values as {@link #hvp} (reverse-over-reverse, which
     * differentiates ∇f(x) · v a second time) at about the cost of one gradient with tangents.
     */
    public static Tensor hvpForwardOverReverse(Function<Variable, Variable> f, Tensor x, Tensor v) {
        requireSameShape("hvpForwardOverReverse", "v", v, x);
        return recording(() -> {
            try (ForwardMode fm = ForwardMode.open()) {
                Variable xv = fm.dual(x, v);
                Variable y = scalarOutput(f, xv, "hvpForwardOverReverse");
                Variable g = y.backward(true).variable(xv);
                return fm.tangent(g);
            }
        });
    }

    private static void requireSameShape(String op, String name, Tensor v, Tensor x) {
        if (!v.shape().equals(x.shape())) {
            throw new IllegalArgumentException(op + ": " + name + " has shape " + v.shape() + " but x has shape "
                    + x.shape() + " (expected equal shapes)");
        }
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

    /**
     * The Jacobian-vector product J u (the directional derivative of f at x along u), shaped like
     * f(x), in one forward pass: x carries the tangent u and every primitive passes on its output's
     * tangent by its jvp rule ({@link ForwardMode}); no graph is recorded.
     */
    public static Tensor jvp(Function<Variable, Variable> f, Tensor x, Tensor u) {
        return jvpPass(f, x, u, "jvp")[1];
    }

    /** f(x) and J u from one forward pass with tangents. */
    private static Tensor[] jvpPass(Function<Variable, Variable> f, Tensor x, Tensor u, String op) {
        requireSameShape(op, "u", u, x);
        try (ForwardMode fm = ForwardMode.open(); NoGrad ignored = NoGrad.enter()) {
            Variable y = f.apply(fm.dual(x, u));
            return new Tensor[] {y.value(), fm.tangent(y)};
        }
    }

    /**
     * J u by the "double-backward" trick, kept as a test oracle for {@link #jvp}: with w ↦ wᵀJ linear
     * in w, J u = ∇_w (wᵀJ u) (Townsend 2017) — two reverse sweeps and a graph of the gradient.
     */
    static Tensor jvpDoubleBackward(Function<Variable, Variable> f, Tensor x, Tensor u) {
        return recording(() -> jvpRecorded(f, x, u));
    }

    private static Tensor jvpRecorded(Function<Variable, Variable> f, Tensor x, Tensor u) {
        requireSameShape("jvp", "u", u, x);
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
