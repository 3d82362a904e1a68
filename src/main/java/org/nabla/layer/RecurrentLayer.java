package org.nabla.layer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;

/**
 * A recurrent network unrolled over time: L stacked cells, layer ℓ &gt; 0 reading the hidden states of
 * layer ℓ − 1, over inputs of shape (N, T, D) (batch first). Backpropagation through time is the
 * ordinary reverse sweep over the unrolled graph (Werbos, "Backpropagation through time", 1990).
 *
 * <p>{@link #forward(Variable)} returns the top layer's hidden states (N, T, H) from zero initial
 * states; {@link #run(Variable, List)} also takes initial states and returns the final ones.
 */
public abstract class RecurrentLayer extends Module {
    private final List<RecurrentCell> cells;
    private final int inputSize;
    private final int hiddenSize;

    /** The output of {@link #run}: hidden states of the top layer for every step, and each layer's final state. */
    public record Output(Variable output, List<List<Variable>> finalStates) {
    }

    RecurrentLayer(int inputSize, int hiddenSize, int numLayers, java.util.function.BiFunction<Integer, Integer, RecurrentCell> make) {
        if (numLayers < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": number of layers must be ≥ 1, got " + numLayers);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        List<RecurrentCell> l = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) {
            l.add(registerModule("layer" + i, make.apply(i == 0 ? inputSize : hiddenSize, hiddenSize)));
        }
        this.cells = Collections.unmodifiableList(l);
    }

    /** The cells, bottom to top. */
    public List<RecurrentCell> cells() {
        return cells;
    }

    @Override
    public Variable forward(Variable x) {
        return run(x, null).output();
    }

    /**
     * Runs the network over x (N, T, D).
     *
     * @param initialStates for each layer its initial state list ([h] or [h, c], each (N, H)), or null for zeros
     */
    public Output run(Variable x, List<List<Variable>> initialStates) {
        if (x.shape().rank() != 3 || x.shape().dim(2) != inputSize) {
            throw new IllegalArgumentException(describe() + ": expected input (N, T, " + inputSize + "), got shape " + x.shape());
        }
        if (initialStates != null && initialStates.size() != cells.size()) {
            throw new IllegalArgumentException(describe() + ": expected initial states for " + cells.size() + " layers, got "
                    + initialStates.size());
        }
        int n = x.shape().dim(0);
        int t = x.shape().dim(1);
        List<List<Variable>> finals = new ArrayList<>();
        List<Variable> inputs = new ArrayList<>(t);
        for (int s = 0; s < t; s++) {
            inputs.add(x.select(1, s));
        }
        for (int layer = 0; layer < cells.size(); layer++) {
            RecurrentCell cell = cells.get(layer);
            List<Variable> state;
            if (initialStates == null) {
                state = new ArrayList<>();
                for (int k = 0; k < cell.stateCount(); k++) {
                    state.add(cell.zeros(n));
                }
            } else {
                state = initialStates.get(layer);
                if (state.size() != cell.stateCount()) {
                    throw new IllegalArgumentException(describe() + ": layer " + layer + " expects " + cell.stateCount()
                            + " initial state tensor(s), got " + state.size());
                }
            }
            List<Variable> outputs = new ArrayList<>(t);
            for (int s = 0; s < t; s++) {
                state = cell.step(inputs.get(s), state);
                outputs.add(state.get(0));
            }
            finals.add(state);
            inputs = outputs;
        }
        return new Output(Variable.stack(1, inputs), finals);
    }

    @Override
    protected String describe() {
        return getClass().getSimpleName() + "(input=" + inputSize + ", hidden=" + hiddenSize + ", layers=" + cells.size() + ")";
    }
}
