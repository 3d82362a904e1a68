/**
 * Optimizers — SGD (momentum, Nesterov, dampening, weight decay), Adam (AMSGrad), AdamW, RMSprop,
 * Adagrad, L-BFGS with a strong-Wolfe line search — parameter groups, and learning-rate schedules.
 *
 * <p>May import {@code tensor}, {@code autodiff} and {@code module}. Decisions of docs/design.md: 5
 * (optimizers replace parameter values), 9 (private moment buffers that never escape).
 */
package org.nabla.optim;
