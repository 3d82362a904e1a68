package org.nabla.train;

/**
 * What one epoch of training measured: mean training loss, training accuracy (NaN for regression),
 * validation loss and accuracy (NaN when there is no validation set), the gradient norm ‖∇L‖₂ of the
 * last batch, the wall time, and — when the trainer tracks it ({@link Trainer.Builder#trackConfidence()})
 * — the distribution of the {@link ClassificationConfidence} on the validation set after the epoch
 * (null otherwise; it is stored, not printed in the epoch line).
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double gradientNorm, double seconds,
                          ClassificationConfidence confidence) {

    /** A record without a confidence distribution. */
    public EpochRecord(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                       double validationAccuracy, double gradientNorm, double seconds) {
        this(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, gradientNorm, seconds, null);
    }
}
