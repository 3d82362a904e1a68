package org.nabla.tensor.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nabla.tensor.linalg.TestMatrices.maxAbs;
import static org.nabla.tensor.linalg.TestMatrices.randn;
import static org.nabla.tensor.linalg.TestMatrices.tol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nabla.tensor.Tensor;

/** Householder QR: A = Q R, thin and full. */
class QRTest {

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1,1", "2,2", "5,3", "3,5", "8,8", "30,30"})
    void thinAndFullFactorsReproduceA(int m, int n) {
        Tensor a = randn(200 + m * 31 + n, m, n);
        QR qr = QR.of(a);
        int k = Math.min(m, n);
        Tensor q = qr.q();
        Tensor r = qr.r();
        assertThat(q.dims()).containsExactly(m, k);
        assertThat(r.dims()).containsExactly(k, n);
        TestMatrices.assertOrthonormalColumns("thin Q", q);
        TestMatrices.assertUpperTriangular("thin R", r);
        assertThat(maxAbs(q.matmul(r).sub(a))).isLessThanOrEqualTo(tol(a));

        Tensor qf = qr.qFull();
        Tensor rf = qr.rFull();
        assertThat(qf.dims()).containsExactly(m, m);
        assertThat(rf.dims()).containsExactly(m, n);
        TestMatrices.assertOrthonormalColumns("full Q", qf);
        assertThat(maxAbs(qf.matmul(qf.transpose()).sub(Tensor.eye(m)))).isLessThanOrEqualTo(1e-14 * Math.max(10, m));
        TestMatrices.assertUpperTriangular("full R", rf);
        assertThat(maxAbs(qf.matmul(rf).sub(a))).isLessThanOrEqualTo(tol(a));
        // the thin factors are the leading columns / rows of the full ones
        assertThat(maxAbs(qf.slice(1, 0, k).sub(q))).isZero();
        assertThat(maxAbs(rf.slice(0, 0, k).sub(r))).isZero();
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1,1", "2,2", "5,3", "3,5", "8,8", "30,30"})
    void columnPivotingGivesADecreasingDiagonal(int m, int n) {
        Tensor a = randn(250 + m * 31 + n, m, n);
        QR qr = QR.withColumnPivoting(a);
        Tensor pi = qr.permutationMatrix();
        int[] perm = qr.columnPermutation();
        for (int j = 0; j < n; j++) {
            assertThat(pi.get(perm[j], j)).isEqualTo(1.0);
        }
        TestMatrices.assertOrthonormalColumns("Q", qr.q());
        TestMatrices.assertUpperTriangular("R", qr.r());
        assertThat(maxAbs(a.matmul(pi).sub(qr.q().matmul(qr.r())))).isLessThanOrEqualTo(tol(a));
        Tensor r = qr.r();
        for (int j = 1; j < Math.min(m, n); j++) {
            assertThat(Math.abs(r.get(j, j))).isLessThanOrEqualTo(Math.abs(r.get(j - 1, j - 1)));
        }
        if (m >= n) {
            Tensor b = randn(251 + m, m, 2);
            assertThat(maxAbs(qr.solve(b).sub(QR.of(a).solve(b)))).isLessThan(1e-10);
        }
    }

    @Test
    void columnPivotingRevealsRank() {
        // columns 0 and 2 are multiples of column 1: rank 2, and |r₂₂| is at rounding level
        Tensor a = Tensor.of(new double[][] {{1, 2, 4, 0}, {2, 4, 8, 1}, {3, 6, 12, 0}, {1, 2, 4, 5}});
        Tensor r = QR.withColumnPivoting(a).r();
        assertThat(Math.abs(r.get(1, 1))).isGreaterThan(1.0);
        assertThat(Math.abs(r.get(2, 2))).isLessThan(1e-14 * Math.abs(r.get(0, 0)));
        assertThat(QR.withColumnPivoting(a).columnPermutation()[0]).isEqualTo(2);
        assertThat(maxAbs(QR.of(a).permutationMatrix().sub(Tensor.eye(4)))).isZero();
    }

    @Test
    void diagonalSignsFollowLapack() {
        // r₀₀ = −sign(a₀₀)‖a₀‖ (the reflection adds sign(x₁)‖x‖e₁), as dgeqrf and torch.linalg.qr
        Tensor a = Tensor.of(new double[][] {{3, 1}, {4, 2}});
        Tensor r = QR.of(a).r();
        assertThat(r.get(0, 0)).isCloseTo(-5.0, org.assertj.core.api.Assertions.within(1e-15));
        // a column already of the form (α, 0)ᵀ is left alone: R = A for an upper-triangular A
        Tensor upper = Tensor.of(new double[][] {{2, 1}, {0, -3}});
        QR qr = QR.of(upper);
        assertThat(maxAbs(qr.r().sub(upper))).isZero();
        assertThat(maxAbs(qr.q().sub(Tensor.eye(2)))).isZero();
    }

    @Test
    void leastSquaresMatchesNormalEquations() {
        Tensor a = randn(5, 12, 4);
        Tensor b = randn(6, 12, 2);
        Tensor x = QR.of(a).solve(b);
        // Aᵀ(A x − b) = 0 at the least-squares solution
        Tensor gradient = a.transpose().matmul(a.matmul(x).sub(b));
        assertThat(maxAbs(gradient)).isLessThan(1e-12);
        // independent route: x = (AᵀA)⁻¹ Aᵀ b by Cholesky of the normal equations (well conditioned here)
        Tensor xNormal = Cholesky.of(TestMatrices.symmetrize(a.transpose().matmul(a))).solve(a.transpose().matmul(b));
        assertThat(maxAbs(x.sub(xNormal))).isLessThan(1e-12);
        Tensor bv = randn(7, 12, 1).reshape(12);
        assertThat(QR.of(a).solve(bv).dims()).containsExactly(4);
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> QR.of(Tensor.of(1, 2)))
                .hasMessageContaining("QR: expected a matrix (2 axes), got shape [2]");
        assertThatThrownBy(() -> QR.withColumnPivoting(Tensor.zeros(2, 2, 2)))
                .hasMessageContaining("QR: expected a matrix (2 axes), got shape [2, 2, 2]");
        assertThatThrownBy(() -> QR.of(randn(1, 3, 5)).solve(Tensor.of(1, 2, 3)))
                .hasMessageContaining("least squares by QR needs at least as many rows as columns, got shape [3, 5]");
        assertThatThrownBy(() -> QR.of(randn(1, 5, 3)).solve(Tensor.of(1, 2, 3)))
                .hasMessageContaining("QR.solve: A has shape [5, 3] but b has shape [3]");
        Tensor rankDeficient = Tensor.of(new double[][] {{1, 0}, {1, 0}, {1, 0}});
        assertThatThrownBy(() -> QR.of(rankDeficient).solve(Tensor.of(1, 2, 3)))
                .hasMessageContaining("QR.solve: R is singular (r[1, 1] = 0.0)")
                .hasMessageContaining("Linalg.lstsq");
    }
}
