/**
 * The tensor layer's internals, public only because other packages of Nabla use them and not part of
 * the API (the module does not export this package): the convolution kernels and their adjoints
 * ({@link org.nabla.tensor.internal.Convolution}), the geometry of a sliding window with im2col and
 * col2im ({@link org.nabla.tensor.internal.SlidingWindow}), the in-place running sum of the reverse
 * sweep ({@link org.nabla.tensor.internal.TensorAccumulator}), and the door to the package-private
 * kernels of {@code org.nabla.tensor} they build on ({@link org.nabla.tensor.internal.TensorInternals}).
 *
 * <p>Imports only {@code org.nabla.tensor}: with it, one layer in two packages, split by visibility.
 * Decisions of docs/design.md that concern it: 7 (errors name the operation and the shapes), 9 (speed
 * with a fixed order of summation, whatever the number of threads), 12 (internals are not exported).
 */
package org.nabla.tensor.internal;
