package org.nabla.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * The Gaussian expectation ⟨g(z)⟩_K = E[g(z)], z ~ N(0, K), by adaptive Gauss–Kronrod quadrature.
 *
 * <p>With z = √K·t, ⟨g⟩_K = ∫ g(√K t) φ(t) dt, φ the standard normal density. The integral is taken
 * over t ∈ [−40, 40] (φ(40) ≈ 10⁻³⁴⁸ underflows to 0), split into 16 panels with t = 0 as a panel
 * boundary (the kink of relu-like activations), the piece with the largest error estimate bisected
 * repeatedly (7-point Gauss / 15-point Kronrod pair, error estimate |Kronrod − Gauss|) until the summed
 * estimate is below 10⁻¹⁴ × ∫|g|φ or 4,000 pieces are in use. At K = 0 the expectation is g(0).
 *
 * <p>Source: the Gaussian expectation notation of Roberts, Yaida &amp; Hanin, PDLT (2022), §1.1 and
 * ch. 5; the quadrature rule of Piessens et al., QUADPACK (1983), routine QK15.
 */
public final class GaussianExpectation {
    private static final double T_MAX = 40.0;
    private static final int PANELS = 16;
    private static final double RELATIVE_TOLERANCE = 1e-14;
    private static final int MAX_PIECES = 4000;

    private static final double[] XGK = {0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788, 0.586087235467691130294144845693013,
        0.405845151377397166906606412076961, 0.207784955007898467600689403773245, 0.0};
    private static final double[] WGK = {0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238, 0.169004726639267902826583426598550,
        0.190350578064785409913256402421014, 0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    private static final double[] WG = {0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    private GaussianExpectation() {
    }

    /**
     * ⟨g(z)⟩_K for z ~ N(0, K).
     *
     * @throws IllegalArgumentException if K is negative or not finite
     */
    public static double of(DoubleUnaryOperator g, double variance) {
        return of(g, 0.0, variance);
    }

    /**
     * E[g(z)] for z ~ N(μ, K), the same rule with z = μ + √K·t and the panel boundary moved to
     * t₀ = −μ/√K (z = 0, the kink of relu-like activations): 8 panels on [−40, t₀] and 8 on
     * [t₀, 40] (16 equal panels when |t₀| ≥ 40). At K = 0 the expectation is g(μ). The conditional
     * expectations of a bivariate Gaussian ({@link BivariateGaussianExpectation#adaptive}) are of this form.
     *
     * @throws IllegalArgumentException if K is negative or not finite, or μ is not finite
     */
    public static double of(DoubleUnaryOperator g, double mean, double variance) {
        return of(g, mean, variance, RELATIVE_TOLERANCE);
    }

    /**
     * E[g(z)], z ~ N(μ, K), refined until the summed error estimate is below relativeTolerance × ∫|g|φ
     * (nested integrals use a looser outer tolerance: the inner results carry rounding noise that an
     * outer 1e-14 could never resolve).
     */
    static double of(DoubleUnaryOperator g, double mean, double variance, double relativeTolerance) {
        if (!(variance >= 0) || Double.isInfinite(variance) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("GaussianExpectation: variance K must be finite and >= 0 and the mean"
                    + " finite, got K = " + variance + ", mean = " + mean);
        }
        if (variance == 0) {
            return g.applyAsDouble(mean);
        }
        double s = Math.sqrt(variance);
        DoubleUnaryOperator f = t -> {
            double w = Math.exp(-0.5 * t * t) * 0.398942280401432677939946059934381868;
            return w == 0 ? 0.0 : g.applyAsDouble(mean + s * t) * w;
        };
        double t0 = -mean / s;
        double[] edges = new double[PANELS + 1];
        if (Math.abs(t0) < T_MAX) {
            int half = PANELS / 2;
            for (int p = 0; p <= half; p++) {
                edges[p] = -T_MAX + p * (t0 + T_MAX) / half;
                edges[half + p] = t0 + p * (T_MAX - t0) / half;
            }
        } else {
            for (int p = 0; p <= PANELS; p++) {
                edges[p] = -T_MAX + p * 2 * T_MAX / PANELS;
            }
        }
        // global adaptive subdivision: always bisect the piece with the largest error estimate
        java.util.PriorityQueue<double[]> pieces = new java.util.PriorityQueue<>((x, y) -> Double.compare(y[3], x[3]));
        double error = 0;
        double scale = 0;
        for (int p = 0; p < PANELS; p++) {
            double[] r = kronrod(f, edges[p], edges[p + 1]);
            pieces.add(new double[] {edges[p], edges[p + 1], r[0], r[1]});
            error += r[1];
            scale += r[2];
        }
        double tol = Math.max(relativeTolerance * scale, Double.MIN_NORMAL);
        int evaluations = PANELS;
        while (error > tol && evaluations < MAX_PIECES) {
            double[] worst = pieces.poll();
            double m = 0.5 * (worst[0] + worst[1]);
            double[] left = kronrod(f, worst[0], m);
            double[] right = kronrod(f, m, worst[1]);
            pieces.add(new double[] {worst[0], m, left[0], left[1]});
            pieces.add(new double[] {m, worst[1], right[0], right[1]});
            error += left[1] + right[1] - worst[3];
            evaluations += 2;
        }
        double sum = 0;
        for (double[] piece : pieces) {
            sum += piece[2];
        }
        return sum;
    }

    /** {Kronrod estimate, |Kronrod − Gauss|, Kronrod estimate of ∫|f|} on [a, b]. */
    private static double[] kronrod(DoubleUnaryOperator f, double a, double b) {
        double c = 0.5 * (a + b);
        double h = 0.5 * (b - a);
        double fc = f.applyAsDouble(c);
        double k = WGK[7] * fc;
        double g = WG[3] * fc;
        double abs = WGK[7] * Math.abs(fc);
        for (int j = 0; j < 7; j++) {
            double x = h * XGK[j];
            double f1 = f.applyAsDouble(c - x);
            double f2 = f.applyAsDouble(c + x);
            k += WGK[j] * (f1 + f2);
            abs += WGK[j] * (Math.abs(f1) + Math.abs(f2));
            if (j % 2 == 1) {
                g += WG[j / 2] * (f1 + f2);
            }
        }
        return new double[] {k * h, Math.abs((k - g) * h), abs * h};
    }
}
