/**
 * Weight initializers: constant, normal, uniform, Xavier/Glorot, He/Kaiming, LeCun, orthogonal, the
 * PyTorch Linear default and critical initialization, with the fan computations they share.
 *
 * <p>May import {@code tensor} and {@code autodiff}. Decision of docs/design.md: 6 (every draw takes
 * an Rng).
 */
package org.nabla.init;
