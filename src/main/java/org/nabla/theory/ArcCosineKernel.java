package org.nabla.theory;

/**
 * The arc-cosine kernels of degree 0 and 1 (Cho &amp; Saul, "Kernel methods for deep learning", NeurIPS
 * 2009, §2, degrees n = 0, 1): for (u, v) ~ N(0, [[K_aa, K_ab], [K_ab, K_bb]]) and
 * cos t = K_ab / √(K_aa K_bb), t ∈ [0, π],
 * <pre>
 *   J₁ = E[relu(u) relu(v)] = √(K_aa K_bb) (sin t + (π − t) cos t) / (2π)
 *   J₀ = E[𝟙(u &gt; 0) 𝟙(v &gt; 0)] = (π − t) / (2π)
 * </pre>
 * and from them the closed forms for every scale-invariant activation σ(z) = a₊z (z &gt; 0), a₋z (z ≤ 0)
 * — relu (a₊, a₋) = (1, 0), leaky relu (1, 0.1), linear (1, 1). Writing σ(z) = s·z + d·relu(z) with
 * s = a₋, d = a₊ − a₋, and using E[u·relu(v)] = K_ab/2 (E[u | v] = (K_ab/K_bb) v and E[v² 𝟙(v &gt; 0)] = K_bb/2):
 * <pre>
 *   E[σ(u)σ(v)]   = s(s + d) K_ab + d² J₁
 *   E[σ′(u)σ′(v)] = s(s + d) + d² J₀
 * </pre>
 * On the diagonal (K_ab = √(K_aa K_bb), the same input twice) t = 0 exactly: arccos of a cosine rounded
 * to 1 − 1 ulp would give t ≈ 1.5e-8 and an error of about 2e-9 (theory2.md §2). Used as the NNGP/NTK
 * layer map of {@link InfiniteWidthKernels} (PDLT (2022) ch. 4 and 8) and of Arora et al., "On exact computation with an infinitely wide neural
 * net", NeurIPS 2019, §3 (their ReLU case is C_W = 2).
 */
public final class ArcCosineKernel {
    private ArcCosineKernel() {
    }

    /** The angle t = arccos(K_ab / √(K_aa K_bb)) ∈ [0, π], exactly 0 when K_ab ≥ √(K_aa K_bb) (0 if a variance is 0). */
    public static double angle(double kaa, double kab, double kbb) {
        double norm = Math.sqrt(kaa * kbb);
        if (norm == 0 || kab >= norm) {
            return 0.0;
        }
        if (kab <= -norm) {
            return Math.PI;
        }
        return Math.acos(kab / norm);
    }

    /** J₁ = E[relu(u) relu(v)] = √(K_aa K_bb)(sin t + (π − t) cos t)/(2π). */
    public static double degree1(double kaa, double kab, double kbb) {
        double t = angle(kaa, kab, kbb);
        return Math.sqrt(kaa * kbb) * (Math.sin(t) + (Math.PI - t) * Math.cos(t)) / (2 * Math.PI);
    }

    /** J₀ = E[𝟙(u &gt; 0) 𝟙(v &gt; 0)] = (π − t)/(2π). */
    public static double degree0(double kaa, double kab, double kbb) {
        return (Math.PI - angle(kaa, kab, kbb)) / (2 * Math.PI);
    }

    /**
     * {E[σ(u)σ(v)], E[σ′(u)σ′(v)]} for a scale-invariant activation.
     *
     * @throws IllegalArgumentException if the activation is not scale-invariant
     */
    public static double[] pairMoments(ScalarActivation a, double kaa, double kab, double kbb) {
        if (!a.isScaleInvariant()) {
            throw new IllegalArgumentException("ArcCosineKernel: " + a.label()
                    + " is not scale-invariant (relu, leaky_relu, linear have closed forms)");
        }
        double s = -a.value(-1.0);
        double d = a.value(1.0) - s;
        double c = s * (s + d);
        return new double[] {c * kab + d * d * degree1(kaa, kab, kbb), c + d * d * degree0(kaa, kab, kbb)};
    }
}
