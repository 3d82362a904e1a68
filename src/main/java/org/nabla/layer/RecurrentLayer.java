package org.nabla.layer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;

/**
 * A recurrent network unrolled over time, as torch.nn.RNN / LSTM / GRU: L stacked layers of cells,
 * layer ℓ &gt; 0 reading the hidden states of layer ℓ − 1; with {@code bidirectional}, each layer has a
 * second cell that reads the sequence backwards, t = T−1 … 0, and the layer's output at step t is the
 * concatenation [h→_t ; h←_t] (2H features), the input of the next layer. Backpropagation through
 * time is the ordinary reverse sweep over the unrolled graph (Werbos, "Backpropagation through time",
 * 1990; bidirectional networks: Schuster and Paliwal, IEEE Trans. Signal Processing 45(11), 1997).
 *
 * <p><b>Layouts.</b> The input is (N, T, D) with {@code batchFirst} — <em>Nabla's default</em>, kept
 * from earlier versions — or (T, N, D), PyTorch's default (sequence first), when the layer is built
 * with {@code batchFirst = false}. The output has the same layout with H·(number of directions)
 * features. Final and initial states are (N, H) per layer and direction, in PyTorch's order (layer 0
 * forward, layer 0 backward, layer 1 forward, …); {@link Output#hN()} stacks them into PyTorch's
 * h_n of shape (L·directions, N, H), whatever the layout. Note that a (T, N, D) input given to a
 * batch-first layer (or the reverse) has a valid shape and runs: the layout must be chosen when the
 * layer is built.
 *
 * <p><b>State dict</b> (PyTorch's names, in PyTorch's order): for each layer ℓ and direction,
 * {@code weight_ih_lℓ} (G·H, D_ℓ), {@code weight_hh_lℓ} (G·H, H), {@code bias_ih_lℓ} (G·H),
 * {@code bias_hh_lℓ} (G·H), the backward direction with the suffix {@code _reverse}; G = 1 (RNN),
 * 4 (LSTM, gates i f g o), 3 (GRU, gates r z n); D_0 = D and D_ℓ = H·directions for ℓ &gt; 0.
 */
public abstract class RecurrentLayer extends Module {
    private final List<RecurrentCell> cells;
    private final int inputSize;
    private final int hiddenSize;
    private final int numLayers;
    private final boolean batchFirst;
    private final boolean bidirectional;

    /**
     * The output of {@link #run}: the top layer's hidden states for every step (in the layer's layout),
     * and the final state of each layer and direction ([h] or [h, c], each (N, H)), in PyTorch's order.
     */
    public record Output(Variable output, List<List<Variable>> finalStates) {
        /** PyTorch's h_n: the final hidden states stacked, (L·directions, N, H). */
        public Variable hN() {
            return stackState(0);
        }

        /** PyTorch's c_n for an LSTM: the final cell states stacked, (L·directions, N, H). */
        public Variable cN() {
            if (finalStates.get(0).size() < 2) {
                throw new IllegalStateException("RecurrentLayer.Output: c_n exists only for an LSTM (the state is [h])");
            }
            return stackState(1);
        }

        private Variable stackState(int k) {
            List<Variable> parts = new ArrayList<>();
            for (List<Variable> s : finalStates) {
                parts.add(s.get(k));
            }
            return Variable.stack(0, parts);
        }
    }

    /** Makes the cell of one layer and direction: (input size, hidden size, parameter-name suffix). */
    interface CellFactory {
        RecurrentCell make(int inputSize, int hiddenSize, String suffix);
    }

