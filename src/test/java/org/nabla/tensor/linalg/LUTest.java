package org.nabla.tensor.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nabla.tensor.linalg.TestMatrices.maxAbs;
import static org.nabla.tensor.linalg.TestMatrices.randn;
import static org.nabla.tensor.linalg.TestMatrices.tol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nabla.tensor.Tensor;

/** LU with partial pivoting: P A = L U, solve, det. */
class LUTest {

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1,1", "2,2", "5,3", "3,5", "8,8", "30,30"})
    void pivotedProductEqualsLowerTimesUpper(int m, int n) {
        Tensor a = randn(100 + m * 31 + n, m, n);
        LU lu = LU.of(a);
        Tensor l = lu.l();
        Tensor u = lu.u();
        int k = Math.min(m, n);
        assertThat(l.dims()).containsExactly(m, k);
        assertThat(u.dims()).containsExactly(k, n);
        assertThat(maxAbs(lu.p().matmul(a).sub(l.matmul(u)))).isLessThanOrEqualTo(tol(a));
        TestMatrices.assertLowerTriangular("L", l);
        TestMatrices.assertUpperTriangular("U", u);
        for (int i = 0; i < k; i++) {
            assertThat(l.get(i, i)).isEqualTo(1.0);
        }
        // partial pivoting bounds the multipliers: |lᵢⱼ| ≤ 1
        assertThat(maxAbs(l)).isLessThanOrEqualTo(1.0);
        // P is a permutation matrix matching pivots()
        int[] piv = lu.pivots();
        Tensor p = lu.p();
        for (int i = 0; i < m; i++) {
            assertThat(p.get(i, piv[i])).isEqualTo(1.0);
        }
        assertThat(maxAbs(p.matmul(p.transpose()).sub(Tensor.eye(m)))).isZero();
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 2, 8, 30})
    void solveHasSmallResidual(int n) {
        Tensor a = randn(7 + n, n, n);
        Tensor b = randn(8 + n, n, 3);
        Tensor x = LU.of(a).solve(b);
        double residual = TestMatrices.fro(a.matmul(x).sub(b));
        assertThat(residual).isLessThanOrEqualTo(1e-10 * TestMatrices.fro(a) * TestMatrices.fro(x));
        Tensor bv = randn(9 + n, n, 1).reshape(n);
        Tensor xv = LU.of(a).solve(bv);
        assertThat(xv.dims()).containsExactly(n);
        assertThat(TestMatrices.fro(a.matmul(xv).sub(bv)))
                .isLessThanOrEqualTo(1e-10 * TestMatrices.fro(a) * TestMatrices.fro(xv));
    }

    @Test
    void detOfSmallMatricesMatchesTheLeibnizFormula() {
        Tensor a = randn(3, 3, 3);
        double[][] m = a.toArray2d();
        double leibniz = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        assertThat(LU.of(a).det()).isCloseTo(leibniz, within(1e-14 * Math.abs(leibniz) + 1e-15));
        assertThat(LU.of(Tensor.of(new double[][] {{0, 1}, {1, 0}})).det()).isEqualTo(-1.0);
        assertThat(LU.of(Tensor.of(new double[][] {{-2.5}})).det()).isEqualTo(-2.5);
    }

    @Test
    void singularMatrixFactorsButCannotBeSolved() {
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {2, 4, 6}, {1, 1, 1}});
        LU lu = LU.of(a);
        assertThat(lu.isSingular()).isTrue();
        assertThat(lu.det()).isEqualTo(0.0);
        assertThat(lu.logAbsDet()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(lu.detSign()).isEqualTo(0.0);
        assertThat(maxAbs(lu.p().matmul(a).sub(lu.l().matmul(lu.u())))).isZero();
        assertThatThrownBy(() -> lu.solve(Tensor.of(1, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("solve: matrix is singular (pivot 2 is 0.0)");
        assertThatThrownBy(lu::inverse).hasMessageContaining("inverse: matrix is singular (pivot 2 is 0.0)");
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> LU.of(Tensor.of(1, 2, 3)))
                .hasMessageContaining("LU: expected a matrix (2 axes), got shape [3]");
        LU wide = LU.of(randn(1, 3, 4));
        assertThatThrownBy(wide::det).hasMessageContaining("det: expected a square matrix, got shape [3, 4]");
        assertThatThrownBy(wide::logAbsDet).hasMessageContaining("slogdet: expected a square matrix, got shape [3, 4]");
        assertThatThrownBy(wide::detSign).hasMessageContaining("slogdet: expected a square matrix, got shape [3, 4]");
        assertThatThrownBy(wide::inverse).hasMessageContaining("inverse: expected a square matrix, got shape [3, 4]");
        assertThatThrownBy(() -> wide.solve(Tensor.of(1, 2, 3)))
                .hasMessageContaining("solve: expected a square matrix, got shape [3, 4]");
        LU square = LU.of(randn(2, 3, 3));
        assertThatThrownBy(() -> square.solve(Tensor.of(1, 2)))
                .hasMessageContaining("A has shape [3, 3] but b has shape [2]");
        assertThatThrownBy(() -> square.solve(Tensor.zeros(3, 1, 1)))
                .hasMessageContaining("A has shape [3, 3] but b has shape [3, 1, 1]");
    }
}
