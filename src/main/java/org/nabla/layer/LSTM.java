package org.nabla.layer;

import org.nabla.tensor.Rng;

/**
 * A multi-layer long short-term memory network, {@link LSTMCell} per layer (state h and c), over inputs (N, T, D) (batch first).
 * See {@link RecurrentLayer} for the unrolling and {@link LSTMCell} for the gate formulas.
 */
public final class LSTM extends RecurrentLayer {
    /** A network with the given sizes and number of stacked layers. */
    public LSTM(int inputSize, int hiddenSize, int numLayers, Rng rng) {
        super(inputSize, hiddenSize, numLayers, (in, h) -> new LSTMCell(in, h, rng));
    }

    /** A single-layer network. */
    public LSTM(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, 1, rng);
    }
}
