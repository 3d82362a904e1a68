package org.nabla.data;

import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Seeded synthetic data sets for experiments whose answer is known: the toy problems of the
 * textbooks. Every generator takes a seed (the same seed gives the same bits) and returns a
 * {@link TensorDataset}. Classification sets have targets of shape (n) holding the labels 0 and 1
 * as doubles, classes as balanced as n allows, examples in random order; regression sets have
 * features (n, d) and targets (n, 1). "Noise σ" means independent N(0, σ²) draws added to each
 * coordinate (σ = 0: exact data).
 */
public final class Synthetic {
    private Synthetic() {
    }

    /**
     * The four points of XOR: x ∈ {0, 1}², y = x₁ ⊕ x₂, in the order (0,0), (0,1), (1,0), (1,1).
     * The smallest problem a linear model cannot solve and one hidden layer can (Minsky &amp; Papert,
     * <i>Perceptrons</i>, 1969; Goodfellow, Bengio &amp; Courville, <i>Deep Learning</i>, 2016, §6.1).
     */
    public static TensorDataset xor() {
        return new TensorDataset(Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}), Tensor.of(0, 1, 1, 0));
    }

    /**
     * Noisy XOR: n points, each a uniformly chosen corner c ∈ {0, 1}² plus noise σ, labelled
     * c₁ ⊕ c₂ (the label of the corner, even when the noise carries the point across x = ½).
     */
    public static TensorDataset xor(int n, double noise, long seed) {
        check("xor", n, noise);
        Rng rng = new Rng(seed);
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(4);
            int a = c >> 1;
            int b = c & 1;
            x[2 * i] = a + noise * rng.nextGaussian();
            x[2 * i + 1] = b + noise * rng.nextGaussian();
            y[i] = a ^ b;
        }
        return new TensorDataset(Tensor.of(Shape.of(n, 2), x), Tensor.of(Shape.of(n), y));
    }

    /**
     * Two interleaving half circles (scikit-learn's {@code make_moons}): ⌊n/2⌋ points of class 0 on
     * (cos t, sin t) and n − ⌊n/2⌋ of class 1 on (1 − cos t, ½ − sin t), t evenly spaced in [0, π],
     * plus noise σ, shuffled.
     */
    public static TensorDataset twoMoons(int n, double noise, long seed) {
        check("twoMoons", n, noise);
        Rng rng = new Rng(seed);
        int nOut = n / 2;
        int nIn = n - nOut;
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < nOut; i++) {
            double t = nOut == 1 ? 0 : Math.PI * i / (nOut - 1);
            x[2 * i] = Math.cos(t);
            x[2 * i + 1] = Math.sin(t);
        }
        for (int i = 0; i < nIn; i++) {
            double t = nIn == 1 ? 0 : Math.PI * i / (nIn - 1);
            x[2 * (nOut + i)] = 1 - Math.cos(t);
            x[2 * (nOut + i) + 1] = 0.5 - Math.sin(t);
            y[nOut + i] = 1;
        }
        return noisyShuffled(x, y, noise, rng);
    }

    /**
     * Two interlocking spirals (Lang &amp; Witbrock, "Learning to tell two spirals apart", 1988): for
     * j = 0, …, m−1 with t = π/2 + 3π·j/(m − 1) and r = t/(3.5π), class 0 at r(cos t, sin t) and class
     * 1 at the point reflected through the origin, −r(cos t, sin t) — one and a half turns each —
     * plus noise σ, shuffled. Class 0 gets ⌈n/2⌉ points, class 1 ⌊n/2⌋.
     */
    public static TensorDataset twoSpirals(int n, double noise, long seed) {
        check("twoSpirals", n, noise);
        Rng rng = new Rng(seed);
        int n0 = n - n / 2;
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int cls = i < n0 ? 0 : 1;
            int j = cls == 0 ? i : i - n0;
            int m = cls == 0 ? n0 : n / 2;
            double t = Math.PI / 2 + (m == 1 ? 0 : 3 * Math.PI * j / (m - 1));
            double r = t / (3.5 * Math.PI);
            double s = cls == 0 ? 1 : -1;
            x[2 * i] = s * r * Math.cos(t);
            x[2 * i + 1] = s * r * Math.sin(t);
            y[i] = cls;
        }
        return noisyShuffled(x, y, noise, rng);
    }

    /**
     * Two concentric circles (scikit-learn's {@code make_circles}): ⌊n/2⌋ points of class 0 on the
     * unit circle and n − ⌊n/2⌋ of class 1 on the circle of radius {@code factor} ∈ (0, 1), at angles
     * 2πj/m (j = 0, …, m−1), plus noise σ, shuffled. Not linearly separable; separable after the
     * feature map x ↦ ‖x‖².
     */
    public static TensorDataset circles(int n, double factor, double noise, long seed) {
        check("circles", n, noise);
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("circles: factor must be in (0, 1), got " + factor);
        }
        Rng rng = new Rng(seed);
        int nOut = n / 2;
        int nIn = n - nOut;
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < nOut; i++) {
            double t = 2 * Math.PI * i / nOut;
            x[2 * i] = Math.cos(t);
            x[2 * i + 1] = Math.sin(t);
        }
        for (int i = 0; i < nIn; i++) {
            double t = 2 * Math.PI * i / nIn;
            x[2 * (nOut + i)] = factor * Math.cos(t);
            x[2 * (nOut + i) + 1] = factor * Math.sin(t);
            y[nOut + i] = 1;
        }
        return noisyShuffled(x, y, noise, rng);
    }

    /**
     * Linear regression data y = Xw + b + ε: X ∈ ℝ^(n×d) with independent N(0, 1) entries, w ∈ ℝ^d
     * given (shape (d)), ε ~ N(0, σ²). Features (n, d), targets (n, 1). Least squares recovers w and b
     * up to O(σ/√n) (Hastie, Tibshirani &amp; Friedman, <i>The Elements of Statistical Learning</i>,
     * 2nd ed., 2009, §3.2).
     */
    public static TensorDataset linearRegression(int n, Tensor weights, double bias, double noise, long seed) {
        check("linearRegression", n, noise);
        if (weights.rank() != 1) {
            throw new IllegalArgumentException("linearRegression: weights must have shape (d), got " + weights.shape());
        }
        int d = weights.dim(0);
        double[] w = weights.toArray();
        Rng rng = new Rng(seed);
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = bias;
            for (int k = 0; k < d; k++) {
                double v = rng.nextGaussian();
                x[i * d + k] = v;
                s += v * w[k];
            }
            y[i] = s + noise * rng.nextGaussian();
        }
        return new TensorDataset(Tensor.of(Shape.of(n, d), x), Tensor.of(Shape.of(n, 1), y));
    }

    /**
     * Polynomial regression data y = c₀ + c₁x + … + c_k x^k + ε, x ~ U(−1, 1), ε ~ N(0, σ²):
     * features (n, 1) holding x, targets (n, 1). The classic example of under- and over-fitting
     * (Bishop, <i>Pattern Recognition and Machine Learning</i>, 2006, §1.1).
     *
     * @param coefficients c₀, c₁, …, c_k (at least one)
     */
    public static TensorDataset polynomialRegression(int n, double[] coefficients, double noise, long seed) {
        check("polynomialRegression", n, noise);
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("polynomialRegression: expected at least one coefficient c₀");
        }
        Rng rng = new Rng(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double v = rng.uniform(-1, 1);
            double p = 0;
            for (int k = coefficients.length - 1; k >= 0; k--) {
                p = p * v + coefficients[k]; // Horner's rule
            }
            x[i] = v;
            y[i] = p + noise * rng.nextGaussian();
        }
        return new TensorDataset(Tensor.of(Shape.of(n, 1), x), Tensor.of(Shape.of(n, 1), y));
    }

    private static void check(String op, int n, double noise) {
        if (n < 1) {
            throw new IllegalArgumentException(op + ": the number of examples must be ≥ 1, got " + n);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException(op + ": noise σ must be finite and ≥ 0, got " + noise);
        }
    }

    private static TensorDataset noisyShuffled(double[] x, double[] y, double noise, Rng rng) {
        int n = y.length;
        for (int i = 0; i < x.length; i++) {
            x[i] += noise * rng.nextGaussian();
        }
        int[] p = rng.permutation(n);
        double[] xs = new double[x.length];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[2 * i] = x[2 * p[i]];
            xs[2 * i + 1] = x[2 * p[i] + 1];
            ys[i] = y[p[i]];
        }
        return new TensorDataset(Tensor.of(Shape.of(n, 2), xs), Tensor.of(Shape.of(n), ys));
    }
}
