package org.nabla.theory;

import java.util.ArrayList;
import java.util.List;
import org.nabla.tensor.Tensor;

/**
 * The infinite-width NNGP kernel K⁽ˡ⁾ and neural tangent kernel Θ⁽ˡ⁾ of a deep fully connected network,
 * at every depth l = 1 … L, as Gram matrices over a set of inputs (Roberts, Yaida &amp; Hanin, PDLT (2022),
 * ch. 4 for K and ch. 8–9 for Θ; Jacot, Gabriel &amp; Hongler, NeurIPS 2018, Theorem 1;
 * Lee et al., "Deep neural networks as Gaussian processes", ICLR 2018, §2):
 * <pre>
 *   K⁽¹⁾_ab = C_b + C_W x_a·x_b / n₀,                               Θ⁽¹⁾ = K⁽¹⁾
 *   K⁽ˡ⁺¹⁾_ab = C_b + C_W E[σ(u)σ(v)]
 *   Θ⁽ˡ⁺¹⁾_ab = C_b + C_W E[σ(u)σ(v)] + C_W E[σ′(u)σ′(v)] Θ⁽ˡ⁾_ab,     (u, v) ~ N(0, [[K_aa, K_ab], [K_ab, K_bb]]), K = K⁽ˡ⁾
 * </pre>
 *
 * <p><b>Parameterisation.</b> The network is PyTorch's z⁽¹⁾ = x W⁽¹⁾ᵀ + b⁽¹⁾,
 * z⁽ˡ⁺¹⁾ = σ(z⁽ˡ⁾) W⁽ˡ⁺¹⁾ᵀ + b⁽ˡ⁺¹⁾, W stored (out, in), with W⁽ˡ⁾ ~ N(0, C_W / fan_in) and
 * b⁽ˡ⁾ ~ N(0, C_b). Θ is the NTK of the <em>NTK parameterisation</em> of that network:
 * W = √(C_W / fan_in)·w, b = √C_b·β with w, β ~ N(0, 1) the trainable parameters, and
 * Θ(x_a, x_b) = Σ over all w and β of ∂z⁽ˡ⁾₁(x_a)/∂θ · ∂z⁽ˡ⁾₁(x_b)/∂θ. In terms of the PyTorch network
 * it is the plain-gradient NTK with each weight gradient product scaled by C_W / fan_in and each bias
 * gradient product by C_b — PDLT's NTK recursion (ch. 8) with learning-rate
 * factors λ_b⁽ˡ⁾ = C_b and λ_W⁽ˡ⁾ = C_W. Θ is the kernel of one output neuron; the full NTK is Θ ⊗ I over outputs.
 *
 * <p>The bivariate expectations are computed by one of three {@link PairMoments}: closed forms
 * ({@link ArcCosineKernel}) for relu, leaky relu and linear; nested adaptive quadrature (any
 * activation, kinks at 0 handled); or tensor Gauss–Hermite (smooth activations); {@link #automatic}
 * (used by {@link #of(ScalarActivation, double, double, Tensor, int)}) picks among them.
 */
public final class InfiniteWidthKernels {
    private InfiniteWidthKernels() {
    }

    /** The Gram matrices nngp.get(l − 1) = K⁽ˡ⁾ and ntk.get(l − 1) = Θ⁽ˡ⁾, l = 1 … L. */
    public record Kernels(List<Tensor> nngp, List<Tensor> ntk) {
        /** K⁽ᴸ⁾ at the last depth. */
        public Tensor lastNngp() {
            return nngp.get(nngp.size() - 1);
        }

        /** Θ⁽ᴸ⁾ at the last depth. */
        public Tensor lastNtk() {
            return ntk.get(ntk.size() - 1);
        }
    }

    /** {E[σ(u)σ(v)], E[σ′(u)σ′(v)]} for (u, v) ~ N(0, [[K_aa, K_ab], [K_ab, K_bb]]); diagonal: the same input twice. */
    @FunctionalInterface
    public interface PairMoments {
        /** The two moments {E[σ(u)σ(v)], E[σ′(u)σ′(v)]} for this covariance (diagonal: u = v). */
        double[] of(double kaa, double kab, double kbb, boolean diagonal);
    }

    /** The arc-cosine closed forms (relu, leaky relu, linear only). */
    public static PairMoments closedForm(ScalarActivation a) {
        if (!a.isScaleInvariant()) {
            throw new IllegalArgumentException("InfiniteWidthKernels.closedForm: " + a.label() + " has no closed form;"
                    + " use adaptive or gaussHermite");
        }
        return (kaa, kab, kbb, diagonal) -> diagonal ? ArcCosineKernel.pairMoments(a, kaa, kaa, kaa)
                : ArcCosineKernel.pairMoments(a, kaa, kab, kbb);
    }

    /** Nested adaptive Gauss–Kronrod ({@link BivariateGaussianExpectation#adaptive}); one-dimensional on the diagonal. */
    public static PairMoments adaptive(ScalarActivation a) {
        return (kaa, kab, kbb, diagonal) -> diagonal
                ? new double[] {GaussianExpectation.of(z -> sq(a.value(z)), kaa),
                    GaussianExpectation.of(z -> sq(a.derivative(z)), kaa)}
                : new double[] {BivariateGaussianExpectation.adaptive((u, v) -> a.value(u) * a.value(v), kaa, kab, kbb),
                    BivariateGaussianExpectation.adaptive((u, v) -> a.derivative(u) * a.derivative(v), kaa, kab, kbb)};
    }

