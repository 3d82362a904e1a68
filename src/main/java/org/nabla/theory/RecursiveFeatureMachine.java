package org.nabla.theory;

import java.util.ArrayList;
import java.util.List;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Cholesky;

/**
 * The Recursive Feature Machine (Radhakrishnan, Beaglehole, Pandit &amp; Belkin, "Mechanism for
 * feature learning in neural networks and backpropagation-free machine learning models", Science 383,
 * 2024, Algorithm 1): a kernel machine that learns features by alternating a ridge fit with the AGOP.
 * <pre>
 *   K_M(x, z) = exp(−‖x − z‖_M / L),   ‖u‖_M = √(uᵀ M u)                   (Laplace kernel, M ⪰ 0)
 *   α = (K_M(X, X) + λI)⁻¹ y                                              (Cholesky)
 *   f(x) = Σᵢ αᵢ K_M(x, xᵢ)
 *   ∇ₓK_M(x, xᵢ) = −(1/L) K_M(x, xᵢ) M(x − xᵢ) / ‖x − xᵢ‖_M               (taken as 0 at x = xᵢ)
 *   M ← (1/n) Σⱼ Σ_c ∇f_c(xⱼ) ∇f_c(xⱼ)ᵀ                                   (AGOP over the training points)
 * </pre>
 * starting from M = I, for T rounds. Everything is vectorized over tensors: with Wⱼᵢ = K_M(xⱼ, xᵢ) /
 * ‖xⱼ − xᵢ‖_M (0 on the diagonal), the gradients of output c at all training points are
 * G_c = −(1/L) ((W α_c) ⊙ X − W (α_c ⊙ X)) M, so a round costs a Cholesky factorization (n³/3) and
 * O(n²(d + c·d)) for the gradients.
 */
public final class RecursiveFeatureMachine {
    private RecursiveFeatureMachine() {
    }

    /** The outcome of {@link #train}: one entry per fit, the first with M = I. */
    public record Result(List<Tensor> featureMatrices, double[] trainMse, double[] testMse, Tensor testPredictions,
            Tensor coefficients) {
        /** The feature matrix after the last round. */
        public Tensor finalFeatureMatrix() {
            return featureMatrices.isEmpty() ? null : featureMatrices.get(featureMatrices.size() - 1);
        }
    }

    /** ‖xᵢ − zⱼ‖_M for all pairs, an n×m matrix (squared distances clamped at 0 before the root). */
    public static Tensor mahalanobisDistances(Tensor x, Tensor z, Tensor m) {
        int n = x.dim(0);
        int k = z.dim(0);
        Tensor xm = x.matmul(m);
        double[] xx = xm.mul(x).sum(1).toArray();
        double[] zz = z.matmul(m).mul(z).sum(1).toArray();
        double[] g = xm.matmul(z.transpose().contiguous()).toArray();
        for (int i = 0; i < n; i++) {
            int row = i * k;
            for (int j = 0; j < k; j++) {
                g[row + j] = Math.sqrt(Math.max(xx[i] + zz[j] - 2 * g[row + j], 0.0));
            }
        }
        return Tensor.of(new int[] {n, k}, g);
    }

    /** The Laplace kernel matrix K_M(X, Z) with bandwidth L. */
    public static Tensor laplaceKernel(Tensor x, Tensor z, Tensor m, double bandwidth) {
        return expOfScaled(mahalanobisDistances(x, z, m).toArray(), x.dim(0), z.dim(0), bandwidth);
    }

    /** α = (K_M(X, X) + λI)⁻¹ y by Cholesky; y of shape (n) or (n, c). */
    public static Tensor fit(Tensor x, Tensor y, Tensor m, double bandwidth, double ridge) {
        Tensor k = trainKernel(x, m, bandwidth);
        return Cholesky.of(k.add(Tensor.eye(x.dim(0)).mul(ridge))).solve(y);
    }

    /** f(Z) = K_M(Z, X) α. */
    public static Tensor predict(Tensor z, Tensor x, Tensor alpha, Tensor m, double bandwidth) {
        return laplaceKernel(z, x, m, bandwidth).matmul(alpha);
    }

