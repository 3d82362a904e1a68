/**
 * Tensors: {@link org.nabla.tensor.Shape}, {@link org.nabla.tensor.Tensor} (immutable n-dimensional
 * arrays of doubles; reshape, transpose, slice and broadcast are strided views), elementwise functions,
 * reductions, matrix products, indexing, concatenation, and {@link org.nabla.tensor.Rng} (seeded
 * randomness); with the kernels behind them (matrix products, convolutions, sliding windows), the
 * in-place running sum the reverse sweep uses, and a bounded pool of threads.
 *
 * <p>Imports nothing of Nabla: it is the ground floor. Decisions of docs/design.md that concern it:
 * 1 (immutability), 6 (explicit randomness), 7 (errors name the operation and the shapes), 9 (speed
 * with a fixed order of summation, whatever the number of threads).
 */
package org.nabla.tensor;
