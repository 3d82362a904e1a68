package org.nabla.init;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Orthogonal initialization: W = g · Q, with Q a Haar-random matrix with orthonormal rows or columns.
 * <pre>
 *   A ∈ ℝ^(m×n), Aᵢⱼ ~ N(0, 1)   (m = shape[0], n = product of the other axes; transposed if m &lt; n)
 *   A = Q R  (thin QR, R upper triangular with diag(R) &gt; 0)
 *   W = g · Q   (transposed back if m &lt; n)
 * </pre>
 * so WᵀW = g²I when m ≥ n and WWᵀ = g²I when m &lt; n. Requiring diag(R) &gt; 0 (the "sign correction"
 * Q ← Q·diag(sign(diag R)) of a Householder QR) makes the factorization unique and Q exactly Haar-distributed.
 * Orthogonal weights preserve the norm of every signal in a deep linear network (dynamical isometry).
 *
 * <p>Computed with modified Gram–Schmidt with one re-orthogonalization pass ("twice is enough"),
 * which gives diag(R) &gt; 0 by construction and orthonormality to machine precision.
 *
 * <p>Source: A. M. Saxe, J. L. McClelland and S. Ganguli, "Exact solutions to the nonlinear dynamics of
 * learning in deep linear neural networks", ICLR 2014, §3; torch.nn.init.orthogonal_;
 * F. Mezzadri, "How to generate random matrices from the classical compact groups", 2007 (sign correction).
 */
public final class Orthogonal implements Initializer {
    private final double gain;

    /** Gain g = 1. */
    public Orthogonal() {
        this(1.0);
    }

    /** Gain g &gt; 0. */
    public Orthogonal(double gain) {
        Initializer.checkGain("Orthogonal", gain);
        this.gain = gain;
    }

    @Override
    public Tensor initialize(Shape shape, Rng rng) {
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("Orthogonal: expected a shape with at least 2 axes, got " + shape);
        }
        int rows = shape.dim(0);
        int cols = shape.size() / Math.max(rows, 1);
        if (rows == 0 || cols == 0) {
            return Tensor.zeros(shape);
        }
        boolean transpose = rows < cols;
        int m = transpose ? cols : rows;
        int n = transpose ? rows : cols;
        double[] flat = Tensor.randn(rng, rows, cols).toArray();
        // columns of A (m × n), as arrays
        double[][] q = new double[n][m];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = flat[i * cols + j];
                if (transpose) {
                    q[i][j] = v; // A = (rows × cols)ᵀ: column i of A is row i
                } else {
                    q[j][i] = v;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < k; j++) {
                    double r = dot(q[j], q[k]);
                    for (int t = 0; t < m; t++) {
                        q[k][t] -= r * q[j][t];
                    }
                }
            }
            double norm = Math.sqrt(dot(q[k], q[k]));
            if (!(norm > 0)) {
                throw new IllegalStateException("Orthogonal: Gaussian matrix was rank-deficient (probability zero)");
            }
            for (int t = 0; t < m; t++) {
                q[k][t] /= norm;
            }
        }
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = gain * (transpose ? q[i][j] : q[j][i]);
            }
        }
        return Tensor.of(shape, out);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public String toString() {
        return "Orthogonal(gain=" + gain + ")";
    }
}
