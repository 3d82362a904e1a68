package org.nabla.train;

import java.util.Locale;
import org.nabla.tensor.Tensor;

/**
 * The confusion matrix C of a classifier over k classes: C[i][j] = number of examples of true class i
 * predicted as class j. From it: accuracy = Σᵢ Cᵢᵢ / Σᵢⱼ Cᵢⱼ, precision of class j = Cⱼⱼ / Σᵢ Cᵢⱼ,
 * recall of class i = Cᵢᵢ / Σⱼ Cᵢⱼ, and F₁ = 2PR/(P + R) (Manning, Raghavan &amp; Schütze,
 * Introduction to Information Retrieval, §8.3).
 *
 * <p>To draw it as a heat map: {@code TrainingPlots.confusion(matrix).writePng(path)} in
 * {@code org.nabla.viz} ({@code train} is below {@code viz} and does not know it).
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    /** An empty matrix for k classes. */
    public ConfusionMatrix(int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("ConfusionMatrix: number of classes must be positive, got " + classes);
        }
        this.counts = new long[classes][classes];
    }

    /** Number of classes. */
    public int classes() {
        return counts.length;
    }

    /** Records one example. */
    public void add(int trueClass, int predictedClass) {
        check(trueClass, "true class");
        check(predictedClass, "predicted class");
        counts[trueClass][predictedClass]++;
    }

    private void check(int c, String what) {
        if (c < 0 || c >= counts.length) {
            throw new IllegalArgumentException("ConfusionMatrix: " + what + " " + c + " is out of range (expected 0 ≤ class < "
                    + counts.length + ")");
        }
    }

    /**
     * Records a batch: scores (n, k) whose arg-max is the prediction, and the true labels (n) as whole
     * numbers.
     */
    public void add(Tensor scores, Tensor labels) {
        if (scores.rank() != 2 || scores.dim(1) != counts.length || labels.rank() != 1 || labels.dim(0) != scores.dim(0)) {
            throw new IllegalArgumentException("ConfusionMatrix: expected scores (n, " + counts.length + ") and labels (n), got "
                    + scores.shape() + " and " + labels.shape());
        }
        double[] pred = scores.argmax(1).toArray();
        double[] y = labels.toArray();
        for (int i = 0; i < y.length; i++) {
            if (y[i] != Math.rint(y[i])) {
                throw new IllegalArgumentException("ConfusionMatrix: label " + y[i] + " at row " + i
                        + " is not a whole number");
            }
        }
        for (int i = 0; i < y.length; i++) {
            add((int) y[i], (int) pred[i]);
        }
    }

    /** C[trueClass][predictedClass]. */
    public long count(int trueClass, int predictedClass) {
        check(trueClass, "true class");
        check(predictedClass, "predicted class");
        return counts[trueClass][predictedClass];
    }

    /** Total number of examples. */
    public long total() {
        long t = 0;
        for (long[] r : counts) {
            for (long v : r) {
                t += v;
            }
        }
        return t;
    }

    /** Fraction of examples on the diagonal (NaN when empty). */
    public double accuracy() {
        long d = 0;
        for (int i = 0; i < counts.length; i++) {
            d += counts[i][i];
        }
        long t = total();
        return t == 0 ? Double.NaN : (double) d / t;
    }

    /** Precision of a class: correct predictions of it over all predictions of it (NaN if never predicted). */
    public double precision(int c) {
        check(c, "class");
        long col = 0;
        for (long[] r : counts) {
            col += r[c];
        }
        return col == 0 ? Double.NaN : (double) counts[c][c] / col;
    }

    /** Recall of a class: correct predictions of it over all its examples (NaN if absent). */
    public double recall(int c) {
        check(c, "class");
        long row = 0;
        for (long v : counts[c]) {
            row += v;
        }
        return row == 0 ? Double.NaN : (double) counts[c][c] / row;
    }

    /** F₁ score of a class, the harmonic mean of precision and recall. */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    /** The matrix as a table with row = true class, column = predicted class. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("true\\pred");
        int w = Math.max(5, Long.toString(total()).length() + 1);
        for (int j = 0; j < counts.length; j++) {
            sb.append(String.format(Locale.ROOT, "%" + w + "d", j));
        }
        sb.append('\n');
        for (int i = 0; i < counts.length; i++) {
            sb.append(String.format(Locale.ROOT, "%9d", i));
            for (int j = 0; j < counts.length; j++) {
                sb.append(String.format(Locale.ROOT, "%" + w + "d", counts[i][j]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
