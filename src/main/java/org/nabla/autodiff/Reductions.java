package org.nabla.autodiff;

import java.util.Arrays;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/** Reductions over axes and their vector-Jacobian products. */
final class Reductions {
    private Reductions() {
    }

    /** The shape of a reduction with keepDims = true. */
    static int[] keptShape(Shape in, int[] axes) {
        int[] d = in.dims();
        if (axes == null) {
            Arrays.fill(d, 1);
            return d;
        }
        for (int a : axes) {
            d[in.axis(a, "reduce")] = 1;
        }
        return d;
    }

    /** Reshapes a reduced cotangent to the keepDims shape and broadcasts it back over the input. */
    static Variable expandBack(Variable g, Shape in, int[] axes) {
        return g.reshape(keptShape(in, axes)).broadcastTo(in);
    }

    /** y = Σ over axes of x;  x̄ = ȳ broadcast back over the summed axes. */
    static final class Sum extends Operation {
        private final int[] axes;
        private final boolean keepDims;

        Sum(int[] axes, boolean keepDims) {
            super("sum");
            this.axes = axes;
            this.keepDims = keepDims;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].sum(axes, keepDims);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return t[0].sum(axes, keepDims);
        }

        @Override
        protected Variable[] backward(Variable g) {
            return new Variable[] {expandBack(g, input(0).shape(), axes)};
        }
    }

    /**
     * y = max over axes of x;  x̄ = ȳ ⊙ 1[x = y] / (number of maximal entries): at ties the cotangent
     * is shared equally among the maximal entries (PyTorch's amax rule; without ties it agrees with
     * max(dim), which sends it to the single maximal entry).
     */
    static final class Max extends Operation {
        private final int[] axes;
        private final boolean keepDims;
        private final boolean isMax;

        Max(int[] axes, boolean keepDims, boolean isMax) {
            super(isMax ? "max" : "min");
            this.axes = axes;
            this.keepDims = keepDims;
            this.isMax = isMax;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return isMax ? x[0].max(axes, keepDims) : x[0].min(axes, keepDims);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            // ẏ = the mean of ẋ over the maximal entries (the Jacobian row of the vjp's tie rule)
            Tensor x = input(0).value();
            Tensor y = output().value().reshape(keptShape(x.shape(), axes));
            Tensor mask = x.eq(y);
            Tensor w = mask.div(mask.sum(axes, true));
            return t[0].mul(Variable.constant(w)).sum(axes, keepDims);
        }

        @Override
        protected Variable[] backward(Variable g) {
            Tensor x = input(0).value();
            Tensor y = output().value().reshape(keptShape(x.shape(), axes));
            Tensor mask = x.eq(y);
            Tensor count = mask.sum(axes, true);
            Tensor w = mask.div(count);
            return new Variable[] {expandBack(g, x.shape(), axes).mul(Variable.constant(w))};
        }
    }

    /**
     * y = log Σ exp(x) over axes, computed as m + log Σ exp(x − m) with m = max x;
     * x̄ = ȳ ⊙ softmax(x) along the axes, the softmax computed as exp(s − log Σ exp(s)) with s = x − m
     * (not exp(x − y): near Double.MAX_VALUE, y = m + log n rounds to m and exp(x − y) to 1).
     */
    static final class LogSumExp extends Operation {
        private final int[] axes;
        private final boolean keepDims;

        LogSumExp(int[] axes, boolean keepDims) {
            super("logSumExp");
            this.axes = axes;
            this.keepDims = keepDims;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].logSumExp(axes, keepDims);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            // ẏ = Σ softmax(x) ⊙ ẋ over the axes
            Shape in = input(0).shape();
            if (in.size() == 0) {
                return null;
            }
            Tensor m = input(0).value().max(axes, true).map(v -> Double.isFinite(v) ? v : 0.0);
            Variable shifted = input(0).sub(Variable.constant(m));
            Variable softmax = shifted.sub(shifted.logSumExp(axes, true)).exp();
            return t[0].mul(softmax).sum(axes, keepDims);
        }

        @Override
        protected Variable[] backward(Variable g) {
            Shape in = input(0).shape();
            if (in.size() == 0) {
                return new Variable[] {Variable.constant(Tensor.zeros(in))};
            }
            Tensor m = input(0).value().max(axes, true).map(v -> Double.isFinite(v) ? v : 0.0);
            Variable shifted = input(0).sub(Variable.constant(m));
            Variable softmax = shifted.sub(shifted.logSumExp(axes, true)).exp();
            return new Variable[] {expandBack(g, in, axes).mul(softmax)};
        }
    }
}
