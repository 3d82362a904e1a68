package org.nabla.compress;

/**
 * The Marchenko–Pastur law MP(γ, σ²): the limit of the empirical spectral distribution of
 * X = WᵀW / N for W ∈ ℝ^(N×p) with independent entries of mean 0 and variance σ², as N, p → ∞ with
 * p / N → γ ∈ (0, 1] (Marchenko &amp; Pastur, Math. USSR-Sbornik 1, 1967; Bai &amp; Silverstein, Spectral
 * Analysis of Large Dimensional Random Matrices, 2nd ed., 2010, ch. 3):
 * <pre>
 *   f(x) = √((λ₊ − x)(x − λ₋)) / (2π σ² γ x)   for λ₋ ≤ x ≤ λ₊,    λ± = σ² (1 ± √γ)²,
 * </pre>
 * and 0 outside [λ₋, λ₊]. Its mean is σ² and its variance σ⁴γ.
 *
 * <p>Computed: the distribution function F(x) = ∫_{λ₋}^{x} f by the substitution
 * t = λ₋ + (λ₊ − λ₋) sin²φ, which removes both square-root end points:
 * F = ∫₀^{φ(x)} (λ₊ − λ₋)² 2 sin²φ cos²φ / (2π σ² γ t(φ)) dφ, an integral of a smooth function,
 * by composite Simpson's rule with {@value #SIMPSON_INTERVALS} intervals (error below 1e−12 for
 * γ ≥ 0.01); the quantile F⁻¹(u) by bisection on φ.
 *
 * @param ratio the aspect ratio γ = p / N, 0 &lt; γ ≤ 1
 * @param variance the entry variance σ² &gt; 0
 */
public record MarchenkoPastur(double ratio, double variance) {
    static final int SIMPSON_INTERVALS = 512;

    /** Checks 0 &lt; γ ≤ 1 and σ² &gt; 0. */
    public MarchenkoPastur {
        if (!(ratio > 0 && ratio <= 1) || !(variance > 0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException("MarchenkoPastur: need 0 < γ ≤ 1 and 0 < σ² < ∞, got γ = " + ratio
                    + ", σ² = " + variance);
        }
    }

    /** λ₋ = σ²(1 − √γ)². */
    public double lowerEdge() {
        double r = 1 - Math.sqrt(ratio);
        return variance * r * r;
    }

    /** λ₊ = σ²(1 + √γ)²: the bulk edge. */
    public double upperEdge() {
        double r = 1 + Math.sqrt(ratio);
        return variance * r * r;
    }

    /** The density f(x). */
    public double density(double x) {
        double lo = lowerEdge();
        double hi = upperEdge();
        if (x <= lo || x >= hi || x <= 0) {
            return 0;
        }
        return Math.sqrt((hi - x) * (x - lo)) / (2 * Math.PI * variance * ratio * x);
    }

    /** The distribution function F(x) = ∫_{−∞}^{x} f. */
    public double cdf(double x) {
        double lo = lowerEdge();
        double hi = upperEdge();
        if (x <= lo) {
            return 0;
        }
        if (x >= hi) {
            return 1;
        }
        return Math.min(1, integral(Math.asin(Math.sqrt((x - lo) / (hi - lo)))));
    }

    /**
     * The quantile F⁻¹(u): the x with F(x) = u.
     *
     * @param u a probability in [0, 1]
     */
    public double quantile(double u) {
        if (!(u >= 0 && u <= 1)) {
            throw new IllegalArgumentException("MarchenkoPastur.quantile: u must be in [0, 1], got " + u);
        }
        double lo = lowerEdge();
        double hi = upperEdge();
        double a = 0;
        double b = Math.PI / 2;
        for (int i = 0; i < 60; i++) {
            double m = (a + b) / 2;
            if (integral(m) < u) {
                a = m;
            } else {
                b = m;
            }
        }
        double s = Math.sin((a + b) / 2);
        return lo + (hi - lo) * s * s;
    }

    /** ∫₀^φ of the transformed density, composite Simpson. */
    private double integral(double phi) {
        int n = SIMPSON_INTERVALS;
        double h = phi / n;
        double sum = integrand(0) + integrand(phi);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * integrand(i * h);
        }
        return sum * h / 3;
    }

    /** f(t(φ)) t′(φ) with t = λ₋ + Δ sin²φ, Δ = λ₊ − λ₋. */
    private double integrand(double phi) {
        double lo = lowerEdge();
        double delta = upperEdge() - lo;
        double s = Math.sin(phi);
        double c = Math.cos(phi);
        double denominator = 2 * Math.PI * variance * ratio;
        if (lo == 0) { // γ = 1: t = Δ sin²φ cancels sin²φ
            return delta * 2 * c * c / denominator;
        }
        return delta * delta * 2 * s * s * c * c / (denominator * (lo + delta * s * s));
    }
}
