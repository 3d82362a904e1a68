package org.nabla.train;

/**
 * The result of evaluating a model on a data set: the mean loss (the empirical risk
 * R̂(θ) = (1/n) Σᵢ ℓ(f(xᵢ; θ), yᵢ)), and for classifiers the accuracy and the confusion matrix
 * (null for regression).
 */
public record Evaluation(double loss, double accuracy, ConfusionMatrix confusion, int examples) {
}
