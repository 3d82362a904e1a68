package org.nabla.theory;

import java.util.function.DoubleBinaryOperator;

/**
 * The bivariate Gaussian expectation E[f(u, v)] for (u, v) ~ N(0, Σ), Σ = [[K_aa, K_ab], [K_ab, K_bb]],
 * the integral behind every off-diagonal entry of the infinite-width kernels (Roberts, Yaida &amp;
 * Hanin, PDLT (2022), ch. 4 for the kernel and ch. 8–9 for the NTK; Lee et al., "Deep neural networks
 * as Gaussian processes", ICLR 2018, §2).
 *
 * <p>Both methods write (u, v) through the Cholesky factor of Σ,
 * <pre>
 *   u = √K_aa · ξ₁,   v = ρ√K_bb · ξ₁ + √(K_bb (1 − ρ²)) · ξ₂,   ρ = K_ab / √(K_aa K_bb),   ξ₁, ξ₂ ~ N(0, 1) i.i.d.
 * </pre>
 * <ul>
 *   <li>{@link #gaussHermite}: the tensor-product N×N Gauss–Hermite rule in (ξ₁, ξ₂) — exponentially
 *       accurate for smooth f at moderate variance, poor at kinks.</li>
 *   <li>{@link #adaptive}: nested adaptive Gauss–Kronrod, E[f] = E_u[ E[f(u, v) | u] ] with
 *       v | u ~ N(ρ√(K_bb/K_aa)·u, K_bb(1 − ρ²)), each one-dimensional integral by
 *       {@link GaussianExpectation#of(java.util.function.DoubleUnaryOperator, double, double)}, which
 *       puts a panel boundary at u = 0 and at v = 0 — the kinks of relu-like activations — so it is
 *       accurate to ~1e-12 for kinked and smooth f alike (inner tolerance 1e-14, outer 1e-12, each
 *       relative to the integral of |f|).</li>
 * </ul>
 * The covariance must be positive semi-definite: K_aa, K_bb ≥ 0 and K_ab² ≤ K_aa K_bb (up to rounding,
 * |ρ| is clipped to 1).
 */
public final class BivariateGaussianExpectation {
    private static final double INNER_TOLERANCE = 1e-14;
    private static final double OUTER_TOLERANCE = 1e-12;

    private BivariateGaussianExpectation() {
    }

    /** E[f(u, v)] by the tensor-product Gauss–Hermite rule through the Cholesky map. */
    public static double gaussHermite(DoubleBinaryOperator f, double kaa, double kab, double kbb, GaussHermite rule) {
        double[] c = cholesky(kaa, kab, kbb);
        int n = rule.size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double xi = rule.node(i);
            double u = c[0] * xi;
            double vMean = c[1] * xi;
            double inner = 0;
            for (int j = 0; j < n; j++) {
                inner += rule.weight(j) * f.applyAsDouble(u, vMean + c[2] * rule.node(j));
            }
            sum += rule.weight(i) * inner;
        }
        return sum;
    }

    /** E[f(u, v)] by nested adaptive Gauss–Kronrod quadrature (kinks at u = 0 and v = 0 handled exactly). */
    public static double adaptive(DoubleBinaryOperator f, double kaa, double kab, double kbb) {
        double[] c = cholesky(kaa, kab, kbb);
        double slope = kaa > 0 ? c[1] / c[0] : 0.0; // E[v | u] = slope · u
        double conditionalVariance = c[2] * c[2];
        if (kaa == 0) {
            return GaussianExpectation.of(v -> f.applyAsDouble(0.0, v), kbb);
        }
        return GaussianExpectation.of(
                u -> GaussianExpectation.of(v -> f.applyAsDouble(u, v), slope * u, conditionalVariance, INNER_TOLERANCE), 0.0,
                kaa, OUTER_TOLERANCE);
    }

    /** {√K_aa, ρ√K_bb, √(K_bb(1 − ρ²))}: the Cholesky factor of Σ. */
    private static double[] cholesky(double kaa, double kab, double kbb) {
        if (!(kaa >= 0) || !(kbb >= 0) || !Double.isFinite(kaa) || !Double.isFinite(kbb) || !Double.isFinite(kab)) {
            throw new IllegalArgumentException("BivariateGaussianExpectation: variances must be finite and >= 0, got K_aa = "
                    + kaa + ", K_ab = " + kab + ", K_bb = " + kbb);
        }
        double norm = Math.sqrt(kaa * kbb);
        if (Math.abs(kab) > norm * (1 + 1e-12) + Double.MIN_NORMAL) {
            throw new IllegalArgumentException("BivariateGaussianExpectation: covariance is not positive semi-definite: K_ab² = "
                    + kab * kab + " > K_aa K_bb = " + kaa * kbb);
        }
        if (norm == 0) {
            return new double[] {Math.sqrt(kaa), 0.0, Math.sqrt(kbb)};
        }
        double rho = Math.max(-1.0, Math.min(1.0, kab / norm));
        double sb = Math.sqrt(kbb);
        return new double[] {Math.sqrt(kaa), rho * sb, sb * Math.sqrt(Math.max(0.0, (1 - rho) * (1 + rho)))};
    }
}
