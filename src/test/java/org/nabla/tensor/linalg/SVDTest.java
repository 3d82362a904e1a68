package org.nabla.tensor.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nabla.tensor.linalg.TestMatrices.maxAbs;
import static org.nabla.tensor.linalg.TestMatrices.randn;
import static org.nabla.tensor.linalg.TestMatrices.tol;
import static org.nabla.tensor.linalg.TestMatrices.usvt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nabla.tensor.Tensor;

/** SVD by one-sided Jacobi: A = U Σ Vᵀ. */
class SVDTest {

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1,1", "2,2", "5,3", "3,5", "8,8", "30,30"})
    void thinAndFullFactorsReproduceA(int m, int n) {
        Tensor a = randn(400 + m * 31 + n, m, n);
        SVD svd = SVD.of(a);
        int k = Math.min(m, n);
        Tensor u = svd.u();
        Tensor s = svd.s();
        Tensor v = svd.v();
        assertThat(u.dims()).containsExactly(m, k);
        assertThat(s.dims()).containsExactly(k);
        assertThat(v.dims()).containsExactly(n, k);
        TestMatrices.assertOrthonormalColumns("U", u);
        TestMatrices.assertOrthonormalColumns("V", v);
        assertSortedDescendingNonNegative(s.toArray());
        assertThat(maxAbs(usvt(u, s, v).sub(a))).isLessThanOrEqualTo(tol(a));

        Tensor uf = svd.uFull();
        Tensor vf = svd.vFull();
        assertThat(uf.dims()).containsExactly(m, m);
        assertThat(vf.dims()).containsExactly(n, n);
        TestMatrices.assertOrthonormalColumns("full U", uf);
        TestMatrices.assertOrthonormalColumns("full V", vf);
        assertThat(maxAbs(uf.slice(1, 0, k).sub(u))).isZero();
        assertThat(maxAbs(vf.slice(1, 0, k).sub(v))).isZero();
        // Uᵀ A V = Σ (m×n, zero off the diagonal)
        Tensor sigma = uf.transpose().matmul(a).matmul(vf);
        double[][] sg = sigma.toArray2d();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = i == j ? s.toArray()[i] : 0.0;
                assertThat(sg[i][j]).as("(UᵀAV)[%d, %d]", i, j).isCloseTo(expected, within(tol(a)));
            }
        }
        assertThat(SVD.singularValues(a).toArray()).containsExactly(s.toArray());
    }

    @Test
    void singularValuesOfAConstructedMatrixAreAccurateTo1e12Relative() {
        int m = 9;
        int n = 6;
        double[] sigma = {10, 3, 1, 0.5, 0.02, 1e-3};
        Tensor u0 = TestMatrices.orthogonal(11, m).slice(1, 0, n);
        Tensor v0 = TestMatrices.orthogonal(12, n);
        Tensor a = usvt(u0, Tensor.of(sigma), v0);
        for (Tensor x : new Tensor[] {a, a.transpose()}) {
            double[] s = SVD.singularValues(x).toArray();
            for (int i = 0; i < n; i++) {
                assertThat(s[i]).as("σ%d", i).isCloseTo(sigma[i], within(1e-12 * sigma[i]));
            }
        }
    }

    @Test
    void gradedMatrixSingularValuesHaveHighRelativeAccuracy() {
        // A = B D, B Gaussian 6×5, D = diag(1, 1e−5, …, 1e−20): σ spans 21 orders of magnitude, and
        // Jacobi gets every one to high relative accuracy (Demmel & Veselić 1992).
        // Reference: 60-digit mpmath svd_r of this very (double) matrix.
        Tensor d = Tensor.of(1, 1e-5, 1e-10, 1e-15, 1e-20).reshape(1, 5);
        Tensor a = Tensor.randn(new org.nabla.tensor.Rng(3), 6, 5).mul(d);
        double[] expected = {1.8766082668011471, 2.899153385887221e-5, 2.2842509388889642e-10, 2.124110867452577e-15,
            3.2397262022367415e-21};
        double[] s = SVD.singularValues(a).toArray();
        for (int i = 0; i < 5; i++) {
            assertThat(s[i]).as("σ%d", i).isCloseTo(expected[i], within(1e-13 * expected[i]));
        }
    }

    @Test
    void squaredSingularValuesAreTheEigenvaluesOfAtA() {
        Tensor a = randn(13, 5, 3);
        double[] s = SVD.of(a).s().toArray();
        double[] lambda = SymmetricEigen.eigenvalues(TestMatrices.symmetrize(a.transpose().matmul(a))).toArray();
        for (int i = 0; i < 3; i++) {
            assertThat(s[i] * s[i]).isCloseTo(lambda[2 - i], within(1e-12 * s[0] * s[0]));
        }
    }

    @Test
    void twoByTwoClosedForm() {
        // A = [[1, −2], [3, 4]]: AᵀA = [[10, 10], [10, 20]], σ² = 15 ± 5√5
        double[] s = SVD.singularValues(Tensor.of(new double[][] {{1, -2}, {3, 4}})).toArray();
        assertThat(s[0]).isCloseTo(Math.sqrt(15 + 5 * Math.sqrt(5)), within(1e-14));
        assertThat(s[1]).isCloseTo(Math.sqrt(15 - 5 * Math.sqrt(5)), within(1e-14));
    }

    @Test
    void rankDeficientMatrixStillHasOrthonormalSingularVectors() {
        Tensor a = randn(14, 7, 3).matmul(randn(15, 3, 5)); // rank 3
        SVD svd = SVD.of(a);
        double[] s = svd.s().toArray();
        assertThat(s[3]).isLessThan(1e-14 * s[0]);
        assertThat(s[4]).isLessThan(1e-14 * s[0]);
        assertThat(svd.rank()).isEqualTo(3);
        TestMatrices.assertOrthonormalColumns("U", svd.u());
        TestMatrices.assertOrthonormalColumns("V", svd.v());
        TestMatrices.assertOrthonormalColumns("full U", svd.uFull());
        assertThat(maxAbs(usvt(svd.u(), svd.s(), svd.v()).sub(a))).isLessThanOrEqualTo(tol(a));
    }

    @Test
    void zeroMatrixAndZeroColumnsUseCompletedBases() {
        for (int[] shape : new int[][] {{3, 2}, {2, 3}, {4, 4}}) {
            SVD svd = SVD.of(Tensor.zeros(shape));
            assertThat(svd.s().toArray()).containsOnly(0.0);
            TestMatrices.assertOrthonormalColumns("U", svd.u());
            TestMatrices.assertOrthonormalColumns("V", svd.v());
            TestMatrices.assertOrthonormalColumns("full U", svd.uFull());
            TestMatrices.assertOrthonormalColumns("full V", svd.vFull());
            assertThat(svd.rank()).isZero();
            assertThat(svd.cond()).isEqualTo(Double.POSITIVE_INFINITY);
        }
        Tensor a = Tensor.of(new double[][] {{3, 0, 0}, {0, 0, 0}, {0, 0, 4}});
        SVD svd = SVD.of(a);
        assertThat(maxAbs(svd.s().sub(Tensor.of(4, 3, 0)))).isLessThan(1e-15);
        assertThat(svd.s().toArray()[2]).isZero();
        TestMatrices.assertOrthonormalColumns("U", svd.u());
        TestMatrices.assertOrthonormalColumns("V", svd.v());
        assertThat(maxAbs(usvt(svd.u(), svd.s(), svd.v()).sub(a))).isLessThan(tol(a));
    }

    @Test
    void extremeScalesNeitherOverflowNorUnderflow() {
        Tensor a = randn(16, 4, 3);
        double[] s = SVD.singularValues(a).toArray();
        for (double scale : new double[] {1e200, 1e-200}) {
            double[] t = SVD.singularValues(a.mul(scale)).toArray();
            for (int i = 0; i < 3; i++) {
                assertThat(t[i] / scale).isCloseTo(s[i], within(1e-14 * s[0]));
            }
        }
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> SVD.of(Tensor.of(1, 2)))
                .hasMessageContaining("svd: expected a matrix (2 axes), got shape [2]");
        assertThatThrownBy(() -> SVD.singularValues(Tensor.zeros(2, 2, 2)))
                .hasMessageContaining("svdvals: expected a matrix (2 axes), got shape [2, 2, 2]");
        assertThatThrownBy(() -> SVD.of(Tensor.of(new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 0}})))
                .hasMessageContaining("svd: matrix has a non-finite entry A[1, 0] = Infinity");
    }

    static void assertSortedDescendingNonNegative(double[] s) {
        for (int i = 0; i < s.length; i++) {
            assertThat(s[i]).isGreaterThanOrEqualTo(0.0);
            if (i > 0) {
                assertThat(s[i]).isLessThanOrEqualTo(s[i - 1]);
            }
        }
    }
}
