package org.nabla.train;

/**
 * What one epoch of training measured: mean training loss, training accuracy (NaN for regression),
 * validation loss and accuracy (NaN when there is no validation set), the gradient norm ‖∇L‖₂ of the
 * last batch, and the wall time.
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double gradientNorm, double seconds) {
}
