package org.nabla.theory;

import java.util.Arrays;
import org.nabla.init.Orthogonal;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;

/**
 * The ensemble measurement of the four-point vertex: N independent networks of hidden width n and depth
 * L at initialization, one input x, and at every layer l the three estimators of V⁽ˡ⁾ that
 * {@link FourPointVertex} predicts at leading order in 1/n (theory2.md §1; PDLT (2022) ch. 4):
 * <pre>
 *   V̂_Ĝ = n·Var(Ĝ⁽ˡ⁾),            Ĝ⁽ˡ⁾ = C_b + (C_W/fan_in) Σⱼ σ(z_j⁽ˡ⁻¹⁾)²  (Ĝ⁽¹⁾ = C_b + C_W|x|²/n₀, so V̂⁽¹⁾ = 0)
 *   V̂_S = n·Var(S⁽ˡ⁾) − 2·mean(S⁽ˡ⁾)²,  S⁽ˡ⁾ = (1/n) Σᵢ (z_i⁽ˡ⁾)²
 *   V̂₄ = n·(E[z⁴] − 3E[z²]²)/3          (moments over networks and neurons)
 *   K̂ = mean(S⁽ˡ⁾)
 * </pre>
 * Var is the unbiased sample variance over networks. Standard errors are from a seeded bootstrap over
 * networks (200 resamples). Each network draws W⁽ˡ⁾ ~ N(0, C_W/fan_in), b⁽ˡ⁾ ~ N(0, C_b) afresh from its
 * own {@link Rng#split()} stream (PyTorch's layout z = W h + b, W (out, in)); with
 * {@link Weights#ORTHOGONAL} the hidden layers l ≥ 2 use W = √C_W·Q, Q Haar-orthogonal n×n
 * ({@link Orthogonal}), the first layer stays Gaussian (Day, Kahn &amp; Roberts, "Feature learning and
 * generalization in deep networks with orthogonal weights", arXiv:2310.07765). {@link #measureExactLaw}
 * uses instead the exact single-input law — given layer l − 1, the z_i⁽ˡ⁾ are i.i.d. N(0, Ĝ⁽ˡ⁾), or with
 * orthogonal hidden weights z⁽ˡ⁾ = √(n(Ĝ⁽ˡ⁾ − C_b))·g/|g| + b, g ~ N(0, I) (Qh is uniform on the sphere of
 * radius |h| for Haar Q) — which costs n draws per layer instead of n² (and no QR).
 *
 * <p><b>Unequal widths</b> n₁, …, n_L: with the multiplier m_l = n_{l−1} (m₁ = n₁) the estimators are
 * V̂_Ĝ = m_l Var(Ĝ⁽ˡ⁾), V̂_S = m_l (Var(S⁽ˡ⁾) − 2S̄²/n_l), V̂₄ = m_l (E z⁴ − 3E[z²]²)/3, PDLT's V⁽ˡ⁾ at leading
 * order ({@link FourPointVertex#of(ScalarActivation, double, double, double, int[], Weights)}); with equal widths
 * they are the formulas above, computed the same way. With orthogonal weights V̂_Ĝ estimates U⁽ˡ⁾ = n Var Ĝ⁽ˡ⁾
 * and the other two the four-point vertex V⁽ˡ⁾ = U⁽ˡ⁾ − 2(K⁽ˡ⁾ − C_b)² (see {@link FourPointVertex}).
 */
public final class VertexEnsemble {
    private static final int BOOTSTRAP = 200;

    private VertexEnsemble() {
    }

    /** The distribution of the weight matrices. */
    public enum Weights {
        /** W⁽ˡ⁾ᵢⱼ ~ N(0, C_W/fan_in) i.i.d. */
        GAUSSIAN,
        /** Hidden layers W = √C_W·Q with Q Haar-orthogonal; the first layer Gaussian. */
        ORTHOGONAL
    }

