package org.nabla.theory;

import java.util.ArrayList;
import java.util.List;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Finite-width fluctuations of the neural tangent kernel on the diagonal: the ratio
 * <pre>
 *   r = E[Θ(x, x)²] / E[Θ(x, x)]²   over initializations,
 * </pre>
 * measured on an ensemble, beside the leading prediction of Hanin &amp; Nica, "Finite depth and width
 * corrections to the neural tangent kernel", ICLR 2020 (arXiv:1909.05989), Theorem 1: for ReLU networks
 * r ≃ exp(5β), β = Σ over hidden layers of 1/n_i = (L − 1)/n.
 *
 * <p>The network has L weight layers, L − 1 hidden layers of width n, a scalar output f = z⁽ᴸ⁾,
 * z⁽ᵏ⁾ = W⁽ᵏ⁾h⁽ᵏ⁻¹⁾ + b⁽ᵏ⁾, h⁽ᵏ⁾ = σ(z⁽ᵏ⁾), h⁽⁰⁾ = x, with W⁽ᵏ⁾ ~ N(0, C_W/fan_in) (C_W = 2: He /
 * Kaiming normal) and biases zero at initialization but trainable. With the backward vectors
 * δ_L = 1, δ_k = σ′(z⁽ᵏ⁾) ⊙ W⁽ᵏ⁺¹⁾ᵀ δ_{k+1} (δ_k = ∂f/∂z⁽ᵏ⁾), the gradient of f is ∂f/∂W⁽ᵏ⁾ = δ_k h⁽ᵏ⁻¹⁾ᵀ and
 * ∂f/∂b⁽ᵏ⁾ = δ_k, so the two diagonal NTKs factorize (one forward and one backward pass, no Jacobian):
 * <pre>
 *   Θ_sp_all   = Σ_θ (∂f/∂θ)² = Σ_k |δ_k|² (1 + |h⁽ᵏ⁻¹⁾|²)          (plain gradients, every weight and bias)
 *   Θ_weights  = Σ_k (C_W/fan_in_k) |δ_k|² |h⁽ᵏ⁻¹⁾|²               (NTK parameterization, weights only)
 * </pre>
 * r is estimated by the ratio of sample moments and its standard error by the delta method,
 * Var(r̂) ≈ (1/N)·∇g ᵀ Cov(Θ², Θ) ∇g with g(m₂, m₁) = m₂/m₁², ∇g = (1/m₁², −2m₂/m₁³).
 *
 * <p><b>What the theorem claims and what it does not.</b> exp(5β) is an exponential-order statement as
 * n, L → ∞ with β fixed, not the numerical value of r. Each single layer's term |δ_k|²(1 + |h⁽ᵏ⁻¹⁾|²) has
 * a ratio close to exp(5β) (0.91–0.99 of it on theory2.json's grid), but the sum over layers is less
 * correlated, and the total r lies well below: log r / 5β ≈ 0.64–0.73 there (theory2.md §3).
 */
public final class NtkFluctuation {
    private NtkFluctuation() {
    }

    /** A ratio E[Θ²]/E[Θ]² with its delta-method standard error. */
    public record Ratio(double value, double standardError) {
    }

    /** The diagonal NTKs of one network: Θ_sp_all, Θ_weights and the per-layer terms of Θ_sp_all (k = 1 … L). */
    public record Diagonal(double spAll, double ntkWeights, double[] spAllTerms) {
    }

    /**
     * The ensemble statistics at one (L, n): the two ratios, exp(5β), the per-layer term ratios and the
     * ensemble means of Θ with their standard errors.
     */
    public record Result(int depth, int width, int networks, double beta, double exp5Beta, Ratio spAll, Ratio ntkWeights,
            Ratio[] perLayerTermRatio, double meanSpAll, double meanSpAllSe, double meanNtkWeights, double meanNtkWeightsSe) {
    }

    /**
     * Θ(x, x) of one network given its weight matrices W⁽¹⁾ … W⁽ᴸ⁾ (each (out, in), the last (1, n)); the
     * biases are zero.
     *
     * @throws IllegalArgumentException if the shapes do not chain from x to a scalar output
     */
    public static Diagonal diagonal(List<double[][]> weights, ScalarActivation a, double cW, double[] x) {
        int depth = weights.size();
        if (depth == 0 || weights.get(depth - 1).length != 1) {
            throw new IllegalArgumentException("NtkFluctuation.diagonal: need at least one layer and a scalar output (last W of"
                    + " shape (1, n)), got " + depth + " layers");
        }
        double[][] hs = new double[depth][];
        double[][] zs = new double[depth][];
        double[] h = x;
        for (int k = 0; k < depth; k++) {
            double[][] w = weights.get(k);
            if (w[0].length != h.length) {
                throw new IllegalArgumentException("NtkFluctuation.diagonal: W of layer " + (k + 1) + " has fan_in "
                        + w[0].length + " but its input has " + h.length + " entries");
            }
            hs[k] = h;
            double[] z = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                double s = 0;
                double[] row = w[i];
                for (int j = 0; j < h.length; j++) {
                    s += row[j] * h[j];
                }
                z[i] = s;
            }
            zs[k] = z;
            double[] next = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                next[i] = a.value(z[i]);
            }
            h = next;
        }
        double[] terms = new double[depth];
        double spAll = 0;
        double ntkWeights = 0;
        double[] delta = {1.0};
        for (int k = depth - 1; k >= 0; k--) {
            double d2 = 0;
            for (double d : delta) {
                d2 += d * d;
            }
            double h2 = 0;
            for (double v : hs[k]) {
                h2 += v * v;
            }
            terms[k] = d2 * (1 + h2);
            spAll += terms[k];
            ntkWeights += cW / hs[k].length * d2 * h2;
            if (k > 0) {
                double[][] w = weights.get(k);
                double[] back = new double[w[0].length];
                for (int i = 0; i < w.length; i++) {
                    double di = delta[i];
                    double[] row = w[i];
                    for (int j = 0; j < back.length; j++) {
                        back[j] += row[j] * di;
                    }
                }
                for (int j = 0; j < back.length; j++) {
                    back[j] *= a.derivative(zs[k - 1][j]);
                }
                delta = back;
            }
        }
        return new Diagonal(spAll, ntkWeights, terms);
    }

    /** Weight matrices W⁽ᵏ⁾ ~ N(0, C_W/fan_in) of a depth-L network n₀ → n → … → n → 1. */
    public static List<double[][]> sampleWeights(Rng rng, double cW, int n0, int width, int depth) {
        List<double[][]> ws = new ArrayList<>();
        int in = n0;
        for (int k = 0; k < depth; k++) {
            int out = k == depth - 1 ? 1 : width;
            double std = Math.sqrt(cW / in);
            double[][] w = new double[out][in];
            for (double[] row : w) {
                for (int j = 0; j < in; j++) {
                    row[j] = std * rng.nextGaussian();
                }
            }
            ws.add(w);
            in = out;
        }
        return ws;
    }

    /** The same weights as tensors, for autograd ({@link NeuralTangentKernel#empirical}). */
    public static List<Tensor> asTensors(List<double[][]> weights) {
        List<Tensor> out = new ArrayList<>();
        for (double[][] w : weights) {
            out.add(Tensor.of(w));
        }
        return out;
    }

    /**
     * The ensemble of N networks (each from its own {@link Rng#split()} of the seed).
     *
     * @throws IllegalArgumentException if depth &lt; 1, width &lt; 1, networks &lt; 2 or x is empty
     */
    public static Result measure(ScalarActivation a, double cW, double[] x, int depth, int width, int networks, long seed) {
        if (depth < 1 || width < 1 || networks < 2 || x.length == 0) {
            throw new IllegalArgumentException("NtkFluctuation.measure: need depth >= 1, width >= 1, networks >= 2 and a"
                    + " non-empty input, got depth " + depth + ", width " + width + ", networks " + networks);
        }
        double[] sp = new double[networks];
        double[] nw = new double[networks];
        double[][] terms = new double[depth][networks];
        Rng root = new Rng(seed);
        for (int i = 0; i < networks; i++) {
            Diagonal d = diagonal(sampleWeights(root.split(), cW, x.length, width, depth), a, cW, x);
            sp[i] = d.spAll();
            nw[i] = d.ntkWeights();
            for (int k = 0; k < depth; k++) {
                terms[k][i] = d.spAllTerms()[k];
            }
        }
        Ratio[] perLayer = new Ratio[depth];
        for (int k = 0; k < depth; k++) {
            perLayer[k] = ratio(terms[k]);
        }
        double beta = (depth - 1) / (double) width;
        return new Result(depth, width, networks, beta, Math.exp(5 * beta), ratio(sp), ratio(nw), perLayer, mean(sp),
                standardError(sp), mean(nw), standardError(nw));
    }

    /** r̂ = mean(Θ²)/mean(Θ)² with its delta-method standard error. */
    public static Ratio ratio(double[] samples) {
        int n = samples.length;
        double m1 = mean(samples);
        double m2 = 0;
        for (double s : samples) {
            m2 += s * s;
        }
        m2 /= n;
        double vA = 0;
        double vB = 0;
        double cov = 0;
        for (double s : samples) {
            double da = s * s - m2;
            double db = s - m1;
            vA += da * da;
            vB += db * db;
            cov += da * db;
        }
        vA /= n - 1;
        vB /= n - 1;
        cov /= n - 1;
        double ga = 1 / (m1 * m1);
        double gb = -2 * m2 / (m1 * m1 * m1);
        double var = (ga * ga * vA + gb * gb * vB + 2 * ga * gb * cov) / n;
        return new Ratio(m2 / (m1 * m1), Math.sqrt(Math.max(0.0, var)));
    }

    /**
     * The infinite-width means for a bias-free ReLU network with C_W = 2 (exact at every width up to the
     * 2⁻ⁿ chance of a dead layer): {E[Θ_sp_all], E[Θ_weights]} = {L + |x|² + (L − 1)n|x|²/n₀, 2L|x|²/n₀}.
     */
    public static double[] reluMeans(double[] x, int depth, int width) {
        double x2 = 0;
        for (double v : x) {
            x2 += v * v;
        }
        return new double[] {depth + x2 + (depth - 1) * (double) width * x2 / x.length, 2.0 * depth * x2 / x.length};
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double standardError(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / (v.length - 1) / v.length);
    }
}
