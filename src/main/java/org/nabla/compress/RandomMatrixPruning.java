package org.nabla.compress;

import java.util.Arrays;
import org.nabla.layer.Linear;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.SymmetricEigen;

/**
 * Random-matrix pruning of a weight matrix (Berlyand, Sandier, Shmalo &amp; Zhang, "Enhancing accuracy
 * in deep learning using random matrix theory", J. Mach. Learn. 3(4), 2024, arXiv 2310.03165, §4): the
 * bulk of the spectrum of a trained layer is noise that follows a Marchenko–Pastur law; the singular
 * values above its Tracy–Widom-corrected edge carry the signal and are kept, the rest are removed.
 *
 * <p>For W ∈ ℝ^(out×in) let N = max(out, in), p = min(out, in), γ = p / N, and λ₁ ≤ ⋯ ≤ λ_p the
 * eigenvalues of X = WᵀW / N (or W Wᵀ / N, whichever is p×p), so λᵢ = sᵢ² / N for the singular values sᵢ.
 * <ol>
 *   <li><b>Fit of σ²</b> by bulk eigenvalue matching (BEMA: Ke, Ma &amp; Lin, "Estimation of the number of
 *       spiked eigenvalues in a covariance matrix by bulk eigenvalue matching analysis", JASA 118, 2023,
 *       the fit used by Berlyand et al.): the middle of the spectrum is matched to the quantiles of
 *       MP(γ, 1) by least squares through the origin,
 *       <pre>
 *         σ̂² = Σᵢ qᵢ λᵢ / Σᵢ qᵢ²,   qᵢ = F⁻¹_{MP(γ,1)}(i / p),   i over ⌊αp⌋ ≤ i &lt; ⌊(1 − α)p⌋ (0-based),
 *       </pre>
 *       so that spikes (at the top) and the smallest eigenvalues do not bias it.</li>
 *   <li><b>Edge with the Tracy–Widom correction</b>: the largest eigenvalue of a pure-noise X fluctuates
 *       around σ²(1 + √γ)² on the scale N^(−2/3); with Johnstone's centring and scaling (Ann. Statist.
 *       29, 2001, Theorem 1.1), λ_max ≈ σ²[(1 + √γ)² + N^(−2/3) γ^(−1/6) (1 + √γ)^(4/3) TW₁], so the edge
 *       at level 1 − β is
 *       <pre>
 *         λ₊ = σ̂² [ (1 + √γ)² + t_β N^(−2/3) γ^(−1/6) (1 + √γ)^(4/3) ],     t_β = F⁻¹_{TW₁}(1 − β),
 *       </pre>
 *       (BEMA's threshold, Ke et al. 2023).</li>
 *   <li><b>Pruning</b>: the singular values with sᵢ² / N &gt; λ₊ are kept (their number is the rank of
 *       {@link #prune}), the rest removed; by the BBP transition (Baik, Ben Arous &amp; Péché, Ann. Probab.
 *       33, 2005; Benaych-Georges &amp; Nadakuditi, J. Multivariate Anal. 111, 2012) a signal component
 *       √N·d·u vᵀ separates from the bulk exactly when d &gt; σ γ^(1/4).</li>
 * </ol>
 * The Tracy–Widom quantiles t_β are tabulated for β ∈ {0.10, 0.05, 0.01} (TW₁ quantiles 0.4501, 0.9793,
 * 2.0234: Tracy &amp; Widom, Comm. Math. Phys. 177, 1996; Johnstone 2001, Table 1).
 *
 * @param eigenvalues λ₁ ≤ ⋯ ≤ λ_p of WᵀW / N
 * @param law the fitted MP(γ, σ̂²)
 * @param samples N
 * @param edge λ₊ with the Tracy–Widom correction
 * @param kept the number of eigenvalues above the edge
 */
public record RandomMatrixPruning(Tensor eigenvalues, MarchenkoPastur law, int samples, double edge, int kept) {

    /** α = 0.2: the fraction of the spectrum left out at each end of the fit. */
    public static final double DEFAULT_TRIM = 0.2;
    /** β = 0.05: the level of the Tracy–Widom correction. */
    public static final double DEFAULT_LEVEL = 0.05;