    /** Tensor-product Gauss–Hermite with the given number of nodes per axis; one-dimensional on the diagonal. */
    public static PairMoments gaussHermite(ScalarActivation a, int nodes) {
        GaussHermite rule = GaussHermite.of(nodes);
        return (kaa, kab, kbb, diagonal) -> diagonal
                ? new double[] {rule.expectation(z -> sq(a.value(z)), kaa), rule.expectation(z -> sq(a.derivative(z)), kaa)}
                : new double[] {BivariateGaussianExpectation.gaussHermite((u, v) -> a.value(u) * a.value(v), kaa, kab, kbb, rule),
                    BivariateGaussianExpectation.gaussHermite((u, v) -> a.derivative(u) * a.derivative(v), kaa, kab, kbb,
                            rule)};
    }

    /**
     * The default: the closed form for relu, leaky relu and linear; otherwise Gauss–Hermite with 400
     * nodes per axis, accepted when it agrees with 200 nodes to 1e-12 of the Cauchy–Schwarz bound
     * √(E[g(u)²]E[g(v)²]) (the error falls geometrically in √N, so the 400-node value is then far more
     * accurate still), and nested adaptive quadrature when it does not (large variances, where tanh's
     * poles at ±iπ/2 come close to the real axis in the standardized variable).
     */
    public static PairMoments automatic(ScalarActivation a) {
        if (a.isScaleInvariant()) {
            return closedForm(a);
        }
        GaussHermite coarse = GaussHermite.of(200);
        GaussHermite fine = GaussHermite.of(400);
        PairMoments fallback = adaptive(a);
        return (kaa, kab, kbb, diagonal) -> {
            if (diagonal) {
                return fallback.of(kaa, kab, kbb, true);
            }
            double[] out = new double[2];
            for (int which = 0; which < 2; which++) {
                java.util.function.DoubleUnaryOperator g = which == 0 ? a::value : a::derivative;
                double bound = Math.sqrt(fine.expectation(z -> sq(g.applyAsDouble(z)), kaa)
                        * fine.expectation(z -> sq(g.applyAsDouble(z)), kbb));
                java.util.function.DoubleBinaryOperator f = (u, v) -> g.applyAsDouble(u) * g.applyAsDouble(v);
                double e1 = BivariateGaussianExpectation.gaussHermite(f, kaa, kab, kbb, coarse);
                double e2 = BivariateGaussianExpectation.gaussHermite(f, kaa, kab, kbb, fine);
                out[which] = Math.abs(e2 - e1) <= 1e-12 * bound ? e2 : BivariateGaussianExpectation.adaptive(f, kaa, kab, kbb);
            }
            return out;
        };
    }

    /** K⁽ˡ⁾ and Θ⁽ˡ⁾ for l = 1 … depth over the rows of X (m, n₀), with {@link #automatic} expectations. */
    public static Kernels of(ScalarActivation a, double cB, double cW, Tensor x, int depth) {
        return of(automatic(a), cB, cW, x, depth);
    }

    /**
     * K⁽ˡ⁾ and Θ⁽ˡ⁾ for l = 1 … depth over the rows of X (m, n₀) with the given bivariate expectations.
     *
     * @throws IllegalArgumentException if X is not a matrix, depth &lt; 1, or C_b, C_W are negative
     */
    public static Kernels of(PairMoments moments, double cB, double cW, Tensor x, int depth) {
        if (x.rank() != 2 || x.dim(1) == 0) {
            throw new IllegalArgumentException("InfiniteWidthKernels: inputs must be (m, n0) with n0 >= 1, got " + x.shape());
        }
        if (depth < 1) {
            throw new IllegalArgumentException("InfiniteWidthKernels: depth must be >= 1, got " + depth);
        }
        if (!(cB >= 0) || !(cW >= 0)) {
            throw new IllegalArgumentException("InfiniteWidthKernels: C_b and C_W must be >= 0, got " + cB + ", " + cW);
        }
        int m = x.dim(0);
        int n0 = x.dim(1);
        double[] xs = x.toArray();
        double[][] k = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b <= a; b++) {
                double dot = 0;
                for (int i = 0; i < n0; i++) {
                    dot += xs[a * n0 + i] * xs[b * n0 + i];
                }
                k[a][b] = cB + cW * dot / n0;
                k[b][a] = k[a][b];
            }
        }
        double[][] theta = copy(k);
        List<Tensor> nngp = new ArrayList<>();
        List<Tensor> ntk = new ArrayList<>();
        nngp.add(Tensor.of(k));
        ntk.add(Tensor.of(theta));
        for (int l = 1; l < depth; l++) {
            double[][] kn = new double[m][m];
            double[][] tn = new double[m][m];
            for (int a = 0; a < m; a++) {
                for (int b = 0; b <= a; b++) {
                    double[] e = moments.of(k[a][a], k[a][b], k[b][b], a == b);
                    kn[a][b] = cB + cW * e[0];
                    tn[a][b] = kn[a][b] + cW * e[1] * theta[a][b];
                    kn[b][a] = kn[a][b];
                    tn[b][a] = tn[a][b];
                }
            }
            k = kn;
            theta = tn;
            nngp.add(Tensor.of(k));
            ntk.add(Tensor.of(theta));
        }
        return new Kernels(List.copyOf(nngp), List.copyOf(ntk));
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static double sq(double v) {
        return v * v;
    }
}
