package org.nabla.activation;

import org.nabla.autodiff.Operation;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Tensor;

/**
 * The logarithm of the softmax along an axis (default: the last).
 * <pre>
 *   log softmax(x)ᵢ = xᵢ − log Σⱼ e^(xⱼ),
 *   ∂/∂xⱼ log softmax(x)ᵢ = δᵢⱼ − softmax(x)ⱼ,   so   x̄ = ȳ − softmax(x) · Σᵢ ȳᵢ.
 * </pre>
 * A fused primitive, because stability needs it: the forward pass computes
 * x − m − log Σⱼ e^(xⱼ − m) with m = maxⱼ xⱼ (the log-sum-exp trick), so logits of magnitude 1000
 * or 10⁴ give finite values, whereas log(softmax(x)) would take the log of an underflowed 0.
 * Infinite logits give the limit of the formula: a slice with one +∞ gives 0 there and −∞ elsewhere
 * (so softmax([∞, 0]) = [1, 0]), −∞ entries give −∞ (probability 0); the result is NaN only where
 * the formula has no limit — at each of two or more +∞ in a slice, in a slice of only −∞, and in a
 * slice holding a NaN.
 * The backward rule is written with Variable operations (softmax = e^y from the output y), so the
 * gradient is differentiable again: second derivatives (Hessian-vector products) are exact.
 * Source: Goodfellow, Bengio &amp; Courville, Deep Learning (2016), §4.1 and §6.2.2.3, eq. (6.33).
 */
public final class LogSoftmax extends Module {
    private final int axis;

    /** Along the last axis. */
    public LogSoftmax() {
        this(-1);
    }

    /** Along the given axis (negative counts from the end). */
    public LogSoftmax(int axis) {
        this.axis = axis;
    }

    /** The axis. */
    public int axis() {
        return axis;
    }

    /** log softmax of x along an axis. */
    public static Variable logSoftmax(Variable x, int axis) {
        int ax = x.shape().axis(axis, "logSoftmax");
        return new Primitive(ax).apply(x);
    }

    /** log softmax along the last axis. */
    public static Variable logSoftmax(Variable x) {
        return logSoftmax(x, -1);
    }

    @Override
    public Variable forward(Variable x) {
        return logSoftmax(x, axis);
    }

    @Override
    protected String describe() {
        return "LogSoftmax(axis=" + axis + ")";
    }

    /** y = x − logsumexp(x) along an axis;  x̄ = ȳ − e^y ⊙ Σ ȳ. */
    static final class Primitive extends Operation {
        private final int axis;

        Primitive(int axis) {
            super("logSoftmax");
            this.axis = axis;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            if (x[0].size() == 0) {
                return x[0];
            }
            // (x − m) − log Σ e^(x − m): subtracting m first keeps the result exact where x − logsumexp(x)
            // would round (at |x| ≈ Double.MAX_VALUE, logsumexp(x) = m + log n rounds back to m)
            Tensor m = x[0].max(new int[] {axis}, true).map(v -> Double.isFinite(v) ? v : 0.0);
            Tensor shifted = x[0].sub(m);
            Tensor y = shifted.sub(shifted.logSumExp(new int[] {axis}, true));
            return hasPositiveInfinity(x[0]) ? limits(x[0], y, axis) : y;
        }

        private static boolean hasPositiveInfinity(Tensor x) {
            for (double v : x.toArray()) {
                if (v == Double.POSITIVE_INFINITY) {
                    return true;
                }
            }
            return false;
        }

        /**
         * In a slice with one +∞ (and no NaN) the limit of the formula: 0 there and −∞ elsewhere; with
         * several +∞ the limit depends on how they grow, so NaN there (and −∞ elsewhere).
         */
        private static Tensor limits(Tensor x, Tensor y, int axis) {
            int[] ax = {axis};
            double[] inf = x.map(v -> v == Double.POSITIVE_INFINITY ? 1.0 : 0.0).sum(ax, true)
                    .broadcastTo(x.shape()).toArray();
            double[] nan = x.map(v -> Double.isNaN(v) ? 1.0 : 0.0).sum(ax, true).broadcastTo(x.shape()).toArray();
            double[] xs = x.toArray();
            double[] out = y.toArray();
            for (int i = 0; i < out.length; i++) {
                if (inf[i] > 0 && nan[i] == 0) {
                    out[i] = xs[i] != Double.POSITIVE_INFINITY ? Double.NEGATIVE_INFINITY : inf[i] == 1 ? 0.0 : Double.NaN;
                }
            }
            return Tensor.of(x.shape(), out);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            // ẏ = ẋ − Σⱼ softmax(x)ⱼ ẋⱼ along the axis
            Variable softmax = output().exp();
            return t[0].sub(softmax.mul(t[0]).sum(axis, true));
        }

        @Override
        protected Variable[] backward(Variable g) {
            Variable softmax = output().exp();
            return new Variable[] {g.sub(softmax.mul(g.sum(axis, true)))};
        }
    }
}
