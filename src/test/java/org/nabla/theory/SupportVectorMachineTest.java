package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nabla.io.Npz;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.LU;

/**
 * The SMO support vector machine against scikit-learn's {@code SVC} (src/test/resources/svm/make_svm.py,
 * tol = 1e-10), by its KKT conditions, and in the hard-margin limit against the maximum-margin
 * hyperplane found by enumerating the active sets of the primal quadratic program.
 */
class SupportVectorMachineTest {
    static Map<String, Tensor> ref;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        ref = Npz.read(Paths.get(SupportVectorMachineTest.class.getResource("/svm/svm.npz").toURI()));
    }

    /** The fixture cases, with the kernels and C of make_svm.py. */
    static final Object[][] CASES = {
        {"linear", new Kernel.Linear(), 1.0},
        {"rbf", new Kernel.Gaussian(0.5), 2.0},
        {"poly", new Kernel.Polynomial(0.5, 1.0, 3), 0.5},
    };

    static SupportVectorMachine fitCase(Object[] c, double tol) {
        return SupportVectorMachine.fit(ref.get("x"), ref.get("y"), (Kernel) c[1], (double) c[2], tol);
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    @Test
    void agreesWithScikitLearnSvc() {
        for (Object[] c : CASES) {
            String name = (String) c[0];
            SupportVectorMachine svm = fitCase(c, 1e-10);
            double[] support = ref.get(name + "_support").toArray();
            double[] coef = ref.get(name + "_dual_coef").toArray();
            int n = ref.get("y").dim(0);
            double[] expected = new double[n]; // α_i y_i by index
            for (int r = 0; r < support.length; r++) {
                expected[(int) support[r]] = coef[r];
            }
            int[] mine = svm.supportIndices();
            assertThat(mine).as(name + " support_").containsExactlyInAnyOrder(
                    Arrays.stream(support).mapToInt(v -> (int) v).toArray());
            double[] got = new double[n];
            double[] dc = svm.dualCoefficients().toArray();
            for (int r = 0; r < mine.length; r++) {
                got[mine[r]] = dc[r];
            }
            double scale = maxAbs(expected);
            for (int i = 0; i < n; i++) {
                assertThat(got[i]).as(name + " dual_coef_ of " + i).isCloseTo(expected[i], within(1e-5 * scale));
            }
            double b = ref.get(name + "_intercept").toArray()[0];
            assertThat(svm.intercept()).as(name + " intercept_").isCloseTo(b, within(1e-6 * Math.max(1, Math.abs(b))));
            double[] f = svm.decision(ref.get("xt")).toArray();
            double[] fRef = ref.get(name + "_decision").toArray();
            double fs = Math.max(1, maxAbs(fRef));
            for (int q = 0; q < f.length; q++) {
                assertThat(f[q]).as(name + " decision_function " + q).isCloseTo(fRef[q], within(1e-6 * fs));
            }
        }
    }

    /**
     * The maximal KKT violation max_{I_up} −yᵢGᵢ − min_{I_low} −yⱼGⱼ of dual variables α, in double
     * precision (G = Qα − e).
     */
    static double maximalViolation(Tensor x, double[] y, double[] a, Kernel kernel, double c) {
        double[] k = kernel.gram(x).toArray();
        int n = y.length;
        double up = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double g = -1;
            for (int j = 0; j < n; j++) {
                g += y[i] * y[j] * k[i * n + j] * a[j];
            }
            double v = -y[i] * g;
            if (y[i] == 1 ? a[i] < c : a[i] > 0) {
                up = Math.max(up, v);
            }
            if (y[i] == 1 ? a[i] > 0 : a[i] < c) {
                low = Math.min(low, v);
            }
        }
        return up - low;
    }

    /**
     * LIBSVM keeps the columns of Q in single precision ({@code Qfloat}), so scikit-learn's solution at
     * tol = 1e-10 violates the KKT conditions, measured in double precision, by about 1e-7; SMO here
     * works in double and meets its tolerance.
     */
    @Test
    void scikitLearnsSolutionIsExactOnlyToSinglePrecision() {
        double[] y = ref.get("y").toArray();
        for (Object[] c : CASES) {
            String name = (String) c[0];
            double[] a = new double[y.length];
            double[] support = ref.get(name + "_support").toArray();
            double[] coef = ref.get(name + "_dual_coef").toArray();
            for (int r = 0; r < support.length; r++) {
                a[(int) support[r]] = Math.abs(coef[r]);
            }
            SupportVectorMachine svm = fitCase(c, 1e-10);
            double ours = maximalViolation(ref.get("x"), y, svm.alphas().toArray(), (Kernel) c[1], (double) c[2]);
            double theirs = maximalViolation(ref.get("x"), y, a, (Kernel) c[1], (double) c[2]);
            assertThat(ours).as(name + " here").isLessThan(1e-10);
            assertThat(theirs).as(name + " scikit-learn").isBetween(1e-8, 1e-6);
        }
    }

    @Test
    void kktConditionsHoldAtTheSolution() {
        double[] y = ref.get("y").toArray();
        for (Object[] c : CASES) {
            double cc = (double) c[2];
            SupportVectorMachine svm = fitCase(c, 1e-10);
            double[] a = svm.alphas().toArray();
            double[] margin = svm.functionalMargins().toArray();
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).as("0 ≤ α ≤ C").isBetween(0.0, cc);
                sum += a[i] * y[i];
                if (a[i] == 0) {
                    assertThat(margin[i]).as(c[0] + ": α = 0 ⇒ y f ≥ 1, point " + i).isGreaterThanOrEqualTo(1 - 1e-8);
                } else if (a[i] == cc) {
                    assertThat(margin[i]).as(c[0] + ": α = C ⇒ y f ≤ 1, point " + i).isLessThanOrEqualTo(1 + 1e-8);
                } else {
                    assertThat(margin[i]).as(c[0] + ": 0 < α < C ⇒ y f = 1, point " + i).isCloseTo(1, within(1e-8));
                }
            }
            assertThat(sum).as("Σ αᵢyᵢ").isCloseTo(0, within(1e-8));
            // the decision values at the training points are those of decision(X)
            double[] f = svm.decision(ref.get("x")).toArray();
            double[] ft = svm.trainDecision().toArray();
            for (int i = 0; i < f.length; i++) {
                assertThat(ft[i]).isCloseTo(f[i], within(1e-10));
            }
        }
    }

    @Test
    void theDefaultToleranceIsLooserButCloseToTheSolution() {
        SupportVectorMachine loose = fitCase(CASES[1], SupportVectorMachine.DEFAULT_TOLERANCE);
        SupportVectorMachine tight = fitCase(CASES[1], 1e-10);
        assertThat(loose.iterations()).isLessThan(tight.iterations());
        assertThat(loose.dualObjective()).isGreaterThanOrEqualTo(tight.dualObjective() - 1e-12);
        assertThat(loose.dualObjective()).isCloseTo(tight.dualObjective(), within(1e-3));
    }

    /** Six separable points in the plane. */
    static final double[][] SEPARABLE = {{2, 2}, {3, 1}, {2.5, 3}, {0, 0}, {1, -0.5}, {-1, 1}};
    static final double[] SEPARABLE_Y = {1, 1, 1, -1, -1, -1};

    @Test
    void theHardMarginLimitIsTheMaximumMarginHyperplane() {
        double[] qp = maximumMarginByActiveSets(SEPARABLE, SEPARABLE_Y);
        SupportVectorMachine svm = SupportVectorMachine.fit(Tensor.of(SEPARABLE),
                Tensor.of(SEPARABLE_Y), new Kernel.Linear(), 1e6, 1e-12);
        double[] w = svm.weights().toArray();
        assertThat(w[0]).isCloseTo(qp[0], within(1e-8));
        assertThat(w[1]).isCloseTo(qp[1], within(1e-8));
        assertThat(svm.intercept()).isCloseTo(qp[2], within(1e-8));
        double norm = Math.hypot(qp[0], qp[1]);
        assertThat(svm.marginWidth()).isCloseTo(2 / norm, within(1e-8));
        assertThat(svm.weightNorm()).isCloseTo(Math.hypot(w[0], w[1]), within(1e-12));
        // every functional margin is at least 1 and the support vectors lie on it
        double[] m = svm.functionalMargins().toArray();
        for (int i : svm.supportIndices()) {
            assertThat(m[i]).isCloseTo(1, within(1e-8));
        }
        for (double v : m) {
            assertThat(v).isGreaterThanOrEqualTo(1 - 1e-8);
        }
        assertThat(svm.predict(Tensor.of(SEPARABLE)).toArray()).containsExactly(SEPARABLE_Y);
    }

    /**
     * min ½‖w‖² s.t. yᵢ(⟨w, xᵢ⟩ + b) ≥ 1 in ℝ² by enumeration: for each active set S (2 or 3 points,
     * both classes) solve yᵢ(⟨w, xᵢ⟩ + b) = 1 on S with w = Σ_S αᵢyᵢxᵢ, Σ_S αᵢyᵢ = 0; keep the solutions
     * with α ≥ 0 that satisfy every constraint (the KKT points), and of them the least ‖w‖.
     */
    static double[] maximumMarginByActiveSets(double[][] x, double[] y) {
        int n = x.length;
        double[] best = null;
        double bestNorm = Double.POSITIVE_INFINITY;
        for (int mask = 1; mask < (1 << n); mask++) {
            int size = Integer.bitCount(mask);
            if (size < 2 || size > 3) {
                continue;
            }
            int[] s = new int[size];
            for (int i = 0, r = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    s[r++] = i;
                }
            }
            // unknowns α_S, b: Σ_j α_j y_j y_i ⟨x_j, x_i⟩ + y_i b = 1 (i ∈ S); Σ_j α_j y_j = 0
            double[][] a = new double[size + 1][size + 1];
            double[] rhs = new double[size + 1];
            for (int r = 0; r < size; r++) {
                int i = s[r];
                for (int q = 0; q < size; q++) {
                    int j = s[q];
                    a[r][q] = y[i] * y[j] * (x[i][0] * x[j][0] + x[i][1] * x[j][1]);
                }
                a[r][size] = y[i];
                rhs[r] = 1;
                a[size][r] = y[i];
            }
            Tensor sol;
            try {
                sol = LU.of(Tensor.of(a)).solve(Tensor.of(rhs).reshape(size + 1, 1));
            } catch (RuntimeException singular) {
                continue;
            }
            double[] v = sol.toArray();
            double w0 = 0;
            double w1 = 0;
            boolean ok = true;
            for (int r = 0; r < size; r++) {
                ok &= v[r] >= -1e-12 && Double.isFinite(v[r]);
                w0 += v[r] * y[s[r]] * x[s[r]][0];
                w1 += v[r] * y[s[r]] * x[s[r]][1];
            }
            double b = v[size];
            for (int i = 0; i < n && ok; i++) {
                ok = y[i] * (w0 * x[i][0] + w1 * x[i][1] + b) >= 1 - 1e-12;
            }
            double norm = Math.hypot(w0, w1);
            if (ok && norm < bestNorm) {
                bestNorm = norm;
                best = new double[] {w0, w1, b};
            }
        }
        assertThat(best).as("a feasible active set").isNotNull();
        return best;
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        Tensor x = Tensor.of(SEPARABLE);
        Kernel k = new Kernel.Linear();
        assertThatThrownBy(() -> SupportVectorMachine.fit(x, Tensor.of(1, 1, 0, 0, 0, 0), k, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels must be −1 or +1, got y[2] = 0");
        assertThatThrownBy(() -> SupportVectorMachine.fit(x, Tensor.of(1, 1, 1, 1, 1, 1), k, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both classes");
        assertThatThrownBy(() -> SupportVectorMachine.fit(x, Tensor.of(SEPARABLE_Y), k, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C must be positive");
        assertThatThrownBy(() -> SupportVectorMachine.fit(x, Tensor.of(1, -1, 1), k, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X [6, 2] and y [3]");
        assertThatThrownBy(() -> SupportVectorMachine.fit(x, Tensor.of(SEPARABLE_Y), k, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance");
        SupportVectorMachine rbf = SupportVectorMachine.fit(x, Tensor.of(SEPARABLE_Y), new Kernel.Gaussian(1), 1);
        assertThatThrownBy(rbf::weights).isInstanceOf(IllegalStateException.class).hasMessageContaining("linear kernel only");
        assertThatThrownBy(() -> rbf.decision(Tensor.of(new double[][] {{1, 2, 3}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points must be (q, 2)");
    }
}
