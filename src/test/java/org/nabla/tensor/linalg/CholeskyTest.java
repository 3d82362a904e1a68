package org.nabla.tensor.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nabla.tensor.linalg.TestMatrices.maxAbs;
import static org.nabla.tensor.linalg.TestMatrices.tol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nabla.tensor.Tensor;

/** Cholesky: A = L Lᵀ for symmetric positive definite A. */
class CholeskyTest {

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 2, 8, 30})
    void lowerFactorTimesItsTransposeIsA(int n) {
        Tensor a = TestMatrices.spd(300 + n, n);
        Cholesky ch = Cholesky.of(a);
        Tensor l = ch.l();
        TestMatrices.assertLowerTriangular("L", l);
        for (int i = 0; i < n; i++) {
            assertThat(l.get(i, i)).isPositive();
        }
        assertThat(maxAbs(l.matmul(l.transpose()).sub(a))).isLessThanOrEqualTo(tol(a));
        // log det A = 2 Σ log lᵢᵢ agrees with LU
        assertThat(ch.logDet()).isCloseTo(LU.of(a).logAbsDet(), within(1e-12 * Math.max(1, Math.abs(ch.logDet()))));
        Tensor b = TestMatrices.randn(301 + n, n, 2);
        Tensor x = ch.solve(b);
        assertThat(TestMatrices.fro(a.matmul(x).sub(b)))
                .isLessThanOrEqualTo(1e-10 * TestMatrices.fro(a) * TestMatrices.fro(x));
    }

    @Test
    void knownFactor() {
        // [[4, 2], [2, 5]] = [[2, 0], [1, 2]] [[2, 1], [0, 2]]
        Tensor l = Cholesky.of(Tensor.of(new double[][] {{4, 2}, {2, 5}})).l();
        assertThat(l.toArray()).containsExactly(2, 0, 1, 2);
    }

    @Test
    void readsOnlyTheLowerTriangleOfANearlySymmetricMatrix() {
        Tensor a = Tensor.of(new double[][] {{4, 2 + 1e-14}, {2, 5}});
        assertThat(Cholesky.of(a).l().toArray()).containsExactly(2, 0, 1, 2);
    }

    @Test
    void errorsNameThePivotOrTheAsymmetricPair() {
        assertThatThrownBy(() -> Cholesky.of(Tensor.of(new double[][] {{1, 2}, {2, 1}})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cholesky: matrix is not positive definite (pivot 1 is -3.0)");
        assertThatThrownBy(() -> Cholesky.of(Tensor.of(new double[][] {{-1, 0}, {0, 1}})))
                .hasMessageContaining("not positive definite (pivot 0 is -1.0)");
        assertThatThrownBy(() -> Cholesky.of(Tensor.of(new double[][] {{1, 1}, {1, 1}})))
                .hasMessageContaining("not positive definite (pivot 1 is 0.0)");
        assertThatThrownBy(() -> Cholesky.of(Tensor.of(new double[][] {{1, 2}, {3, 4}})))
                .hasMessageContaining("cholesky: matrix is not symmetric (A[0, 1] = 2.0 but A[1, 0] = 3.0)");
        assertThatThrownBy(() -> Cholesky.of(Tensor.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}})))
                .hasMessageContaining("cholesky: matrix has a non-finite entry A[0, 1] = NaN");
        assertThatThrownBy(() -> Cholesky.of(Tensor.zeros(2, 3)))
                .hasMessageContaining("cholesky: expected a square matrix, got shape [2, 3]");
        assertThatThrownBy(() -> Cholesky.of(Tensor.zeros(3)))
                .hasMessageContaining("cholesky: expected a matrix (2 axes), got shape [3]");
        Cholesky ch = Cholesky.of(Tensor.eye(2));
        assertThatThrownBy(() -> ch.solve(Tensor.of(1, 2, 3)))
                .hasMessageContaining("Cholesky.solve: A has shape [2, 2] but b has shape [3]");
    }
}
