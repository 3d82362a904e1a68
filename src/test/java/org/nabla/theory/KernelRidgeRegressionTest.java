package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nabla.io.Npz;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.SymmetricEigen;

/**
 * Kernels and kernel ridge regression against scikit-learn's {@code pairwise} kernels and
 * {@code KernelRidge} (src/test/resources/svm/make_svm.py), by the normal equations, and as the solve
 * shared with the Recursive Feature Machine's predictor.
 */
class KernelRidgeRegressionTest {
    static final Object[][] CASES = {
        {"krr_linear", new Kernel.Linear(), 0.5},
        {"krr_rbf", new Kernel.Gaussian(0.5), 0.1},
        {"krr_poly", new Kernel.Polynomial(0.5, 1.0, 2), 0.1},
        {"krr_laplacian", new Kernel.Laplace(0.5), 0.1},
    };

    @Test
    void agreesWithScikitLearnKernelRidge() {
        for (Object[] c : CASES) {
            String name = (String) c[0];
            KernelRidgeRegression krr = KernelRidgeRegression.fit(ref.get("x"), ref.get("t"), (Kernel) c[1], (double) c[2]);
            assertClose(name + " dual_coef_", krr.coefficients().toArray(), ref.get(name + "_alpha").toArray(), 1e-9);
            assertClose(name + " predict", krr.predict(ref.get("xt")).toArray(), ref.get(name + "_predict").toArray(), 1e-9);
            // the normal equations (K + λI)α = y
            Tensor k = ((Kernel) c[1]).gram(ref.get("x"));
            Tensor residual = k.matmul(krr.coefficients()).add(krr.coefficients().mul((double) c[2])).sub(ref.get("t"));
            assertClose(name + " (K + λI)α − y", residual.toArray(), new double[residual.dim(0)], 1e-10);
        }
    }

    static Map<String, Tensor> ref;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        ref = Npz.read(Paths.get(KernelRidgeRegressionTest.class.getResource("/svm/svm.npz").toURI()));
    }

    private static void assertClose(String what, double[] got, double[] expected, double rel) {
        assertThat(got).as(what).hasSameSizeAs(expected);
        double scale = Math.max(1, SupportVectorMachineTest.maxAbs(expected));
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as(what + " [" + i + "]").isCloseTo(expected[i], within(rel * scale));
        }
    }

    @Test
    void kernelsFollowTheirDefinitions() {
        double[] x = {1, -2, 0.5};
        double[] z = {0.5, 1, -1};
        double dot = 0.5 - 2 - 0.5; // −2
        double sq = 0.25 + 9 + 2.25; // ‖x − z‖₂² = 11.5
        double l1 = 0.5 + 3 + 1.5; // ‖x − z‖₁ = 5
        assertThat(new Kernel.Linear().value(x, z)).isEqualTo(dot);
        assertThat(new Kernel.Polynomial(0.5, 2, 3).value(x, z)).isCloseTo(1.0, within(1e-15)); // (−1 + 2)³
        assertThat(new Kernel.Gaussian(0.2).value(x, z)).isCloseTo(Math.exp(-0.2 * sq), within(1e-15));
        assertThat(new Kernel.Laplace(0.2).value(x, z)).isCloseTo(Math.exp(-0.2 * l1), within(1e-15));
        // Gram matrices are symmetric and positive semi-definite
        Tensor pts = Tensor.of(new double[][] {x, z, {0, 0, 1}, {2, 2, 2}});
        for (Kernel k : new Kernel[] {new Kernel.Linear(), new Kernel.Polynomial(1, 1, 2), new Kernel.Gaussian(0.3),
            new Kernel.Laplace(0.3)}) {
            Tensor g = k.gram(pts);
            assertThat(g.toArray()).containsExactly(g.transpose().contiguous().toArray());
            double[] eig = SymmetricEigen.of(g).values().toArray();
            for (double e : eig) {
                assertThat(e).as(k + " eigenvalue").isGreaterThanOrEqualTo(-1e-12);
            }
            assertThat(k.gram(pts, Tensor.of(new double[][] {z})).get(0, 0)).isEqualTo(k.value(x, z));
        }
    }

    @Test
    void theRfmPredictorIsThisRegressionWithTheMahalanobisKernel() {
        Tensor x = ref.get("x");
        Tensor t = ref.get("t");
        double bandwidth = 1.5;
        KernelPredictor rfm = KernelPredictor.fit(x, t, Tensor.eye(2), new RfmKernel.Gaussian(bandwidth), 0.1);
        // M = I: exp(−r²/(2L²)) is the Gaussian kernel with γ = 1/(2L²)
        KernelRidgeRegression krr = KernelRidgeRegression.fit(x, t, new Kernel.Gaussian(1 / (2 * bandwidth * bandwidth)), 0.1);
        assertClose("α", rfm.coefficients().reshape(x.dim(0)).toArray(), krr.coefficients().toArray(), 1e-10);
        assertClose("f(Z)", rfm.predict(ref.get("xt")).reshape(10).toArray(), krr.predict(ref.get("xt")).toArray(), 1e-10);
        assertClose("one solve", KernelRidgeRegression.solve(rfm.trainKernel(), 0.1, t).toArray(),
                rfm.coefficients().reshape(x.dim(0)).toArray(), 0);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        Tensor x = Tensor.of(new double[][] {{0, 1}, {1, 0}});
        assertThatThrownBy(() -> KernelRidgeRegression.fit(x, Tensor.of(1, 2, 3), new Kernel.Linear(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("K [2, 2] and y [3]");
        assertThatThrownBy(() -> KernelRidgeRegression.fit(x, Tensor.of(1, 2), new Kernel.Linear(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ridge λ must be ≥ 0");
        assertThatThrownBy(() -> new Kernel.Gaussian(0)).hasMessageContaining("γ must be positive");
        assertThatThrownBy(() -> new Kernel.Polynomial(1, 0, 0)).hasMessageContaining("degree d ≥ 1");
        assertThatThrownBy(() -> new Kernel.Linear().gram(x, Tensor.of(new double[][] {{1, 2, 3}})))
                .hasMessageContaining("Kernel.gram");
        KernelRidgeRegression krr = KernelRidgeRegression.fit(x, Tensor.of(1, 2), new Kernel.Laplace(1), 0.5);
        assertThatThrownBy(() -> krr.predict(Tensor.of(new double[][] {{1, 2, 3}})))
                .hasMessageContaining("points must be (q, 2)");
    }
}
