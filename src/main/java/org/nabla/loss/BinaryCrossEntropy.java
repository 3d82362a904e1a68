package org.nabla.loss;

import org.nabla.autodiff.Operation;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * The binary cross-entropy of probabilities p ∈ [0, 1] against targets y (usually 0 or 1).
 * <pre>
 *   ℓ = −[y·ln p + (1 − y)·ln(1 − p)],
 *   ∂ℓ/∂p = (p − y) / (p(1 − p)),   ∂ℓ/∂y = ln(1 − p) − ln p.
 * </pre>
 * As PyTorch: each logarithm is clamped below at −100, so p = 0 or p = 1 give a finite loss, and the
 * derivative is computed as (p − y) / max(p(1 − p), 10⁻¹²). This is a small fused primitive (its
 * backward is written with Variable operations, so it can be differentiated again) because those
 * clamps, not the textbook formula, are what makes the loss usable at saturated probabilities.
 * Prefer {@link BinaryCrossEntropyWithLogits} on logits: it is exact where this one clamps.
 * Source: Goodfellow, Bengio &amp; Courville, Deep Learning (2016), §6.2.2.2; Bishop, Pattern
 * Recognition and Machine Learning (2006), §4.3.2, eq. (4.90).
 */
public final class BinaryCrossEntropy extends Loss {
    static final double LOG_FLOOR = -100.0;
    static final double EPSILON = 1e-12;

    /** Mean reduction. */
    public BinaryCrossEntropy() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public BinaryCrossEntropy(Reduction reduction) {
        super(reduction);
    }

    @Override
    public Variable forward(Variable probability, Variable target) {
        requireSameShape(probability, target);
        double[] p = probability.value().toArray();
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0.0 && p[i] <= 1.0)) {
                throw new IllegalArgumentException("BinaryCrossEntropy: probability " + p[i] + " at flat position " + i
                        + " (input shape " + probability.shape() + ") is outside [0, 1]; for logits use "
                        + "BinaryCrossEntropyWithLogits");
            }
        }
        return reduction().reduce(new Primitive().apply(probability, target));
    }

    /** ℓ = −[y·max(ln p, −100) + (1 − y)·max(ln(1 − p), −100)]. */
    static final class Primitive extends Operation {
        Primitive() {
            super("binaryCrossEntropy");
        }

        private static double clampedLog(double v) {
            return Math.max(Math.log(v), LOG_FLOOR);
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].zipWith(x[1], "binaryCrossEntropy",
                    (p, y) -> 0.0 - (y * clampedLog(p) + (1.0 - y) * clampedLog(1.0 - p)));
        }

        @Override
        protected Variable jvp(Variable[] t) {
            // ℓ̇ = ṗ ⊙ (p − y) / max(p(1 − p), 10⁻¹²) + ẏ ⊙ (ln(1 − p) − ln p), each log clamped as the forward
            Variable p = input(0);
            Variable y = input(1);
            Variable tp = null;
            if (t[0] != null) {
                Variable denominator = p.mul(p.rsub(1.0)).clip(EPSILON, Double.POSITIVE_INFINITY);
                tp = t[0].mul(p.sub(y)).div(denominator);
            }
            Variable ty = null;
            if (t[1] != null) {
                ty = t[1].mul(Variable.constant(p.value().map(v -> clampedLog(1.0 - v) - clampedLog(v))));
            }
            return sumOfTangents(tp, ty);
        }

        @Override
        protected Variable[] backward(Variable g) {
            Variable p = input(0);
            Variable y = input(1);
            Variable gp = null;
            Variable gy = null;
            if (needsGrad(0)) {
                Variable denominator = p.mul(p.rsub(1.0)).clip(EPSILON, Double.POSITIVE_INFINITY);
                gp = g.mul(p.sub(y)).div(denominator);
            }
            if (needsGrad(1)) {
                Tensor pv = p.value();
                Tensor logs = pv.map(v -> clampedLog(1.0 - v) - clampedLog(v));
                gy = g.mul(Variable.constant(logs));
            }
            return new Variable[] {gp, gy};
        }
    }
}
