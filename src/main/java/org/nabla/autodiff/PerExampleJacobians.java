package org.nabla.autodiff;

import java.util.function.Function;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Per-example input Jacobians of a network over a batch: for f mapping X (n, d…) to Y (n, c…),
 * <pre>
 *   Jᵢ = ∂Yᵢ/∂xᵢ ∈ ℝ^(c×d),   i = 1…n      (the diagonal blocks of the batch Jacobian ∂Y/∂X)
 * </pre>
 * returned as a tensor (n, c, d) (c and d the sizes of one output and one input row).
 *
 * <p><b>Which path.</b> When each output row depends on its own input row alone (row-independent:
 * every network without batch statistics), the off-diagonal blocks are zero and c reverse sweeps of
 * Σᵢ Y_{i,a} (a = 1…c) give all Jᵢ at once: sweep a gives row a of every Jᵢ (Griewank &amp; Walther,
 * Evaluating Derivatives, 2nd ed., §3.3: the cost of reverse mode is per output of one example,
 * shared by the n examples). Whether rows are independent is checked by one more sweep seeded with
 * sᵢ·w_a (sᵢ = 2^(eᵢ) per example, w_a random): with independent rows its row i is sᵢ Σₐ w_a (row i of
 * sweep a), to rounding; with interacting rows (BatchNorm in training mode) it is not, and the exact
 * path runs instead: n·c reverse sweeps of single entries Y_{i,a}, each keeping row i of its input
 * cotangent — correct for any f, n times dearer (docs/autodiff.md, "Per-example derivatives").
 */
public final class PerExampleJacobians {
    /** Relative tolerance of the row-independence probe (rounding of sums in another order). */
    static final double PROBE_TOLERANCE = 1e-10;

    private PerExampleJacobians() {
    }

    /** The per-example Jacobians Jᵢ = ∂Yᵢ/∂xᵢ, shape (n, c, d); exact for any f (see the class comment). */
    public static Tensor of(Function<Variable, Variable> f, Tensor x) {
        Variable xv = Variable.leaf(x);
        Variable y = f.apply(xv);
        int n = x.dim(0);
        if (y.shape().rank() < 1 || y.shape().dim(0) != n) {
            throw new IllegalArgumentException("PerExampleJacobians: f must map a batch of " + n
                    + " rows to outputs with " + n + " rows, got " + y.shape() + " for input " + x.shape());
        }
        Tensor[] rows = sweeps(xv, y);
        return rows != null ? Tensor.stack(1, rows) : exact(xv, y);
    }

    /** True when the c + 1 sweeps found the rows independent; also used by callers choosing a path. */
    public static boolean rowIndependent(Function<Variable, Variable> f, Tensor x) {
        Variable xv = Variable.leaf(x);
        return sweeps(xv, f.apply(xv)) != null;
    }

    /**
     * Row a of every Jᵢ from the sweep of Σᵢ Y_{i,a}, as c tensors (n, d); null when the probe finds
     * interacting rows.
     */
    private static Tensor[] sweeps(Variable xv, Variable y) {
        int n = xv.shape().dim(0);
        int c = y.shape().size() / n;
        int d = xv.shape().size() / n;
        Tensor[] rows = new Tensor[c];
        double[][] values = new double[c][];
        double[] combination = new double[n * d];
        double[] w = new double[c];
        Rng rng = new Rng(0xfaceL);
        for (int a = 0; a < c; a++) {
            w[a] = 0.5 + rng.nextDouble();
            double[] seed = new double[n * c];
            for (int i = 0; i < n; i++) {
                seed[i * c + a] = 1.0;
            }
            rows[a] = inputCotangent(xv, y, seed).reshape(n, d);
            double[] r = rows[a].toArray();
            values[a] = r;
            for (int j = 0; j < r.length; j++) {
                combination[j] += w[a] * Math.abs(r[j]);
            }
        }
        double[] probeSeed = new double[n * c];
        double[] s = new double[n];
        int[] perm = rng.permutation(64);
        for (int i = 0; i < n; i++) {
            s[i] = Math.scalb(1.0, perm[i % 64] - 32);
            for (int a = 0; a < c; a++) {
                probeSeed[i * c + a] = s[i] * w[a];
            }
        }
        double[] probe = inputCotangent(xv, y, probeSeed).toArray();
        double scale = 0;
        for (double v : combination) {
            scale = Math.max(scale, v);
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                double expected = 0;
                for (int a = 0; a < c; a++) {
                    expected += w[a] * values[a][i * d + k];
                }
                if (Math.abs(probe[i * d + k] / s[i] - expected) > PROBE_TOLERANCE * Math.max(scale, Double.MIN_NORMAL)) {
                    return null;
                }
            }
        }
        return rows;
    }

    /** The diagonal blocks from n·c sweeps of single output entries: right also when rows interact. */
    private static Tensor exact(Variable xv, Variable y) {
        int n = xv.shape().dim(0);
        int c = y.shape().size() / n;
        int d = xv.shape().size() / n;
        double[] out = new double[n * c * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < c; a++) {
                double[] seed = new double[n * c];
                seed[i * c + a] = 1.0;
                double[] g = inputCotangent(xv, y, seed).toArray();
                System.arraycopy(g, i * d, out, (i * c + a) * d, d);
            }
        }
        return Tensor.of(new int[] {n, c, d}, out);
    }

    private static Tensor inputCotangent(Variable xv, Variable y, double[] seed) {
        Gradients g = y.backward(Tensor.of(y.shape(), seed));
        return g.contains(xv) ? g.of(xv) : Tensor.zeros(xv.shape());
    }
}
