/**
 * Loss functions, one class per definition (mean squared error, L1, Huber, binary cross-entropy and
 * its logit form, cross-entropy, negative log-likelihood, focal loss, KL divergence, multi-margin
 * hinge), each with its reduction.
 *
 * <p>May import {@code tensor}, {@code autodiff}, {@code module} and {@code activation}
 * (cross-entropy is composed from the fused log-softmax). Decisions of docs/design.md: 4, 7.
 */
package org.nabla.loss;
