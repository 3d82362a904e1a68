package org.nabla.theory;

import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Cholesky;

/**
 * The two predictions of an infinitely wide network on a regression task with training inputs X,
 * targets y and test inputs x, from its kernels K (NNGP) and Θ (NTK), e.g. {@link InfiniteWidthKernels}:
 * <ul>
 *   <li><b>Bayesian inference</b> with the NNGP prior (PDLT (2022) ch. 6; Rasmussen &amp; Williams,
 *       <i>Gaussian Processes for Machine Learning</i>, 2006, eq. (2.23)–(2.24); Lee et al., ICLR 2018):
 * <pre>
 *   mean = K_xX (K_XX + σ²I)⁻¹ y,   covariance = K_xx − K_xX (K_XX + σ²I)⁻¹ K_Xx
 * </pre></li>
 *   <li><b>Gradient descent to convergence on the MSE</b> (PDLT ch. 10, the frozen-NTK limit; Jacot et al.,
 *       NeurIPS 2018; Lee et al., "Wide neural networks of any depth evolve as linear models under gradient
 *       descent", NeurIPS 2019, §2.3–2.4): from the initial function f₀,
 * <pre>
 *   f_∞(x) = f₀(x) + Θ_xX Θ_XX⁻¹ (y − f₀(X)),
 * </pre>
 *       and over initializations, f₀ ~ GP(0, K) (so E f₀ = 0):
 * <pre>
 *   mean = Θ_xX Θ_XX⁻¹ y
 *   covariance = K_xx + Θ_xX Θ⁻¹ K_XX Θ⁻¹ Θ_Xx − (Θ_xX Θ⁻¹ K_Xx + K_xX Θ⁻¹ Θ_Xx)
 * </pre>
 *       When Θ = K (training only the last layer of a network whose features are frozen) both
 *       predictions coincide at σ² = 0.</li>
 * </ul>
 * Every inverse is applied through a {@link Cholesky} factorization of K_XX + σ²I or Θ_XX.
 */
public final class InfiniteWidthPrediction {
    private InfiniteWidthPrediction() {
    }

    /** A predictive mean (t) or (t, c) and covariance (t, t) at the test inputs. */
    public record Prediction(Tensor mean, Tensor covariance) {
        /** The predictive variances, the diagonal of the covariance, clipped at 0 against rounding. */
        public double[] variance() {
            int t = covariance.dim(0);
            double[] v = new double[t];
            for (int i = 0; i < t; i++) {
                v[i] = Math.max(0.0, covariance.get(i, i));
            }
            return v;
        }
    }

    /**
     * The NNGP posterior with observation noise σ² ≥ 0 (σ² = 0: exact interpolation; K_XX must then be
     * positive definite).
     *
     * @param kTrain K_XX (m, m)
     * @param kTestTrain K_xX (t, m)
     * @param kTest K_xx (t, t)
     * @param y targets (m) or (m, c)
     */
    public static Prediction nngpPosterior(Tensor kTrain, Tensor kTestTrain, Tensor kTest, Tensor y, double noise) {
        check(kTrain, kTestTrain, kTest, y, "nngpPosterior");
        if (!(noise >= 0)) {
            throw new IllegalArgumentException("nngpPosterior: noise variance must be >= 0, got " + noise);
        }
        Cholesky c = Cholesky.of(noise == 0 ? kTrain : kTrain.add(Tensor.eye(kTrain.dim(0)).mul(noise)));
        Tensor mean = kTestTrain.matmul(c.solve(y));
        Tensor cov = kTest.sub(kTestTrain.matmul(c.solve(kTestTrain.transpose())));
        return new Prediction(mean, symmetrize(cov));
    }

