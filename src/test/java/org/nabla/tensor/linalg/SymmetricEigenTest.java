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

/** Symmetric eigendecomposition: A V = V Λ, VᵀV = I, λ ascending. */
class SymmetricEigenTest {

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 2, 3, 8, 30})
    void eigenpairsOfRandomSymmetricMatrices(int n) {
        Tensor a = TestMatrices.symmetrize(TestMatrices.randn(500 + n, n, n));
        SymmetricEigen eig = SymmetricEigen.of(a);
        Tensor lambda = eig.values();
        Tensor v = eig.vectors();
        TestMatrices.assertOrthonormalColumns("V", v);
        assertThat(maxAbs(a.matmul(v).sub(v.mul(lambda.reshape(1, n))))).isLessThanOrEqualTo(tol(a));
        double[] l = lambda.toArray();
        for (int i = 1; i < n; i++) {
            assertThat(l[i]).isGreaterThanOrEqualTo(l[i - 1]);
        }
        assertThat(SymmetricEigen.eigenvalues(a).toArray()).containsExactly(l);
        // trace and Frobenius norm are invariants: Σλ = tr A, Σλ² = ‖A‖_F²
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += a.get(i, i);
        }
        double sum = 0;
        double sumSq = 0;
        for (double x : l) {
            sum += x;
            sumSq += x * x;
        }
        assertThat(sum).isCloseTo(trace, within(tol(a)));
        assertThat(sumSq).isCloseTo(Math.pow(TestMatrices.fro(a), 2), within(tol(a) * TestMatrices.fro(a)));
    }

    @Test
    void repeatedEigenvaluesAreAccurateTo1e12AndTheirEigenspaceIsRecovered() {
        double[] spectrum = {7.5, -3, 1, 1, 1, 2, 2, 1e-9};
        int n = spectrum.length;
        Tensor q = TestMatrices.orthogonal(21, n);
        Tensor a = TestMatrices.symmetrize(q.mul(Tensor.of(spectrum).reshape(1, n)).matmul(q.transpose()));
        SymmetricEigen eig = SymmetricEigen.of(a);
        double[] expected = {-3, 1e-9, 1, 1, 1, 2, 2, 7.5};
        double[] l = eig.values().toArray();
        for (int i = 0; i < n; i++) {
            assertThat(l[i]).as("λ%d", i).isCloseTo(expected[i], within(1e-12 * 7.5));
        }
        Tensor v = eig.vectors();
        TestMatrices.assertOrthonormalColumns("V", v);
        // the eigenspace of λ = 1 (columns 2..4 of q): the orthogonal projectors agree
        Tensor vOnes = v.slice(1, 2, 5);
        Tensor qOnes = q.slice(1, 2, 5);
        Tensor projectorV = vOnes.matmul(vOnes.transpose());
        Tensor projectorQ = qOnes.matmul(qOnes.transpose());
        assertThat(maxAbs(projectorV.sub(projectorQ))).isLessThan(1e-12);
    }

    @Test
    void secondDifferenceMatrixHasItsClosedFormSpectrum() {
        // tridiag(−1, 2, −1) of size n: λₖ = 2 − 2 cos(kπ/(n+1)), k = 1..n
        int n = 20;
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            t[i][i] = 2;
            if (i > 0) {
                t[i][i - 1] = -1;
                t[i - 1][i] = -1;
            }
        }
        double[] l = SymmetricEigen.eigenvalues(Tensor.of(t)).toArray();
        for (int k = 1; k <= n; k++) {
            assertThat(l[k - 1]).isCloseTo(2 - 2 * Math.cos(k * Math.PI / (n + 1)), within(1e-14));
        }
    }

    @Test
    void twoByTwoClosedFormAndDiagonalMatrices() {
        double a = 2;
        double b = -0.75;
        double c = -1;
        double[] l = SymmetricEigen.eigenvalues(Tensor.of(new double[][] {{a, b}, {b, c}})).toArray();
        double mid = (a + c) / 2;
        double rad = Math.hypot((a - c) / 2, b);
        assertThat(l[0]).isCloseTo(mid - rad, within(1e-15));
        assertThat(l[1]).isCloseTo(mid + rad, within(1e-15));

        SymmetricEigen identity = SymmetricEigen.of(Tensor.eye(5));
        assertThat(identity.values().toArray()).containsOnly(1.0);
        TestMatrices.assertOrthonormalColumns("V of I", identity.vectors());

        Tensor d = TestMatrices.diag(Tensor.of(3, -1, 2));
        SymmetricEigen eig = SymmetricEigen.of(d);
        assertThat(eig.values().toArray()).containsExactly(-1, 2, 3);
        assertThat(maxAbs(d.matmul(eig.vectors()).sub(eig.vectors().mul(eig.values().reshape(1, 3))))).isZero();
    }

    @Test
    void extremeScales() {
        Tensor a = TestMatrices.symmetrize(TestMatrices.randn(22, 6, 6));
        double[] l = SymmetricEigen.eigenvalues(a).toArray();
        for (double scale : new double[] {1e250, 1e-250}) {
            double[] t = SymmetricEigen.eigenvalues(a.mul(scale)).toArray();
            for (int i = 0; i < 6; i++) {
                assertThat(t[i] / scale).isCloseTo(l[i], within(1e-13));
            }
        }
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> SymmetricEigen.of(Tensor.of(new double[][] {{1, 2}, {2.5, 1}})))
                .hasMessageContaining("eigh: matrix is not symmetric (A[0, 1] = 2.0 but A[1, 0] = 2.5)");
        assertThatThrownBy(() -> SymmetricEigen.eigenvalues(Tensor.of(new double[][] {{Double.NaN}})))
                .hasMessageContaining("eigvalsh: matrix has a non-finite entry A[0, 0] = NaN");
        assertThatThrownBy(() -> SymmetricEigen.of(Tensor.zeros(2, 3)))
                .hasMessageContaining("eigh: expected a square matrix, got shape [2, 3]");
        assertThatThrownBy(() -> SymmetricEigen.of(Tensor.zeros(3)))
                .hasMessageContaining("eigh: expected a matrix (2 axes), got shape [3]");
    }
}
