package org.nabla.layer;

import org.nabla.tensor.Rng;

/**
 * A multi-layer Elman recurrent network (tanh or ReLU), {@link RNNCell} per layer, over inputs (N, T, D) (batch first).
 * See {@link RecurrentLayer} for the unrolling and {@link RNNCell} for the gate formulas.
 */
public final class RNN extends RecurrentLayer {
    /** A network with the given sizes and number of stacked layers. */
    public RNN(int inputSize, int hiddenSize, int numLayers, Rng rng) {
        super(inputSize, hiddenSize, numLayers, (in, h) -> new RNNCell(in, h, "tanh", true, rng));
    }

    /** A single-layer network. */
    public RNN(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, 1, rng);
    }
}
