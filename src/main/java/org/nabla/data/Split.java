package org.nabla.data;

/**
 * A partition of a data set into disjoint training, validation and test sets: fit parameters on the
 * first, choose hyperparameters (and when to stop) on the second, report once on the third (Hastie,
 * Tibshirani &amp; Friedman, <i>The Elements of Statistical Learning</i>, 2nd ed., 2009, §7.2).
 * A two-way split has an empty validation set. Made by {@link Splits}.
 *
 * @param <D> the kind of data set
 * @param train the training set
 * @param validation the validation set (possibly empty)
 * @param test the test set (possibly empty)
 */
public record Split<D extends Dataset>(D train, D validation, D test) {
}
