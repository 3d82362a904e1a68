package org.nabla.layer;

import org.nabla.tensor.Rng;

/**
 * A multi-layer gated recurrent unit network, {@link GRUCell} per layer, over inputs (N, T, D) (batch first).
 * See {@link RecurrentLayer} for the unrolling and {@link GRUCell} for the gate formulas.
 */
public final class GRU extends RecurrentLayer {
    /** A network with the given sizes and number of stacked layers. */
    public GRU(int inputSize, int hiddenSize, int numLayers, Rng rng) {
        super(inputSize, hiddenSize, numLayers, (in, h) -> new GRUCell(in, h, rng));
    }

    /** A single-layer network. */
    public GRU(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, hiddenSize, 1, rng);
    }
}
