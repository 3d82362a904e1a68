package org.nabla.tensor.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nabla.tensor.linalg.TestMatrices.fro;
import static org.nabla.tensor.linalg.TestMatrices.maxAbs;
import static org.nabla.tensor.linalg.TestMatrices.randn;
import static org.nabla.tensor.linalg.TestMatrices.tol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nabla.tensor.Tensor;

/** The Linalg facade: solving, inverses, determinants, rank, condition, pseudo-inverse, norms. */
class LinalgTest {

    // ------------------------------------------------------------------ solve, inverse, det

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 2, 8, 30})
    void solveResidualIsSmall(int n) {
        Tensor a = randn(600 + n, n, n);
        for (Tensor b : new Tensor[] {randn(601 + n, n, 1).reshape(n), randn(602 + n, n, 4)}) {
            Tensor x = Linalg.solve(a, b);
            assertThat(x.dims()).containsExactly(b.dims());
            assertThat(fro(a.matmul(x).sub(b))).isLessThanOrEqualTo(1e-10 * fro(a) * fro(x));
        }
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 2, 8, 30})
    void inverseTimesAIsIdentity(int n) {
        Tensor a = randn(700 + n, n, n);
        Tensor inv = Linalg.inverse(a);
        double bound = 1e-12 * n * Linalg.cond(a);
        assertThat(maxAbs(a.matmul(inv).sub(Tensor.eye(n)))).isLessThanOrEqualTo(bound);
        assertThat(maxAbs(inv.matmul(a).sub(Tensor.eye(n)))).isLessThanOrEqualTo(bound);
    }

    @Test
    void inverseOfTwoByTwoIsTheAdjugateOverTheDeterminant() {
        Tensor a = Tensor.of(new double[][] {{4, 7}, {2, 6}});
        Tensor expected = Tensor.of(new double[][] {{6, -7}, {-2, 4}}).div(10);
        assertThat(maxAbs(Linalg.inverse(a).sub(expected))).isLessThan(1e-15);
        assertThat(Linalg.det(a).item()).isCloseTo(10, within(1e-14));
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {1, 2, 8, 30})
    void detIsMultiplicative(int n) {
        Tensor a = randn(800 + n, n, n);
        Tensor b = randn(900 + n, n, n);
        double detA = Linalg.det(a).item();
        double detB = Linalg.det(b).item();
        double detAB = Linalg.det(a.matmul(b)).item();
        assertThat(detAB).isCloseTo(detA * detB, within(1e-10 * Math.abs(detA * detB)));
        // det Aᵀ = det A, det(cA) = cⁿ det A
        assertThat(Linalg.det(a.transpose()).item()).isCloseTo(detA, within(1e-12 * Math.abs(detA)));
        double scaled = Math.pow(2, n) * detA;
        assertThat(Linalg.det(a.mul(2)).item()).isCloseTo(scaled, within(1e-12 * Math.abs(scaled)));
    }

    @Test
    void slogdetAgreesWithDetAndSurvivesOverflow() {
        Tensor a = randn(17, 6, 6);
        Linalg.SignLogDet sld = Linalg.slogdet(a);
        double det = Linalg.det(a).item();
        assertThat(sld.sign().item()).isEqualTo(Math.signum(det));
        assertThat(sld.logAbsDet().item()).isCloseTo(Math.log(Math.abs(det)), within(1e-12));

        Tensor big = Tensor.eye(50).mul(1e10); // det = 1e500 overflows
        assertThat(Linalg.det(big).item()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Linalg.slogdet(big).logAbsDet().item()).isCloseTo(500 * Math.log(10), within(1e-10));
        assertThat(Linalg.slogdet(big).sign().item()).isEqualTo(1.0);
        Tensor negative = Tensor.of(new double[][] {{0, 2}, {3, 0}});
        assertThat(Linalg.slogdet(negative).sign().item()).isEqualTo(-1.0);
        assertThat(Linalg.slogdet(negative).logAbsDet().item()).isCloseTo(Math.log(6), within(1e-15));

        Tensor singular = Tensor.of(new double[][] {{1, 2}, {2, 4}});
        assertThat(Linalg.det(singular).item()).isEqualTo(0.0);
        assertThat(Linalg.slogdet(singular).sign().item()).isEqualTo(0.0);
        assertThat(Linalg.slogdet(singular).logAbsDet().item()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void illConditionedHilbertMatrix() {
        Tensor h = TestMatrices.hilbert(8);
        // κ₂ of the double-rounded 8×8 Hilbert matrix, 50-digit mpmath eigenvalues: 1.52575756988700473e10
        assertThat(Linalg.cond(h)).isCloseTo(1.5257575698870047e10, within(1e-6 * 1.5257575698870047e10));
        // det of the rounded matrix (mpmath): 2.7370501217557288e-33
        assertThat(Linalg.det(h).item()).isCloseTo(2.7370501217557288e-33, within(1e-6 * 2.7370501217557288e-33));
        Tensor xTrue = Tensor.ones(8);
        Tensor b = h.matmul(xTrue);
        Tensor x = Linalg.solve(h, b);
        // backward stable: tiny residual even though κ ≈ 1.5e10 ...
        assertThat(fro(h.matmul(x).sub(b))).isLessThanOrEqualTo(1e-14 * fro(h) * fro(x));
        // ... while the forward error is only bounded by about κ·ε
        assertThat(fro(x.sub(xTrue)) / fro(xTrue)).isLessThan(1.5e10 * 1e-14 * 100);
        // least squares takes the QR route (full numerical rank) and gives the same answer
        assertThat(Linalg.matrixRank(h)).isEqualTo(8);
        Tensor xLs = Linalg.lstsq(h, b);
        assertThat(fro(h.matmul(xLs).sub(b))).isLessThanOrEqualTo(1e-14 * fro(h) * fro(xLs));
    }

    // ------------------------------------------------------------------ rank, lstsq, pinv, cond

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1,1", "2,2", "5,3", "3,5", "8,8", "30,30"})
    void rankOfRandomAndProductMatrices(int m, int n) {
        assertThat(Linalg.matrixRank(randn(1000 + m + n, m, n))).isEqualTo(Math.min(m, n));
        int r = Math.max(1, Math.min(m, n) - 1);
        Tensor low = randn(1001 + m, m, r).matmul(randn(1002 + n, r, n));
        assertThat(Linalg.matrixRank(low)).isEqualTo(r);
        assertThat(Linalg.matrixRank(Tensor.zeros(m, n))).isZero();
    }

    @Test
    void rankWithAnExplicitTolerance() {
        Tensor d = TestMatrices.diag(Tensor.of(1, 1e-3, 1e-8));
        assertThat(Linalg.matrixRank(d)).isEqualTo(3);
        assertThat(Linalg.matrixRank(d, 1e-6)).isEqualTo(2);
        assertThat(Linalg.matrixRank(d, 1e-2)).isEqualTo(1);
        assertThat(Linalg.cond(d)).isCloseTo(1e8, within(1e-6));
        assertThat(Linalg.cond(TestMatrices.orthogonal(3, 6))).isCloseTo(1.0, within(1e-14));
        // exactly singular: σ_min is 0 or rounding-sized (≈ ε‖A‖), so κ is +∞ or about 1/ε or more
        assertThat(Linalg.cond(Tensor.of(new double[][] {{1, 2}, {2, 4}}))).isGreaterThan(1e15);
        assertThat(Linalg.cond(Tensor.zeros(2, 2))).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1,1", "2,2", "5,3", "8,8", "30,30"})
    void lstsqOfFullColumnRankSatisfiesTheNormalEquations(int m, int n) {
        Tensor a = randn(1100 + m + n, m, n);
        Tensor b = randn(1101 + m + n, m, 2);
        Tensor x = Linalg.lstsq(a, b);
        assertThat(x.dims()).containsExactly(n, 2);
        double bound = 1e-12 * fro(a) * (fro(a) * fro(x) + fro(b));
        assertThat(maxAbs(a.transpose().matmul(a.matmul(x).sub(b)))).isLessThanOrEqualTo(bound);
        if (m == n) {
            assertThat(maxAbs(x.sub(Linalg.solve(a, b)))).isLessThanOrEqualTo(1e-10 * fro(x));
        }
    }

    @Test
    void lstsqOfRankDeficientMatricesIsTheMinimumNormSolution() {
        // rank one, A = 1 [1 1]: every x with x₁ + x₂ = mean(b) = 2 fits best; the shortest is (1, 1)
        Tensor ones = Tensor.ones(3, 2);
        assertThat(maxAbs(Linalg.lstsq(ones, Tensor.of(1, 2, 3)).sub(Tensor.of(1, 1)))).isLessThan(1e-15);
        // underdetermined: x₁ + 2x₂ + 3x₃ = 14 → shortest x = Aᵀ b / ‖A‖² = (1, 2, 3)
        Tensor row = Tensor.of(new double[][] {{1, 2, 3}});
        assertThat(maxAbs(Linalg.lstsq(row, Tensor.of(14)).sub(Tensor.of(1, 2, 3)))).isLessThan(1e-14);

        for (int[] shape : new int[][] {{7, 5}, {4, 6}}) {
            int m = shape[0];
            int n = shape[1];
            Tensor a = randn(31 + m, m, 3).matmul(randn(32 + n, 3, n)); // rank 3
            Tensor b = randn(33, m, 1).reshape(m);
            Tensor x = Linalg.lstsq(a, b);
            // a least-squares solution: Aᵀ(A x − b) = 0
            assertThat(maxAbs(a.transpose().matmul(a.matmul(x).sub(b)))).isLessThan(1e-11 * fro(a) * fro(a) * fro(x));
            // of minimum norm: x is orthogonal to the null space of A (columns 3.. of the full V)
            Tensor nullSpace = SVD.of(a).vFull().slice(1, 3, n);
            assertThat(maxAbs(nullSpace.transpose().matmul(x))).isLessThan(1e-12 * fro(x));
            assertThat(maxAbs(x.sub(Linalg.pinv(a).matmul(b)))).isLessThan(1e-12 * fro(x));
        }
    }

    @Test
    void lstsqWithRcondDropsSmallSingularValues() {
        Tensor d = TestMatrices.diag(Tensor.of(2, 1e-10));
        Tensor b = Tensor.of(2, 1);
        assertThat(maxAbs(Linalg.lstsq(d, b).sub(Tensor.of(1, 1e10)))).isLessThan(1e-3);
        assertThat(maxAbs(Linalg.lstsq(d, b, 1e-6).sub(Tensor.of(1, 0)))).isLessThan(1e-15);
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1,1", "2,2", "5,3", "3,5", "8,8", "30,30"})
    void pinvSatisfiesTheMoorePenroseConditions(int m, int n) {
        for (int rank : new int[] {Math.min(m, n), Math.max(1, Math.min(m, n) / 2)}) {
            Tensor a = randn(1200 + m + n, m, rank).matmul(randn(1201 + m + n, rank, n));
            Tensor x = Linalg.pinv(a);
            assertThat(x.dims()).containsExactly(n, m);
            double t = 1e-10 * Math.max(1, fro(a)) * Math.max(1, fro(x)) * Math.max(1, fro(x));
            assertThat(maxAbs(a.matmul(x).matmul(a).sub(a))).as("A X A = A").isLessThan(t * fro(a));
            assertThat(maxAbs(x.matmul(a).matmul(x).sub(x))).as("X A X = X").isLessThan(t);
            Tensor ax = a.matmul(x);
            Tensor xa = x.matmul(a);
            assertThat(maxAbs(ax.sub(ax.transpose()))).as("(A X)ᵀ = A X").isLessThan(t);
            assertThat(maxAbs(xa.sub(xa.transpose()))).as("(X A)ᵀ = X A").isLessThan(t);
        }
    }

    @Test
    void pinvClosedForms() {
        // rank one A = u vᵀ: A⁺ = Aᵀ / ‖A‖_F²
        Tensor ones = Tensor.ones(3, 2);
        assertThat(maxAbs(Linalg.pinv(ones).sub(ones.transpose().div(6)))).isLessThan(1e-15);
        Tensor a = randn(41, 4, 4);
        assertThat(maxAbs(Linalg.pinv(a).sub(Linalg.inverse(a)))).isLessThan(1e-12 * Linalg.cond(a));
        assertThat(maxAbs(Linalg.pinv(Tensor.zeros(2, 3)))).isZero();
        // rcond: dropping σ = 1e−10 of diag(2, 1e−10)
        Tensor d = TestMatrices.diag(Tensor.of(2, 1e-10));
        assertThat(Linalg.pinv(d, 1e-6).toArray()).containsExactly(0.5, 0, 0, 0);
    }

    // ------------------------------------------------------------------ norms

    @Test
    void matrixNormsOfAFixedMatrix() {
        Tensor a = Tensor.of(new double[][] {{1, -2}, {3, 4}});
        double s1 = Math.sqrt(15 + 5 * Math.sqrt(5));
        double s2 = Math.sqrt(15 - 5 * Math.sqrt(5));
        assertThat(Linalg.norm(a).item()).isCloseTo(Math.sqrt(30), within(1e-15));
        assertThat(Linalg.norm(a, "fro").item()).isCloseTo(Math.sqrt(30), within(1e-15));
        assertThat(Linalg.norm(a, "nuc").item()).isCloseTo(s1 + s2, within(1e-14));
        assertThat(Linalg.norm(a, "2").item()).isCloseTo(s1, within(1e-14));
        assertThat(Linalg.norm(a, "-2").item()).isCloseTo(s2, within(1e-14));
        assertThat(Linalg.norm(a, "1").item()).isEqualTo(6.0);
        assertThat(Linalg.norm(a, "-1").item()).isEqualTo(4.0);
        assertThat(Linalg.norm(a, "inf").item()).isEqualTo(7.0);
        assertThat(Linalg.norm(a, "-inf").item()).isEqualTo(3.0);
        assertThat(Linalg.norm(a, 1).item()).isEqualTo(6.0);
        assertThat(Linalg.norm(a, Double.POSITIVE_INFINITY).item()).isEqualTo(7.0);
        assertThat(Linalg.norm(a, -2).item()).isCloseTo(s2, within(1e-14));
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1,1", "2,2", "5,3", "3,5", "8,8", "30,30"})
    void inducedNormsBoundTheStretchOfEveryVector(int m, int n) {
        Tensor a = randn(1300 + m + n, m, n);
        double[] s = Linalg.svdvals(a).toArray();
        assertThat(Linalg.norm(a, "2").item()).isEqualTo(s[0]);
        double nuc = 0;
        double fro2 = 0;
        for (double x : s) {
            nuc += x;
            fro2 += x * x;
        }
        assertThat(Linalg.norm(a, "nuc").item()).isCloseTo(nuc, within(1e-13 * nuc));
        assertThat(Linalg.norm(a, "fro").item()).isCloseTo(Math.sqrt(fro2), within(1e-13 * fro(a)));
        // ‖A x‖_p ≤ ‖A‖_p ‖x‖_p, with equality at the maximizing basis vector (p = 1) / sign vector (p = ∞)
        Tensor x = randn(1301, n, 1).reshape(n);
        double ax = Linalg.norm(a.matmul(x), 1).item();
        assertThat(ax).isLessThanOrEqualTo(Linalg.norm(a, "1").item() * Linalg.norm(x, 1).item() * (1 + 1e-14));
        double axInf = Linalg.norm(a.matmul(x), "inf").item();
        double boundInf = Linalg.norm(a, "inf").item() * Linalg.norm(x, "inf").item();
        assertThat(axInf).isLessThanOrEqualTo(boundInf * (1 + 1e-14));
        assertThat(Linalg.norm(a.matmul(x)).item()).isLessThanOrEqualTo(s[0] * Linalg.norm(x).item() * (1 + 1e-14));
        assertThat(Linalg.norm(a, "1").item()).isCloseTo(Linalg.norm(a.transpose(), "inf").item(), within(1e-13));
    }

    @Test
    void vectorNorms() {
        Tensor v = Tensor.of(3, -4, 0);
        assertThat(Linalg.norm(v).item()).isEqualTo(5.0);
        assertThat(Linalg.norm(v, "1").item()).isEqualTo(7.0);
        assertThat(Linalg.norm(v, "inf").item()).isEqualTo(4.0);
        assertThat(Linalg.norm(v, "-inf").item()).isEqualTo(0.0);
        assertThat(Linalg.norm(v, 0).item()).isEqualTo(2.0);
        assertThat(Linalg.norm(v, 3).item()).isCloseTo(Math.cbrt(27 + 64), within(1e-14));
        assertThat(Linalg.norm(Tensor.of(1e300, 1e300)).item()).isCloseTo(Math.sqrt(2) * 1e300, within(1e286));
    }

    // ------------------------------------------------------------------ facade decompositions

    @Test
    void facadeDecompositionsHaveTheDocumentedShapes() {
        Tensor a = randn(51, 5, 3);
        Linalg.QrResult thin = Linalg.qr(a);
        assertThat(thin.q().dims()).containsExactly(5, 3);
        assertThat(thin.r().dims()).containsExactly(3, 3);
        Linalg.QrResult full = Linalg.qr(a, true);
        assertThat(full.q().dims()).containsExactly(5, 5);
        assertThat(full.r().dims()).containsExactly(5, 3);
        assertThat(maxAbs(full.q().matmul(full.r()).sub(a))).isLessThan(tol(a));

        Linalg.SvdResult svd = Linalg.svd(a);
        assertThat(svd.u().dims()).containsExactly(5, 3);
        assertThat(svd.s().dims()).containsExactly(3);
        assertThat(svd.v().dims()).containsExactly(3, 3);
        assertThat(maxAbs(svd.u().mul(svd.s().reshape(1, 3)).matmul(svd.vt()).sub(a))).isLessThan(tol(a));
        Linalg.SvdResult svdFull = Linalg.svd(a.transpose(), true);
        assertThat(svdFull.u().dims()).containsExactly(3, 3);
        assertThat(svdFull.v().dims()).containsExactly(5, 5);

        Linalg.LuResult lu = Linalg.lu(a);
        assertThat(maxAbs(lu.p().matmul(a).sub(lu.l().matmul(lu.u())))).isLessThan(tol(a));

        Tensor spd = TestMatrices.spd(52, 4);
        Tensor l = Linalg.cholesky(spd);
        assertThat(maxAbs(l.matmul(l.transpose()).sub(spd))).isLessThan(tol(spd));
        Linalg.EighResult eigh = Linalg.eigh(spd);
        Tensor v = eigh.eigenvectors();
        assertThat(maxAbs(spd.matmul(v).sub(v.mul(eigh.eigenvalues().reshape(1, 4))))).isLessThan(tol(spd));
        assertThat(Linalg.eigvalsh(spd).toArray()).containsExactly(eigh.eigenvalues().toArray());
    }
}
