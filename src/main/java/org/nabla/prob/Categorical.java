package org.nabla.prob;

import java.util.Arrays;
import org.nabla.activation.LogSoftmax;
import org.nabla.activation.Softmax;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * The categorical distribution over classes {0, …, K−1}, parameterized by logits ℓ ∈ ℝ^K along the
 * last axis (batch shape = the logits' shape without that axis): p = softmax(ℓ).
 * <pre>
 *   P(x = k) = pₖ = e^(ℓₖ) / Σⱼ e^(ℓⱼ),
 *   log P(x = k) = ℓₖ − log Σⱼ e^(ℓⱼ),   ∂ log P(x = k)/∂ℓⱼ = 1[j = k] − pⱼ,
 *   H = −Σₖ pₖ log pₖ.
 * </pre>
 * The log-probabilities are the stable log-softmax ℓₖ − m − log Σⱼ e^(ℓⱼ − m), m = maxⱼ ℓⱼ
 * ({@link LogSoftmax}); the entropy is −Σ softmax(ℓ) ⊙ log-softmax(ℓ), finite even where some pₖ
 * underflows to 0. Samples are drawn by inverting the cumulative distribution with one uniform per
 * draw. The {@link #mean()} and {@link #variance()} are those of the class index k as a number.
 * No reparameterization exists for a discrete variable ({@link #rsample} throws).
 *
 * <p>Source: C. M. Bishop, Pattern Recognition and Machine Learning (2006), §2.2 (multinomial
 * variables), eq. (2.26); §4.3.4 for the softmax link.
 */
public final class Categorical extends Distribution {
    private final Variable logits;
    private final int classes;

    /** A categorical with logits of shape (…, K), K ≥ 1. */
    public Categorical(Variable logits) {
        super(batchOf(require("Categorical", "logits", logits)));
        double[] l = logits.value().toArray();
        for (int i = 0; i < l.length; i++) {
            if (Double.isNaN(l[i]) || l[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("Categorical: logits must not be NaN or +∞, got " + l[i]
                        + " at flat index " + i + " of shape " + logits.shape());
            }
        }
        this.logits = logits;
        this.classes = logits.shape().dim(-1);
    }

    private static Shape batchOf(Variable logits) {
        Shape s = logits.shape();
        if (s.rank() == 0 || s.dim(-1) == 0) {
            throw new IllegalArgumentException("Categorical: expected logits of shape (…, K) with K ≥ 1 classes on the"
                    + " last axis, got shape " + s);
        }
        return Shape.of(Arrays.copyOf(s.dims(), s.rank() - 1));
    }

    /** The logits ℓ, shape (…, K). */
    public Variable logits() {
        return logits;
    }

    /** The number of classes K. */
    public int classes() {
        return classes;
    }

    /** p = softmax(ℓ) along the last axis. */
    public Variable probabilities() {
        return Softmax.softmax(logits, -1);
    }

    /**
     * log P(x) for class indices x (whole numbers in [0, K)), shaped like the broadcast of x with the
     * batch shape.
     */
    @Override
    public Variable logProb(Variable x) {
        Shape s = eventShape(x, "logProb");
        double[] v = x.value().toArray();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] < classes && v[i] == Math.rint(v[i]))) {
                throw new IllegalArgumentException("Categorical.logProb: x must hold class indices 0…" + (classes - 1)
                        + ", got " + v[i] + " at flat index " + i + " of shape " + x.shape());
            }
        }
        int[] withClasses = Arrays.copyOf(s.dims(), s.rank() + 1);
        withClasses[s.rank()] = classes;
        int[] withOne = withClasses.clone();
        withOne[s.rank()] = 1;
        Variable logP = LogSoftmax.logSoftmax(logits, -1).broadcastTo(withClasses);
        Tensor index = x.value().broadcastTo(s).contiguous().reshape(withOne);
        return logP.gather(-1, index).reshape(s.dims());
    }

    /** Class indices drawn by inverting the cumulative distribution of p = softmax(ℓ). */
    @Override
    public Tensor sample(Rng rng, int... n) {
        requireRng("sample", rng);
        Shape s = sampleShape("sample", n);
        double[] p = Softmax.softmax(Variable.constant(logits.value()), -1).value().toArray();
        int rows = batchShape().size();
        int draws = s.size() / Math.max(rows, 1);
        double[] out = new double[s.size()];
        for (int d = 0; d < draws; d++) {
            for (int r = 0; r < rows; r++) {
                double u = rng.nextDouble();
                double c = 0;
                int k = 0;
                int last = 0;
                for (; k < classes; k++) {
                    double pk = p[r * classes + k];
                    if (pk > 0) {
                        last = k;
                    }
                    c += pk;
                    if (u < c && pk > 0) {
                        break;
                    }
                }
                out[d * rows + r] = k < classes ? k : last;
            }
        }
        return Tensor.of(s, out);
    }

    /** H = −Σₖ pₖ log pₖ. */
    @Override
    public Variable entropy() {
        return Softmax.softmax(logits, -1).mul(LogSoftmax.logSoftmax(logits, -1)).sum(-1).neg();
    }

    /** E[k] = Σₖ k pₖ. */
    @Override
    public Variable mean() {
        return probabilities().mul(Variable.constant(Tensor.arange(classes))).sum(-1);
    }

    /** Var[k] = Σₖ k² pₖ − (Σₖ k pₖ)². */
    @Override
    public Variable variance() {
        Variable p = probabilities();
        Tensor k = Tensor.arange(classes);
        Variable m = p.mul(Variable.constant(k)).sum(-1);
        return p.mul(Variable.constant(k.square())).sum(-1).sub(m.square());
    }
}
