package org.nabla.train;

import java.util.Arrays;
import java.util.Objects;
import org.nabla.tensor.Tensor;

/**
 * The classification confidence of each object of a data set and its empirical distribution
 * (Berlyand, Jabin &amp; Safsten, "Stability for the training of deep neural networks and other
 * classifiers", Math. Models Methods Appl. Sci. 31 (2021), arXiv 2002.04122, definition of the
 * classification confidence δ_X; Berlyand &amp; Jabin, Mathematics of Deep Learning, De Gruyter 2023).
 *
 * <p>For a soft classifier with class probabilities p(x) = (p₁(x), …, p_K(x)) in the simplex and the
 * true class y of the object x,
 * <pre>
 *   δ(x) = p_y(x) − max_{j≠y} p_j(x)  ∈ [−1, 1].
 * </pre>
 * δ(x) &gt; 0 exactly when x is classified correctly (argmax p = y, ties counting as wrong), so the
 * accuracy is #{δ &gt; 0}/N; |δ(x)| small means x lies near the decision boundary. From logits s(x)
 * the probabilities are p = softmax(s), computed stably as exp(sᵢ − max s)/Σⱼ exp(sⱼ − max s).
 *
 * <p>The empirical distribution over the N objects: the sorted {@link #values()}, the CDF
 * F(t) = #{δ ≤ t}/N ({@link #cdf}), the fraction strictly below t ({@link #fractionBelow}), the mass
 * near the boundary m(t) = #{|δ| &lt; t}/N ({@link #massNear}, the quantity whose behaviour as t → 0
 * the paper's stability condition is about), and a histogram on [−1, 1] ({@link #histogram}).
 * Instances are immutable.
 */
public final class ClassificationConfidence {
    private final double[] sorted;

    private ClassificationConfidence(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(this.sorted);
    }

    /**
     * The confidences of given probabilities: {@code probabilities} of shape (N, K), K ≥ 2, rows in the
     * simplex (not checked beyond finiteness); {@code labels} N whole numbers in [0, K).
     */
    public static ClassificationConfidence ofProbabilities(Tensor probabilities, Tensor labels) {
        return new ClassificationConfidence(confidences(probabilities, labels, false, "ofProbabilities"));
    }

    /** The confidences of p = softmax(logits) row by row; {@code logits} of shape (N, K), K ≥ 2. */
    public static ClassificationConfidence ofLogits(Tensor logits, Tensor labels) {
        return new ClassificationConfidence(confidences(logits, labels, true, "ofLogits"));
    }

    /** A distribution of already computed confidence values (each in [−1, 1]). */
    public static ClassificationConfidence ofValues(double... values) {
        Objects.requireNonNull(values, "values");
        for (double v : values) {
            if (!(v >= -1 && v <= 1)) {
                throw new IllegalArgumentException("ClassificationConfidence.ofValues: a confidence lies in [-1, 1], got " + v);
            }
        }
        return new ClassificationConfidence(values);
    }

    /** δ(x) for each row, in row order: the per-object confidences before sorting. */
    public static double[] confidences(Tensor scores, Tensor labels, boolean logits) {
        return confidences(scores, labels, logits, "confidences");
    }

    private static double[] confidences(Tensor scores, Tensor labels, boolean logits, String op) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        if (scores.rank() != 2 || scores.shape().dim(1) < 2) {
            throw new IllegalArgumentException("ClassificationConfidence." + op + ": expected scores of shape (N, K) with K ≥ 2, got "
                    + scores.shape());
        }
        int n = scores.shape().dim(0);
        int k = scores.shape().dim(1);
        if (labels.shape().size() != n) {
            throw new IllegalArgumentException("ClassificationConfidence." + op + ": " + n + " rows of scores " + scores.shape()
                    + " but " + labels.shape().size() + " labels " + labels.shape());
        }
        if (n == 0) {
            throw new IllegalArgumentException("ClassificationConfidence." + op + ": no objects (scores " + scores.shape() + ")");
        }
        double[] s = scores.toArray();
        double[] y = labels.toArray();
        double[] out = new double[n];
        double[] p = new double[k];
        for (int i = 0; i < n; i++) {
            int label = (int) y[i];
            if (label != y[i] || label < 0 || label >= k) {
                throw new IllegalArgumentException("ClassificationConfidence." + op + ": label " + y[i] + " of object " + i
                        + " is not a class in [0, " + k + ")");
            }
            System.arraycopy(s, i * k, p, 0, k);
            if (logits) {
                softmaxInPlace(p);
            }
            double other = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                if (!Double.isFinite(p[j])) {
                    throw new IllegalArgumentException("ClassificationConfidence." + op + ": score " + s[i * k + j] + " of object " + i
                            + ", class " + j + " is not finite");
                }
                if (j != label && p[j] > other) {
                    other = p[j];
                }
            }
            out[i] = p[label] - other;
        }
        return out;
    }

    private static void softmaxInPlace(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double z = 0;
        for (int j = 0; j < s.length; j++) {
            s[j] = Math.exp(s[j] - max);
            z += s[j];
        }
        for (int j = 0; j < s.length; j++) {
            s[j] /= z;
        }
    }

    /** Number of objects N. */
    public int size() {
        return sorted.length;
    }

    /** The confidences, sorted increasingly (a copy). */
    public double[] values() {
        return sorted.clone();
    }

    /** The accuracy #{δ &gt; 0}/N. */
    public double accuracy() {
        return 1 - cdf(0);
    }

    /** The empirical CDF F(t) = #{δ ≤ t}/N. */
    public double cdf(double t) {
        return (double) countAtMost(t) / sorted.length;
    }

    /** The fraction strictly below t, #{δ &lt; t}/N (the objects not classified correctly with margin t). */
    public double fractionBelow(double t) {
        return (double) countBelow(t) / sorted.length;
    }

    /** The mass near the decision boundary m(t) = #{|δ| &lt; t}/N. */
    public double massNear(double t) {
        return (double) (countBelow(t) - countAtMost(-t)) / sorted.length;
    }

    /** m(t) for each t of a grid. */
    public double[] massNear(double[] grid) {
        double[] m = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            m[i] = massNear(grid[i]);
        }
        return m;
    }

    /** The median confidence (the mean of the two middle values for even N). */
    public double median() {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /**
     * Counts in {@code bins} equal bins of [−1, 1]: bin b is [−1 + b·w, −1 + (b+1)·w) with w = 2/bins,
     * the last bin closed at 1; the counts sum to N.
     */
    public long[] histogram(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("ClassificationConfidence.histogram: expected at least 1 bin, got " + bins);
        }
        long[] c = new long[bins];
        double w = 2.0 / bins;
        for (double v : sorted) {
            int b = (int) Math.floor((v + 1) / w);
            c[Math.min(Math.max(b, 0), bins - 1)]++;
        }
        return c;
    }

    /** #{δ ≤ t}, by bisection on the sorted values. */
    private int countAtMost(double t) {
        return count(t, false);
    }

    /** #{δ &lt; t}. */
    private int countBelow(double t) {
        return count(t, true);
    }

    private int count(double t, boolean strict) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (strict ? sorted[mid] < t : sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "ClassificationConfidence[N=%d, accuracy %.4f, median %.4f, m(0.1) %.4f]",
                size(), accuracy(), median(), massNear(0.1));
    }
}