    /** f_∞(x) = f₀(x) + Θ_xX Θ_XX⁻¹ (y − f₀(X)) for one network's initial outputs f₀ on X and on x. */
    public static Tensor ntkTrained(Tensor thetaTrain, Tensor thetaTestTrain, Tensor y, Tensor f0Train, Tensor f0Test) {
        check(thetaTrain, thetaTestTrain, null, y, "ntkTrained");
        if (!f0Train.shape().equals(y.shape()) || f0Test.dim(0) != thetaTestTrain.dim(0)) {
            throw new IllegalArgumentException("ntkTrained: f0 on X must have the shape of y " + y.shape() + " and f0 on x "
                    + thetaTestTrain.dim(0) + " rows, got " + f0Train.shape() + " and " + f0Test.shape());
        }
        return f0Test.add(thetaTestTrain.matmul(Cholesky.of(thetaTrain).solve(y.sub(f0Train))));
    }

    /** The mean and covariance of f_∞ over initializations (f₀ ~ GP(0, K)). */
    public static Prediction ntkEnsemble(Tensor thetaTrain, Tensor thetaTestTrain, Tensor kTrain, Tensor kTestTrain, Tensor kTest,
            Tensor y) {
        check(thetaTrain, thetaTestTrain, kTest, y, "ntkEnsemble");
        check(kTrain, kTestTrain, kTest, y, "ntkEnsemble");
        Cholesky c = Cholesky.of(thetaTrain);
        Tensor a = c.solve(thetaTestTrain.transpose()).transpose(); // Θ_xX Θ⁻¹  (t, m)
        Tensor mean = a.matmul(y);
        Tensor cross = a.matmul(kTestTrain.transpose()); // Θ_xX Θ⁻¹ K_Xx
        Tensor cov = kTest.add(a.matmul(kTrain).matmul(a.transpose())).sub(cross).sub(cross.transpose());
        return new Prediction(mean, symmetrize(cov));
    }

    /** Both predictions for a network (activation, C_b, C_W, depth) from its infinite-width kernels. */
    public record Both(Prediction nngp, Prediction ntk) {
    }

    /**
     * The NNGP posterior (noise σ²) and the NTK gradient-descent ensemble of the depth-L network, from
     * {@link InfiniteWidthKernels} of the output layer on the stacked inputs [X; x].
     */
    public static Both of(ScalarActivation a, double cB, double cW, int depth, Tensor xTrain, Tensor y, Tensor xTest,
            double noise) {
        int m = xTrain.dim(0);
        int t = xTest.dim(0);
        InfiniteWidthKernels.Kernels k = InfiniteWidthKernels.of(a, cB, cW, Tensor.concat(0, xTrain, xTest), depth);
        Tensor kk = k.lastNngp();
        Tensor th = k.lastNtk();
        Tensor kTrain = kk.slice(0, 0, m).slice(1, 0, m);
        Tensor kTestTrain = kk.slice(0, m, m + t).slice(1, 0, m);
        Tensor kTest = kk.slice(0, m, m + t).slice(1, m, m + t);
        Tensor thTrain = th.slice(0, 0, m).slice(1, 0, m);
        Tensor thTestTrain = th.slice(0, m, m + t).slice(1, 0, m);
        return new Both(nngpPosterior(kTrain, kTestTrain, kTest, y, noise),
                ntkEnsemble(thTrain, thTestTrain, kTrain, kTestTrain, kTest, y));
    }

    private static void check(Tensor train, Tensor testTrain, Tensor test, Tensor y, String op) {
        int m = train.dim(0);
        boolean ok = train.rank() == 2 && train.dim(1) == m && testTrain.rank() == 2 && testTrain.dim(1) == m
                && y.dim(0) == m && (test == null || test.rank() == 2 && test.dim(0) == testTrain.dim(0)
                    && test.dim(1) == testTrain.dim(0));
        if (!ok) {
            throw new IllegalArgumentException(op + ": expected kernel blocks (m, m), (t, m), (t, t) and y (m) or (m, c), got "
                    + train.shape() + ", " + testTrain.shape() + ", " + (test == null ? "-" : test.shape()) + ", " + y.shape());
        }
    }

    private static Tensor symmetrize(Tensor a) {
        return a.add(a.transpose()).mul(0.5);
    }
}
