/**
 * Training: the {@link org.nabla.train.Trainer} loop, evaluation and metrics, the confusion matrix,
 * stopping rules, the history of a run and its progress output.
 *
 * <p>May import everything up to {@code optim}, {@code data} and {@code io}. Decision of
 * docs/design.md: 8 (a run's epoch lines are the Trainer's output, not log messages).
 */
package org.nabla.train;
