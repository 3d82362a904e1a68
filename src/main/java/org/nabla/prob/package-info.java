/**
 * Probability: distributions (log-density, sampling, reparameterized sampling, entropy, KL), the
 * variational autoencoder, Bayes by Backprop and normalizing flows.
 *
 * <p>Sits on top: may import every package below it. Decisions of docs/design.md: 4, 6.
 */
package org.nabla.prob;
