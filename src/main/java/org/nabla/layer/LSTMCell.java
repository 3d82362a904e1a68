package org.nabla.layer;

import java.util.List;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;

/**
 * The long short-term memory cell (Hochreiter &amp; Schmidhuber 1997, with the forget gate of Gers,
 * Schmidhuber &amp; Cummins 2000), gates in PyTorch's order i, f, g, o:
 * <pre>
 *   [a_i, a_f, a_g, a_o] = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh
 *   i = σ(a_i),  f = σ(a_f),  g = tanh(a_g),  o = σ(a_o)
 *   c′ = f ⊙ c + i ⊙ g
 *   h′ = o ⊙ tanh(c′)
 * </pre>
 * Shapes: x (N, D), h and c (N, H), W_ih (4H, D), W_hh (4H, H), b_ih, b_hh (4H).
 */
public final class LSTMCell extends RecurrentCell {
    /** A cell with biases. */
    public LSTMCell(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, true, rng);
    }

    /** A cell, with or without biases. */
    public LSTMCell(int inputSize, int hiddenSize, boolean bias, Rng rng) {
        this(inputSize, hiddenSize, bias, "", rng);
    }

    /** A cell whose parameter names end in {@code suffix} (as one layer and direction of a network). */
    LSTMCell(int inputSize, int hiddenSize, boolean bias, String suffix, Rng rng) {
        super("LSTMCell", inputSize, hiddenSize, 4, bias, suffix, rng);
    }

    @Override
    int stateCount() {
        return 2;
    }

    /** (h′, c′) from x and (h, c). */
    @Override
    public List<Variable> step(Variable x, List<Variable> state) {
        checkStateCount(state);
        checkInput(x, state.get(0), "h");
        checkInput(x, state.get(1), "c");
        return cell(x, state.get(0), state.get(1), weightIh.variable(), weightHh.variable(), bih(), bhh());
    }

    /** The functional form, returning [h′, c′]. */
    public static List<Variable> cell(Variable x, Variable h, Variable c, Variable wIh, Variable wHh, Variable bIh,
                                      Variable bHh) {
        int hs = h.shape().dim(1);
        Variable a = affine(x, wIh, bIh).add(affine(h, wHh, bHh));
        Variable i = a.slice(1, 0, hs).sigmoid();
        Variable f = a.slice(1, hs, 2 * hs).sigmoid();
        Variable g = a.slice(1, 2 * hs, 3 * hs).tanh();
        Variable o = a.slice(1, 3 * hs, 4 * hs).sigmoid();
        Variable c2 = f.mul(c).add(i.mul(g));
        Variable h2 = o.mul(c2.tanh());
        return List.of(h2, c2);
    }

    @Override
    protected String describe() {
        return "LSTMCell(input=" + inputSize + ", hidden=" + hiddenSize + ")";
    }
}
