package org.nabla.layer;

import org.nabla.tensor.Rng;

/**
 * A multi-layer gated recurrent unit network, as torch.nn.GRU: {@link GRUCell} per layer and
 * direction (state h). See {@link RecurrentLayer} for the unrolling, the layouts (batch-first
 * by default, unlike PyTorch) and the state-dict names, and {@link GRUCell} for the gate formulas.
 */
public final class GRU extends RecurrentLayer {
    /**
     * PyTorch's full set of options (in the order of torch.nn.GRU's arguments, without dropout).
     *
     * @param batchFirst inputs (N, T, D) if true, else (T, N, D) as PyTorch's default
     * @param bidirectional a second, backward cell per layer; outputs have 2H features
     */
    public GRU(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, boolean bidirectional,
               Rng rng) {
        super(inputSize, hiddenSize, numLayers, batchFirst, bidirectional,
                (in, h, suffix) -> new GRUCell(in, h, bias, suffix, rng));
    }

    /** A batch-first, unidirectional network with biases and the given number of stacked layers. */
    public GRU(int inputSize, int hiddenSize, int numLayers, Rng rng) {
        this(inputSize, hiddenSize, numLayers, true, true, false, rng);
    }

    /** A single-layer network (batch-first, unidirectional, with biases). */
    public GRU(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, 1, rng);
    }
}
