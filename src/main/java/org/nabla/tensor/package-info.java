/**
 * Tensors: {@link org.nabla.tensor.Shape}, {@link org.nabla.tensor.Tensor} (immutable n-dimensional
 * arrays of doubles; reshape, transpose, slice and broadcast are strided views), elementwise functions,
 * reductions, matrix products, indexing, concatenation, and {@link org.nabla.tensor.Rng} (seeded
 * randomness); with the package-private kernels behind them (matrix products, strided loops,
 * reductions, views) and a bounded pool of threads ({@link org.nabla.tensor.Parallelism}).
 *
 * <p>Imports nothing of Nabla but its own internals, {@code org.nabla.tensor.internal}, which it hands
 * its kernels when {@link org.nabla.tensor.Tensor} is initialised: it is the ground floor. Decisions of docs/design.md that concern it:
 * 1 (immutability), 6 (explicit randomness), 7 (errors name the operation and the shapes), 9 (speed
 * with a fixed order of summation, whatever the number of threads), 12 (internals are not exported).
 */
package org.nabla.tensor;
