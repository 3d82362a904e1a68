package org.nabla.layer;

import org.nabla.tensor.Rng;

/**
 * A multi-layer Elman recurrent network (tanh or ReLU), as torch.nn.RNN: {@link RNNCell} per layer
 * and direction. See {@link RecurrentLayer} for the unrolling, the layouts (batch-first by default,
 * unlike PyTorch) and the state-dict names, and {@link RNNCell} for the formula.
 */
public final class RNN extends RecurrentLayer {
    /**
     * PyTorch's full set of options (in the order of torch.nn.RNN's arguments, without dropout).
     *
     * @param nonlinearity "tanh" or "relu"
     * @param batchFirst inputs (N, T, D) if true, else (T, N, D) as PyTorch's default
     * @param bidirectional a second, backward cell per layer; outputs have 2H features
     */
    public RNN(int inputSize, int hiddenSize, int numLayers, String nonlinearity, boolean bias, boolean batchFirst,
               boolean bidirectional, Rng rng) {
        super(inputSize, hiddenSize, numLayers, batchFirst, bidirectional,
                (in, h, suffix) -> new RNNCell(in, h, nonlinearity, bias, suffix, rng));
    }

    /** A batch-first, unidirectional tanh network with biases and the given number of stacked layers. */
    public RNN(int inputSize, int hiddenSize, int numLayers, Rng rng) {
        this(inputSize, hiddenSize, numLayers, "tanh", true, true, false, rng);
    }

    /** A single-layer network (tanh, batch-first, unidirectional, with biases). */
    public RNN(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, 1, rng);
    }
}
