/**
 * Layers: Linear, convolutions and transposed convolution, pooling, batch and layer normalization,
 * Dropout, Embedding, the recurrent cells and layers (RNN, LSTM, GRU), attention and the Transformer
 * encoder, and Sequential composition — each a module whose state dict is PyTorch's.
 *
 * <p>May import {@code tensor}, {@code autodiff}, {@code module}, {@code activation} and {@code init}.
 * Decisions of docs/design.md: 4 (composites written from primitives), 5, 10, 11.
 */
package org.nabla.layer;