    /**
     * Per-layer estimates (index l − 1) with their bootstrap standard errors; {@code width} is n₁ (the width of
     * every layer when they are equal), {@code widths} all of them.
     */
    public record Measurement(int width, int networks, double[] kernel, double[] kernelSe, double[] vFromConditionalVariance,
            double[] vFromConditionalVarianceSe, double[] vFromMeanSquare, double[] vFromMeanSquareSe, double[] vFromFourthMoment,
            double[] vFromFourthMomentSe, double[] meanSquareVariance, double[] meanSquareVarianceSe, int[] widths) {
        /**
         * n_l Var(S⁽ˡ⁾)/K̂⁽ˡ⁾² per layer with its standard error: the fluctuation of the mean square, 2 + V/K² at
         * leading order for equal widths ({@code {values, standard errors}}).
         */
        public double[][] normalizedMeanSquareVariance() {
            double[][] out = new double[2][kernel.length];
            for (int l = 0; l < kernel.length; l++) {
                double k2 = kernel[l] * kernel[l];
                out[0][l] = widths[l] * meanSquareVariance[l] / k2;
                out[1][l] = widths[l] * meanSquareVarianceSe[l] / k2;
            }
            return out;
        }
    }

    /** N networks with Gaussian weights. */
    public static Measurement measure(ScalarActivation a, double cB, double cW, double[] x, int width, int depth, int networks,
            long seed) {
        return measure(a, cB, cW, x, width, depth, networks, seed, Weights.GAUSSIAN);
    }

    /**
     * N networks with the given weight distribution.
     *
     * @throws IllegalArgumentException if width &lt; 1, depth &lt; 1, networks &lt; 2, x is empty, or C_b, C_W &lt; 0
     */
    public static Measurement measure(ScalarActivation a, double cB, double cW, double[] x, int width, int depth, int networks,
            long seed, Weights weights) {
        check(cB, cW, x, width, depth, networks);
        return measure(a, cB, cW, x, equal(width, depth), networks, seed, weights);
    }

    /**
     * N networks with the hidden widths n₁ … n_L ({@code widths[l − 1]} = n_l) and the given weight distribution.
     *
     * @throws IllegalArgumentException if a width is &lt; 1, there are no layers, networks &lt; 2, x is empty,
     *     C_b, C_W &lt; 0, or the weights are orthogonal and the widths unequal
     */
    public static Measurement measure(ScalarActivation a, double cB, double cW, double[] x, int[] widths, int networks,
            long seed, Weights weights) {
        check(cB, cW, x, widths, networks, weights);
        int depth = widths.length;
        double[][][] stats = new double[3][networks][depth]; // S, Ĝ, mean z⁴
        Rng root = new Rng(seed);
        Orthogonal orthogonal = new Orthogonal(Math.sqrt(cW));
        int widest = Arrays.stream(widths).max().getAsInt();
        double[] zBuffer = new double[widest];
        double[] hBuffer = new double[widest];
        for (int net = 0; net < networks; net++) {
            Rng rng = root.split();
            double[] in = x;
            for (int l = 0; l < depth; l++) {
                int width = widths[l];
                double[] z = width == widest ? zBuffer : new double[width];
                double[] h = width == widest ? hBuffer : new double[width];
                int fanIn = in.length;
                double g = cB;
                for (double v : in) {
                    g += cW / fanIn * v * v;
                }
                if (weights == Weights.ORTHOGONAL && l > 0) {
                    double[] q = orthogonal.initialize(Shape.of(width, fanIn), rng).toArray();
                    for (int i = 0; i < width; i++) {
                        double s = 0;
                        for (int j = 0; j < fanIn; j++) {
                            s += q[i * fanIn + j] * in[j];
                        }
                        z[i] = s;
                    }
                } else {
                    double std = Math.sqrt(cW / fanIn);
                    for (int i = 0; i < width; i++) {
                        double s = 0;
                        for (int j = 0; j < fanIn; j++) {
                            s += rng.nextGaussian() * in[j];
                        }
                        z[i] = std * s;
                    }
                }
                double sb = Math.sqrt(cB);
                for (int i = 0; i < width; i++) {
                    if (cB != 0) {
                        z[i] += sb * rng.nextGaussian();
                    }
                }
                record(stats, net, l, z, g);
                for (int i = 0; i < width; i++) {
                    h[i] = a.value(z[i]);
                }
                in = h;
            }
        }
        return summarize(stats, widths, seed);
    }

