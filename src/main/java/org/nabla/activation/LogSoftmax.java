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
            return shifted.sub(shifted.logSumExp(new int[] {axis}, true));
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