    /** Analysis with α = {@value #DEFAULT_TRIM} and β = {@value #DEFAULT_LEVEL}. */
    public static RandomMatrixPruning of(Tensor w) {
        return of(w, DEFAULT_TRIM, DEFAULT_LEVEL);
    }

    /**
     * Fits MP(γ, σ̂²) to the spectrum of WᵀW / N and counts the eigenvalues above the corrected edge.
     *
     * @param w a matrix (2 axes) with min(out, in) ≥ 5
     * @param trim α ∈ [0, 0.5)
     * @param level β ∈ {0.10, 0.05, 0.01}
     */
    public static RandomMatrixPruning of(Tensor w, double trim, double level) {
        if (w.rank() != 2 || Math.min(w.dim(0), w.dim(1)) < 5) {
            throw new IllegalArgumentException("RandomMatrixPruning: expected a matrix with both dims ≥ 5, got shape "
                    + w.shape());
        }
        if (!(trim >= 0 && trim < 0.5)) {
            throw new IllegalArgumentException("RandomMatrixPruning: trim α must be in [0, 0.5), got " + trim);
        }
        double t = tracyWidomQuantile(level);
        int n = Math.max(w.dim(0), w.dim(1));
        int p = Math.min(w.dim(0), w.dim(1));
        Tensor gram = w.dim(0) <= w.dim(1) ? w.matmul(w.t()) : w.t().matmul(w);
        Tensor lambda = SymmetricEigen.eigenvalues(gram.div(n)).map(x -> Math.max(x, 0));
        double gamma = (double) p / n;
        double[] ev = lambda.toArray();
        Arrays.sort(ev);
        MarchenkoPastur unit = new MarchenkoPastur(gamma, 1);
        double num = 0;
        double den = 0;
        for (int i = (int) (trim * p); i < (int) ((1 - trim) * p); i++) {
            double q = unit.quantile((double) i / p);
            num += q * ev[i];
            den += q * q;
        }
        if (!(num > 0)) {
            throw new IllegalArgumentException("RandomMatrixPruning: the bulk of the spectrum of a " + w.shape()
                    + " matrix is zero; no Marchenko–Pastur law fits it");
        }
        double sigma2 = num / den;
        double r = 1 + Math.sqrt(gamma);
        double edge = sigma2 * (r * r + t * Math.pow(n, -2.0 / 3) * Math.pow(gamma, -1.0 / 6) * Math.pow(r, 4.0 / 3));
        int kept = 0;
        for (double x : ev) {
            if (x > edge) {
                kept++;
            }
        }
        return new RandomMatrixPruning(Tensor.of(ev), new MarchenkoPastur(gamma, sigma2), n, edge, kept);
    }

    /** The singular-value threshold √(N λ₊): singular values above it are kept. */
    public double singularValueThreshold() {
        return Math.sqrt(samples * edge);
    }

    /** The MP edge σ̂²(1 + √γ)² without the Tracy–Widom correction. */
    public double bulkEdge() {
        return law.upperEdge();
    }

    /**
     * The layer with the singular values below the edge removed: its {@link LowRankLinear} factorization
     * at rank {@link #kept()}.
     *
     * @throws IllegalStateException when nothing lies above the edge (the weight is indistinguishable
     *     from noise: the layer is then its bias alone)
     */
    public static LowRankLinear prune(Linear layer, double trim, double level) {
        RandomMatrixPruning fit = of(layer.weight().value(), trim, level);
        if (fit.kept() == 0) {
            throw new IllegalStateException("RandomMatrixPruning: no singular value of the " + layer.weight().shape()
                    + " weight lies above the edge √(Nλ₊) = " + fit.singularValueThreshold()
                    + "; the weight is indistinguishable from noise");
        }
        return LowRankLinear.of(layer, fit.kept());
    }

    /**
     * The (1 − β) quantile of the Tracy–Widom law TW₁ (real case), tabulated.
     *
     * @param level β ∈ {0.10, 0.05, 0.01}
     */
    public static double tracyWidomQuantile(double level) {
        if (level == 0.10) {
            return 0.4501;
        }
        if (level == 0.05) {
            return 0.9793;
        }
        if (level == 0.01) {
            return 2.0234;
        }
        throw new IllegalArgumentException("RandomMatrixPruning: the Tracy–Widom level β must be 0.10, 0.05 or 0.01, got "
                + level);
    }
}