    /**
     * N networks sampled from the exact single-input law: z⁽ˡ⁾ᵢ i.i.d. N(0, Ĝ⁽ˡ⁾) given layer l − 1
     * (the same distribution of every layer's preactivations as {@link #measure} with Gaussian weights).
     */
    public static Measurement measureExactLaw(ScalarActivation a, double cB, double cW, double[] x, int width, int depth,
            int networks, long seed) {
        check(cB, cW, x, width, depth, networks);
        return measureExactLaw(a, cB, cW, x, equal(width, depth), networks, seed, Weights.GAUSSIAN);
    }

    /**
     * N networks with the hidden widths n₁ … n_L and the given weights, sampled from the exact single-input law
     * (for orthogonal hidden weights, the sphere: see the class comment).
     *
     * @throws IllegalArgumentException as {@link #measure(ScalarActivation, double, double, double[], int[], int, long, Weights)}
     */
    public static Measurement measureExactLaw(ScalarActivation a, double cB, double cW, double[] x, int[] widths,
            int networks, long seed, Weights weights) {
        check(cB, cW, x, widths, networks, weights);
        int depth = widths.length;
        double[][][] stats = new double[3][networks][depth];
        Rng root = new Rng(seed);
        double g1 = Criticality.firstLayerKernel(cB, cW, x);
        double sb = Math.sqrt(cB);
        for (int net = 0; net < networks; net++) {
            Rng rng = root.split();
            double g = g1;
            for (int l = 0; l < depth; l++) {
                double[] z = new double[widths[l]];
                if (weights == Weights.ORTHOGONAL && l > 0) {
                    double norm = 0;
                    for (int i = 0; i < z.length; i++) {
                        z[i] = rng.nextGaussian();
                        norm += z[i] * z[i];
                    }
                    double radius = Math.sqrt(z.length * Math.max(0.0, g - cB) / norm);
                    for (int i = 0; i < z.length; i++) {
                        z[i] = radius * z[i] + (cB != 0 ? sb * rng.nextGaussian() : 0.0);
                    }
                } else {
                    double s = Math.sqrt(g);
                    for (int i = 0; i < z.length; i++) {
                        z[i] = s * rng.nextGaussian();
                    }
                }
                double next = 0;
                for (double zi : z) {
                    double v = a.value(zi);
                    next += v * v;
                }
                record(stats, net, l, z, g);
                g = cB + cW * next / z.length;
            }
        }
        return summarize(stats, widths, seed);
    }

    private static int[] equal(int width, int depth) {
        int[] w = new int[depth];
        Arrays.fill(w, width);
        return w;
    }

    private static void record(double[][][] stats, int net, int l, double[] z, double g) {
        double s2 = 0;
        double s4 = 0;
        for (double v : z) {
            double v2 = v * v;
            s2 += v2;
            s4 += v2 * v2;
        }
        stats[0][net][l] = s2 / z.length;
        stats[1][net][l] = g;
        stats[2][net][l] = s4 / z.length;
    }

