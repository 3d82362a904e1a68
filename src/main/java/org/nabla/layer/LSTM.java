package org.nabla.layer;

import org.nabla.tensor.Rng;

/**
 * A multi-layer long short-term memory network, as torch.nn.LSTM: {@link LSTMCell} per layer and
 * direction (state h and c). See {@link RecurrentLayer} for the unrolling, the layouts (batch-first
 * by default, unlike PyTorch) and the state-dict names, and {@link LSTMCell} for the gate formulas.
 */
public final class LSTM extends RecurrentLayer {
    /**
     * PyTorch's full set of options (in the order of torch.nn.LSTM's arguments, without dropout).
     *
     * @param batchFirst inputs (N, T, D) if true, else (T, N, D) as PyTorch's default
     * @param bidirectional a second, backward cell per layer; outputs have 2H features
     */
    public LSTM(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, boolean bidirectional,
                Rng rng) {
        super(inputSize, hiddenSize, numLayers, batchFirst, bidirectional,
                (in, h, suffix) -> new LSTMCell(in, h, bias, suffix, rng));
    }

    /** A batch-first, unidirectional network with biases and the given number of stacked layers. */
    public LSTM(int inputSize, int hiddenSize, int numLayers, Rng rng) {
        this(inputSize, hiddenSize, numLayers, true, true, false, rng);
    }

    /** A single-layer network (batch-first, unidirectional, with biases). */
    public LSTM(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, 1, rng);
    }
}
