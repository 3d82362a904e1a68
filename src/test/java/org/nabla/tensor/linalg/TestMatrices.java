package org.nabla.tensor.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/** Seeded test matrices and the checks shared by the linear-algebra tests. */
final class TestMatrices {
    static final double EPS = Math.ulp(1.0);

    private TestMatrices() {
    }

    /** An m×n matrix of N(0, 1) entries. */
    static Tensor randn(long seed, int m, int n) {
        return Tensor.randn(new Rng(seed), m, n);
    }

    /** A symmetric positive definite n×n matrix M Mᵀ + n I. */
    static Tensor spd(long seed, int n) {
        Tensor m = randn(seed, n, n);
        Tensor a = m.matmul(m.transpose()).add(Tensor.eye(n).mul(n));
        return symmetrize(a);
    }

    /** (A + Aᵀ)/2, exactly symmetric. */
    static Tensor symmetrize(Tensor a) {
        return a.add(a.transpose()).mul(0.5);
    }

    /** A random orthogonal n×n matrix (the Q of the QR of a Gaussian matrix). */
    static Tensor orthogonal(long seed, int n) {
        return QR.of(randn(seed, n, n)).q();
    }

    /** The n×n Hilbert matrix hᵢⱼ = 1/(i + j + 1). */
    static Tensor hilbert(int n) {
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] = 1.0 / (i + j + 1);
            }
        }
        return Tensor.of(h);
    }

    /** max |tᵢ| (0 for an empty tensor). */
    static double maxAbs(Tensor t) {
        double m = 0;
        for (double x : t.toArray()) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** The Frobenius norm, computed directly from the definition. */
    static double fro(Tensor t) {
        double s = 0;
        for (double x : t.toArray()) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** Tolerance c · max(m, n) · ε · max(1, ‖A‖_F) for identities that hold in exact arithmetic. */
    static double tol(Tensor a) {
        return 50 * Math.max(a.dim(-1), a.dim(-2)) * EPS * Math.max(1, fro(a));
    }

    /** Asserts QᵀQ = I to within 1e-13 · (columns). */
    static void assertOrthonormalColumns(String what, Tensor q) {
        int k = q.dim(1);
        double err = maxAbs(q.transpose().matmul(q).sub(Tensor.eye(k)));
        assertThat(err).as(what + ": max |QᵀQ − I|").isLessThanOrEqualTo(1e-14 * Math.max(10, q.dim(0)));
    }

    /** Asserts aᵢⱼ = 0 for i &gt; j. */
    static void assertUpperTriangular(String what, Tensor r) {
        double[][] a = r.toArray2d();
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < Math.min(i, a[i].length); j++) {
                assertThat(a[i][j]).as(what + "[" + i + ", " + j + "]").isEqualTo(0.0);
            }
        }
    }

    /** Asserts aᵢⱼ = 0 for i &lt; j. */
    static void assertLowerTriangular(String what, Tensor l) {
        assertUpperTriangular(what + "ᵀ", l.transpose().contiguous());
    }

    /** diag(v) for a vector v. */
    static Tensor diag(Tensor v) {
        double[] x = v.toArray();
        int n = x.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            d[i][i] = x[i];
        }
        return Tensor.of(d);
    }

    /** U diag(σ) Vᵀ for U (m×k), σ (k), V (n×k). */
    static Tensor usvt(Tensor u, Tensor s, Tensor v) {
        return u.mul(s.reshape(1, s.dim(0))).matmul(v.transpose());
    }
}