    private static Measurement summarize(double[][][] stats, int[] widths, long seed) {
        int networks = stats[0].length;
        int depth = stats[0][0].length;
        double[][] est = estimators(stats, null, widths);
        double[][] sum = new double[5][depth];
        double[][] sumSq = new double[5][depth];
        Rng boot = new Rng(seed ^ 0x5DEECE66DL);
        int[] pick = new int[networks];
        for (int b = 0; b < BOOTSTRAP; b++) {
            for (int i = 0; i < networks; i++) {
                pick[i] = boot.nextInt(networks);
            }
            double[][] e = estimators(stats, pick, widths);
            for (int k = 0; k < 5; k++) {
                for (int l = 0; l < depth; l++) {
                    sum[k][l] += e[k][l];
                    sumSq[k][l] += e[k][l] * e[k][l];
                }
            }
        }
        double[][] se = new double[5][depth];
        for (int k = 0; k < 5; k++) {
            for (int l = 0; l < depth; l++) {
                double m = sum[k][l] / BOOTSTRAP;
                se[k][l] = Math.sqrt(Math.max(0.0, (sumSq[k][l] - BOOTSTRAP * m * m) / (BOOTSTRAP - 1)));
            }
        }
        return new Measurement(widths[0], networks, est[0], se[0], est[1], se[1], est[2], se[2], est[3], se[3], est[4], se[4],
                widths.clone());
    }

    /** {K̂, V̂_Ĝ, V̂_S, V̂₄, Var S} per layer over the networks listed in pick (all when null); m_l = n_{l−1}, m₁ = n₁. */
    private static double[][] estimators(double[][][] stats, int[] pick, int[] widths) {
        int networks = stats[0].length;
        int depth = stats[0][0].length;
        double[][] out = new double[5][depth];
        for (int l = 0; l < depth; l++) {
            double mS = 0;
            double m4 = 0;
            for (int i = 0; i < networks; i++) {
                int r = pick == null ? i : pick[i];
                mS += stats[0][r][l];
                m4 += stats[2][r][l];
            }
            mS /= networks;
            m4 /= networks;
            double vS = variance(stats[0], pick, l);
            double vG = variance(stats[1], pick, l);
            double width = widths[l == 0 ? 0 : l - 1];
            double ratio = width / widths[l];
            out[0][l] = mS;
            out[1][l] = width * vG;
            out[2][l] = width * vS - 2 * ratio * mS * mS;
            out[3][l] = width * (m4 - 3 * mS * mS) / 3;
            out[4][l] = vS;
        }
        return out;
    }

    /** The unbiased sample variance of column l, shifted by its first value (exactly 0 for a constant). */
    private static double variance(double[][] stat, int[] pick, int l) {
        int networks = stat.length;
        double shift = stat[pick == null ? 0 : pick[0]][l];
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < networks; i++) {
            double d = stat[pick == null ? i : pick[i]][l] - shift;
            sum += d;
            sumSq += d * d;
        }
        return Math.max(0.0, (sumSq - sum * sum / networks) / (networks - 1));
    }

    private static void check(double cB, double cW, double[] x, int[] widths, int networks, Weights weights) {
        if (widths.length == 0 || weights == null) {
            throw new IllegalArgumentException("VertexEnsemble: need at least one layer and a weight distribution, got widths "
                    + Arrays.toString(widths) + " and weights " + weights);
        }
        for (int w : widths) {
            check(cB, cW, x, w, widths.length, networks);
            if (weights == Weights.ORTHOGONAL && w != widths[0]) {
                throw new IllegalArgumentException("VertexEnsemble: orthogonal weights need equal hidden widths (square Q), got "
                        + Arrays.toString(widths));
            }
        }
    }

    private static void check(double cB, double cW, double[] x, int width, int depth, int networks) {
        if (width < 1 || depth < 1 || networks < 2 || x.length == 0) {
            throw new IllegalArgumentException("VertexEnsemble: need width >= 1, depth >= 1, networks >= 2 and a non-empty"
                    + " input, got width " + width + ", depth " + depth + ", networks " + networks + ", |x| " + x.length);
        }
        if (!(cB >= 0) || !(cW >= 0)) {
            throw new IllegalArgumentException("VertexEnsemble: C_b and C_W must be >= 0, got " + cB + ", " + cW);
        }
    }
}
