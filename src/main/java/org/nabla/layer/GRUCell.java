package org.nabla.layer;

import java.util.List;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;

/**
 * The gated recurrent unit (Cho et al. 2014), gates in PyTorch's order r, z, n:
 * <pre>
 *   r = σ(x W_irᵀ + b_ir + h W_hrᵀ + b_hr)
 *   z = σ(x W_izᵀ + b_iz + h W_hzᵀ + b_hz)
 *   n = tanh(x W_inᵀ + b_in + r ⊙ (h W_hnᵀ + b_hn))
 *   h′ = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * Shapes: x (N, D), h (N, H), W_ih (3H, D) = [W_ir; W_iz; W_in], W_hh (3H, H), b_ih, b_hh (3H).
 */
public final class GRUCell extends RecurrentCell {
    /** A cell with biases. */
    public GRUCell(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, true, rng);
    }

    /** A cell, with or without biases. */
    public GRUCell(int inputSize, int hiddenSize, boolean bias, Rng rng) {
        this(inputSize, hiddenSize, bias, "", rng);
    }

    /** A cell whose parameter names end in {@code suffix} (as one layer and direction of a network). */
    GRUCell(int inputSize, int hiddenSize, boolean bias, String suffix, Rng rng) {
        super("GRUCell", inputSize, hiddenSize, 3, bias, suffix, rng);
    }

    @Override
    int stateCount() {
        return 1;
    }

    /** h′ from x and h. */
    public Variable step(Variable x, Variable h) {
        checkInput(x, h, "h");
        return cell(x, h, weightIh.variable(), weightHh.variable(), bih(), bhh());
    }

    @Override
    public List<Variable> step(Variable x, List<Variable> state) {
        checkStateCount(state);
        return List.of(step(x, state.get(0)));
    }

    /** The functional form h′ = (1 − z) ⊙ n + z ⊙ h. */
    public static Variable cell(Variable x, Variable h, Variable wIh, Variable wHh, Variable bIh, Variable bHh) {
        int hs = h.shape().dim(1);
        Variable gi = affine(x, wIh, bIh);
        Variable gh = affine(h, wHh, bHh);
        Variable r = gi.slice(1, 0, hs).add(gh.slice(1, 0, hs)).sigmoid();
        Variable z = gi.slice(1, hs, 2 * hs).add(gh.slice(1, hs, 2 * hs)).sigmoid();
        Variable n = gi.slice(1, 2 * hs, 3 * hs).add(r.mul(gh.slice(1, 2 * hs, 3 * hs))).tanh();
        return z.rsub(1.0).mul(n).add(z.mul(h));
    }

    @Override
    protected String describe() {
        return "GRUCell(input=" + inputSize + ", hidden=" + hiddenSize + ")";
    }
}
