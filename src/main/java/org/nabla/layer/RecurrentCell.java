package org.nabla.layer;

import java.util.List;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * What the recurrent cells share: input-to-hidden and hidden-to-hidden weights W_ih (G·H, D) and
 * W_hh (G·H, H), biases b_ih and b_hh (G·H) for G gates, all initialized U(−1/√H, 1/√H) as PyTorch,
 * and the affine map of the gates a = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh.
 */
public abstract class RecurrentCell extends Module {
    final int inputSize;
    final int hiddenSize;
    final Parameter weightIh;
    final Parameter weightHh;
    final Parameter biasIh;
    final Parameter biasHh;

    RecurrentCell(String name, int inputSize, int hiddenSize, int gates, boolean bias, Rng rng) {
        this(name, inputSize, hiddenSize, gates, bias, "", rng);
    }

    /** A cell whose parameters are named {@code weight_ih + suffix}, … (suffix {@code _l0}, {@code _l1_reverse} in a layer). */
    RecurrentCell(String name, int inputSize, int hiddenSize, int gates, boolean bias, String suffix, Rng rng) {
        if (inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException(name + ": input and hidden sizes must be positive, got input=" + inputSize
                    + ", hidden=" + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        double k = 1.0 / Math.sqrt(hiddenSize);
        this.weightIh = registerParameter("weight_ih" + suffix, Tensor.uniform(rng, -k, k, gates * hiddenSize, inputSize));
        this.weightHh = registerParameter("weight_hh" + suffix, Tensor.uniform(rng, -k, k, gates * hiddenSize, hiddenSize));
        this.biasIh = bias ? registerParameter("bias_ih" + suffix, Tensor.uniform(rng, -k, k, gates * hiddenSize)) : null;
        this.biasHh = bias ? registerParameter("bias_hh" + suffix, Tensor.uniform(rng, -k, k, gates * hiddenSize)) : null;
    }

    /** Input size D. */
    public int inputSize() {
        return inputSize;
    }

    /** Hidden size H. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** x Wᵀ + b (b may be null). */
    static Variable affine(Variable x, Variable w, Variable b) {
        Variable y = x.matmulTransposed(w);
        return b == null ? y : y.add(b);
    }

    Variable bih() {
        return biasIh == null ? null : biasIh.variable();
    }

    Variable bhh() {
        return biasHh == null ? null : biasHh.variable();
    }

    void checkInput(Variable x, Variable h, String what) {
        if (x.shape().rank() != 2 || x.shape().dim(1) != inputSize) {
            throw new IllegalArgumentException(describe() + ": expected input (N, " + inputSize + "), got shape " + x.shape());
        }
        if (h != null && (h.shape().rank() != 2 || h.shape().dim(0) != x.shape().dim(0) || h.shape().dim(1) != hiddenSize)) {
            throw new IllegalArgumentException(describe() + ": expected " + what + " (" + x.shape().dim(0) + ", " + hiddenSize
                    + "), got shape " + h.shape());
        }
    }

    /** The zero state (N, H). */
    Variable zeros(int n) {
        return Variable.constant(Tensor.zeros(n, hiddenSize));
    }

    /** Number of state tensors (1 for RNN and GRU: h; 2 for LSTM: h and c). */
    abstract int stateCount();

    /** Checks that {@code state} holds exactly {@link #stateCount()} tensors. */
    void checkStateCount(List<Variable> state) {
        if (state == null || state.size() != stateCount()) {
            throw new IllegalArgumentException(describe() + ": expected a state list of " + stateCount()
                    + (stateCount() == 1 ? " tensor [h]" : " tensors [h, c]") + ", got "
                    + (state == null ? "null" : state.size() + " tensor" + (state.size() == 1 ? "" : "s")));
        }
    }

    /** One step: the new state from the input and the previous state (h, or h and c). */
    public abstract List<Variable> step(Variable x, List<Variable> state);

    /** Default forward: one step from the zero state, returning h′. */
    @Override
    public Variable forward(Variable x) {
        checkInput(x, null, "h");
        List<Variable> zero = stateCount() == 1 ? List.of(zeros(x.shape().dim(0)))
                : List.of(zeros(x.shape().dim(0)), zeros(x.shape().dim(0)));
        return step(x, zero).get(0);
    }
}
