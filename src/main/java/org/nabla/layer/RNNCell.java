package org.nabla.layer;

import java.util.List;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;

/**
 * The Elman recurrent cell (Elman, "Finding structure in time", 1990), as PyTorch documents it:
 * <pre>
 *   h′ = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)      (or ReLU instead of tanh)
 * </pre>
 * Shapes: x (N, D), h (N, H), W_ih (H, D), W_hh (H, H), b_ih, b_hh (H).
 */
public final class RNNCell extends RecurrentCell {
    private final boolean relu;

    /** A tanh cell with biases. */
    public RNNCell(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, "tanh", true, rng);
    }

    /** A cell with nonlinearity "tanh" or "relu". */
    public RNNCell(int inputSize, int hiddenSize, String nonlinearity, boolean bias, Rng rng) {
        this(inputSize, hiddenSize, nonlinearity, bias, "", rng);
    }

    /** A cell whose parameter names end in {@code suffix} (as one layer and direction of a network). */
    RNNCell(int inputSize, int hiddenSize, String nonlinearity, boolean bias, String suffix, Rng rng) {
        super("RNNCell", inputSize, hiddenSize, 1, bias, suffix, rng);
        if (!nonlinearity.equals("tanh") && !nonlinearity.equals("relu")) {
            throw new IllegalArgumentException("RNNCell: nonlinearity must be \"tanh\" or \"relu\", got \"" + nonlinearity + "\"");
        }
        this.relu = nonlinearity.equals("relu");
    }

    /** h′ from x and h. */
    public Variable step(Variable x, Variable h) {
        checkInput(x, h, "h");
        return cell(x, h, weightIh.variable(), weightHh.variable(), bih(), bhh(), relu);
    }

    /** The functional form h′ = σ(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh). */
    public static Variable cell(Variable x, Variable h, Variable wIh, Variable wHh, Variable bIh, Variable bHh,
                                boolean relu) {
        Variable a = affine(x, wIh, bIh).add(affine(h, wHh, bHh));
        return relu ? a.relu() : a.tanh();
    }

    @Override
    int stateCount() {
        return 1;
    }

    @Override
    public List<Variable> step(Variable x, List<Variable> state) {
        checkStateCount(state);
        return List.of(step(x, state.get(0)));
    }

    @Override
    protected String describe() {
        return "RNNCell(input=" + inputSize + ", hidden=" + hiddenSize + ", " + (relu ? "relu" : "tanh") + ")";
    }
}