    RecurrentLayer(int inputSize, int hiddenSize, int numLayers, boolean batchFirst, boolean bidirectional,
                   CellFactory make) {
        if (numLayers < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": number of layers must be ≥ 1, got " + numLayers);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.batchFirst = batchFirst;
        this.bidirectional = bidirectional;
        int directions = bidirectional ? 2 : 1;
        List<RecurrentCell> l = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) {
            for (int d = 0; d < directions; d++) {
                RecurrentCell cell = make.make(i == 0 ? inputSize : hiddenSize * directions, hiddenSize,
                        "_l" + i + (d == 1 ? "_reverse" : ""));
                for (Parameter p : cell.parameters()) {
                    registerParameter(p);
                }
                l.add(cell);
            }
        }
        this.cells = Collections.unmodifiableList(l);
    }

    /** The cells in PyTorch's order: layer 0 (forward, then backward if bidirectional), layer 1, …. */
    public List<RecurrentCell> cells() {
        return cells;
    }

    /** Number of stacked layers L. */
    public int numLayers() {
        return numLayers;
    }

    /** True when inputs and outputs are (N, T, ·); false for PyTorch's default (T, N, ·). */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** True when each layer also reads the sequence backwards. */
    public boolean bidirectional() {
        return bidirectional;
    }

    /** Number of directions: 2 when bidirectional, else 1. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    @Override
    public Variable forward(Variable x) {
        return run(x, null).output();
    }

    /**
     * Runs the network from PyTorch-style initial states.
     *
     * @param h0 (L·directions, N, H), or null for zeros
     * @param c0 (L·directions, N, H) for an LSTM (null for zeros); must be null for RNN and GRU
     */
    public Output run(Variable x, Variable h0, Variable c0) {
        int stateCount = cells.get(0).stateCount();
        if (c0 != null && stateCount != 2) {
            throw new IllegalArgumentException(describe() + ": only an LSTM has a cell state c0");
        }
        checkInput(x);
        if (h0 == null && c0 == null) {
            return run(x, null);
        }
        int n = x.shape().dim(batchFirst ? 0 : 1);
        List<List<Variable>> init = new ArrayList<>();
        for (int k = 0; k < cells.size(); k++) {
            List<Variable> s = new ArrayList<>();
            s.add(h0 == null ? cells.get(k).zeros(n) : slot(h0, k, n, "h0"));
            if (stateCount == 2) {
                s.add(c0 == null ? cells.get(k).zeros(n) : slot(c0, k, n, "c0"));
            }
            init.add(s);
        }
        return run(x, init);
    }

    private Variable slot(Variable s, int k, int n, String what) {
        if (s.shape().rank() != 3 || s.shape().dim(0) != cells.size() || s.shape().dim(1) != n
                || s.shape().dim(2) != hiddenSize) {
            throw new IllegalArgumentException(describe() + ": expected " + what + " of shape (" + cells.size() + ", " + n
                    + ", " + hiddenSize + ") = (layers·directions, N, H), got " + s.shape());
        }
        return s.select(0, k);
    }

    /**
     * Runs the network over x: (N, T, D) when batch-first, else (T, N, D).
     *
     * @param initialStates for each layer and direction (PyTorch's order) its initial state list ([h] or
     *     [h, c], each (N, H)), or null for zeros
     */
    public Output run(Variable x, List<List<Variable>> initialStates) {
        checkInput(x);
        if (initialStates != null && initialStates.size() != cells.size()) {
            throw new IllegalArgumentException(describe() + ": expected initial states for " + cells.size()
                    + " (layer, direction) pairs, got " + initialStates.size());
        }
        int timeAxis = batchFirst ? 1 : 0;
        int n = x.shape().dim(1 - timeAxis);
        int t = x.shape().dim(timeAxis);
        int directions = directions();
        List<List<Variable>> finals = new ArrayList<>();
        List<Variable> inputs = new ArrayList<>(t);
        for (int s = 0; s < t; s++) {
            inputs.add(x.select(timeAxis, s));
        }
        for (int layer = 0; layer < numLayers; layer++) {
            List<List<Variable>> outputs = new ArrayList<>();
            for (int d = 0; d < directions; d++) {
                int k = layer * directions + d;
                RecurrentCell cell = cells.get(k);
                List<Variable> state = initialState(cell, k, n, initialStates);
                Variable[] out = new Variable[t];
                for (int i = 0; i < t; i++) {
                    int s = d == 0 ? i : t - 1 - i;
                    state = cell.step(inputs.get(s), state);
                    out[s] = state.get(0);
                }
                finals.add(state);
                outputs.add(List.of(out));
            }
            List<Variable> next = new ArrayList<>(t);
            for (int s = 0; s < t; s++) {
                next.add(directions == 1 ? outputs.get(0).get(s)
                        : Variable.concat(1, outputs.get(0).get(s), outputs.get(1).get(s)));
            }
            inputs = next;
        }
        return new Output(Variable.stack(timeAxis, inputs), finals);
    }

    private void checkInput(Variable x) {
        if (x.shape().rank() != 3 || x.shape().dim(2) != inputSize) {
            throw new IllegalArgumentException(describe() + ": expected input " + (batchFirst ? "(N, T, " : "(T, N, ")
                    + inputSize + "), got shape " + x.shape());
        }
    }

    private List<Variable> initialState(RecurrentCell cell, int k, int n, List<List<Variable>> initialStates) {
        if (initialStates == null) {
            List<Variable> state = new ArrayList<>();
            for (int j = 0; j < cell.stateCount(); j++) {
                state.add(cell.zeros(n));
            }
            return state;
        }
        List<Variable> state = initialStates.get(k);
        if (state.size() != cell.stateCount()) {
            throw new IllegalArgumentException(describe() + ": layer " + k / directions() + (k % directions() == 1
                    ? " (backward)" : "") + " expects " + cell.stateCount() + " initial state tensor(s), got " + state.size());
        }
        return state;
    }

    @Override
    protected String describe() {
        return getClass().getSimpleName() + "(input=" + inputSize + ", hidden=" + hiddenSize + ", layers=" + numLayers
                + (bidirectional ? ", bidirectional" : "") + (batchFirst ? "" : ", sequence first") + ")";
    }
}