    /**
     * The AGOP (1/n) Σⱼ Σ_c ∇f_c(xⱼ)∇f_c(xⱼ)ᵀ of the fitted predictor over its own training points X,
     * the gradient of K_M(·, xⱼ) at xⱼ itself taken as 0.
     */
    public static Tensor agop(Tensor x, Tensor alpha, Tensor m, double bandwidth) {
        int n = x.dim(0);
        double[] w = mahalanobisDistances(x, x, m).toArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int ij = i * n + j;
                w[ij] = i == j || w[ij] == 0 ? 0.0 : Math.exp(-w[ij] / bandwidth) / w[ij];
            }
        }
        Tensor wt = Tensor.of(new int[] {n, n}, w);
        Tensor a = alpha.rank() == 1 ? alpha.reshape(n, 1) : alpha;
        int c = a.dim(1);
        Tensor wa = wt.matmul(a); // (n, c): Σᵢ Wⱼᵢ αᵢ_c
        java.util.List<Tensor> scaled = new java.util.ArrayList<>();
        for (int k = 0; k < c; k++) {
            scaled.add(x.mul(a.slice(1, k, k + 1)));
        }
        Tensor wax = wt.matmul(Tensor.concat(1, scaled)); // (n, c·d): Σᵢ Wⱼᵢ αᵢ_c xᵢ
        int d = x.dim(1);
        Tensor sum = null;
        for (int k = 0; k < c; k++) {
            Tensor g = wa.slice(1, k, k + 1).mul(x).sub(wax.slice(1, k * d, (k + 1) * d)).matmul(m)
                    .mul(-1.0 / bandwidth);
            Tensor outer = g.transpose().matmul(g);
            sum = sum == null ? outer : sum.add(outer);
        }
        return sum.div(n);
    }

    /**
     * T rounds of the RFM from M = I: fit, record train and test MSE (mean over all entries of
     * (f − y)²), M ← AGOP (only its diagonal when {@code diagonal}); then a last fit with the final M,
     * whose test predictions are returned. The arrays hold T + 1 errors.
     */
    public static Result train(Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest, double bandwidth, double ridge,
            int rounds, boolean diagonal) {
        if (xTrain.rank() != 2 || xTest.rank() != 2 || xTrain.dim(1) != xTest.dim(1)) {
            throw new IllegalArgumentException("RecursiveFeatureMachine: X_train " + xTrain.shape() + " and X_test "
                    + xTest.shape() + " must be matrices with the same number of columns");
        }
        int d = xTrain.dim(1);
        Tensor m = Tensor.eye(d);
        List<Tensor> ms = new ArrayList<>();
        double[] trainMse = new double[rounds + 1];
        double[] testMse = new double[rounds + 1];
        Tensor alpha = null;
        Tensor testPred = null;
        for (int t = 0; t <= rounds; t++) {
            Tensor k = trainKernel(xTrain, m, bandwidth);
            alpha = Cholesky.of(k.add(Tensor.eye(xTrain.dim(0)).mul(ridge))).solve(yTrain);
            trainMse[t] = k.matmul(alpha).sub(yTrain).square().mean().item();
            testPred = predict(xTest, xTrain, alpha, m, bandwidth);
            testMse[t] = testPred.sub(yTest).square().mean().item();
            if (t < rounds) {
                m = agop(xTrain, alpha, m, bandwidth);
                if (diagonal) {
                    m = m.mul(Tensor.eye(d));
                }
                ms.add(m);
            }
        }
        return new Result(ms, trainMse, testMse, testPred, alpha);
    }

    private static Tensor trainKernel(Tensor x, Tensor m, double bandwidth) {
        int n = x.dim(0);
        double[] dist = mahalanobisDistances(x, x, m).toArray();
        for (int i = 0; i < n; i++) {
            dist[i * n + i] = 0.0;
        }
        // symmetrize exactly (the expansion ‖x‖² + ‖z‖² − 2xᵀMz is symmetric only up to rounding)
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (dist[i * n + j] + dist[j * n + i]);
                dist[i * n + j] = v;
                dist[j * n + i] = v;
            }
        }
        return expOfScaled(dist, n, n, bandwidth);
    }

    /** exp(−d/L) elementwise, in place. */
    private static Tensor expOfScaled(double[] d, int rows, int cols, double bandwidth) {
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.exp(-d[i] / bandwidth);
        }
        return Tensor.of(new int[] {rows, cols}, d);
    }
}
