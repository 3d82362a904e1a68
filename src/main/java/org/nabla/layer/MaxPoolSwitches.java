package org.nabla.layer;

import org.nabla.autodiff.Operation;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * The "switches" of a max-pooling (Zeiler &amp; Fergus, "Visualizing and understanding convolutional
 * networks", ECCV 2014, §2.1): for every output entry o, the set S(o) of input entries of its window
 * that attain the maximum. With the switches fixed, the derivative of max-pooling is the linear map
 * <pre>
 *   unpool:  x̄ᵢ = Σ_{o : i ∈ S(o)} ȳₒ / |S(o)|        (output-shaped → input-shaped)
 * </pre>
 * — each output's cotangent goes to the entry that was the maximum, shared equally at exact ties
 * (a valid subgradient; PyTorch gives it all to the first). Its adjoint is
 * <pre>
 *   pool:    ȳₒ = (1/|S(o)|) Σ_{i ∈ S(o)} x̄ᵢ           (input-shaped → output-shaped),
 * </pre>
 * the mean over the switches. The two are each other's vector-Jacobian products ({@link Unpool},
 * {@link Pool}), so gradients of any order follow; the switches themselves are piecewise constant in
 * x and contribute nothing.
 *
 * <p>Stored compactly: the switches of output o are {@code index[start[o]] … index[start[o+1] − 1]},
 * flat row-major positions in the input.
 */
final class MaxPoolSwitches {
    private final Shape input;
    private final Shape output;
    private final int[] start;
    private final int[] index;

    MaxPoolSwitches(Shape input, Shape output, int[] start, int[] index) {
        this.input = input;
        this.output = output;
        this.start = start;
        this.index = index;
    }

    /** x̄ᵢ = Σ_{o : i ∈ S(o)} ȳₒ / |S(o)|. */
    Tensor unpool(Tensor gradOutput) {
        double[] g = gradOutput.dataView();
        return Tensor.build(input, out -> {
            for (int o = 0; o < start.length - 1; o++) {
                int from = start[o];
                int to = start[o + 1];
                if (to - from == 1) {
                    out[index[from]] += g[o];
                } else {
                    double share = g[o] / (to - from);
                    for (int t = from; t < to; t++) {
                        out[index[t]] += share;
                    }
                }
            }
        });
    }

    /** ȳₒ = (1/|S(o)|) Σ_{i ∈ S(o)} x̄ᵢ. */
    Tensor pool(Tensor gradInput) {
        double[] g = gradInput.dataView();
        return Tensor.build(output, out -> {
            for (int o = 0; o < start.length - 1; o++) {
                int from = start[o];
                int to = start[o + 1];
                double sum = 0.0;
                for (int t = from; t < to; t++) {
                    sum += g[index[t]];
                }
                out[o] = to - from > 1 ? sum / (to - from) : sum;
            }
        });
    }

    /** The linear map {@link #unpool}; its vector-Jacobian product is {@link Pool}. */
    static final class Unpool extends Operation {
        private final MaxPoolSwitches switches;

        Unpool(MaxPoolSwitches switches) {
            super("maxUnpool2d");
            this.switches = switches;
        }

        @Override
        protected Tensor forward(Tensor[] inputs) {
            return switches.unpool(inputs[0]);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return new Unpool(switches).apply(t[0]);
        }

        @Override
        protected Variable[] backward(Variable gradOutput) {
            return new Variable[] {new Pool(switches).apply(gradOutput)};
        }
    }

    /** The linear map {@link #pool}; its vector-Jacobian product is {@link Unpool}. */
    static final class Pool extends Operation {
        private final MaxPoolSwitches switches;

        Pool(MaxPoolSwitches switches) {
            super("switchMean");
            this.switches = switches;
        }

        @Override
        protected Tensor forward(Tensor[] inputs) {
            return switches.pool(inputs[0]);
        }

        @Override
        protected Variable jvp(Variable[] t) {
            return new Pool(switches).apply(t[0]);
        }

        @Override
        protected Variable[] backward(Variable gradOutput) {
            return new Variable[] {new Unpool(switches).apply(gradOutput)};
        }
    }
}
