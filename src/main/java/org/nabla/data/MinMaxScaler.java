package org.nabla.data;

import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Min–max scaling (normalization to [0, 1]), feature by feature: x′ = (x − min)/(max − min), with
 * min and max taken over the <em>training</em> examples; the inverse is x = x′·(max − min) + min.
 *
 * <p>Fit on the training set only (see {@link Standardizer} on leakage). Validation and test values
 * outside the training range map outside [0, 1]; they are not clipped, so that the map stays affine
 * and invertible. A constant feature (max = min) is only shifted: its range is taken as 1, as in
 * scikit-learn's {@code MinMaxScaler}. Axis 0 of the training tensor indexes the examples.
 * Reference: Han, Kamber &amp; Pei, <i>Data Mining: Concepts and Techniques</i>, 3rd ed., 2011, §3.5.2.
 */
public final class MinMaxScaler {
    private final Shape featureShape;
    private final Tensor min;
    private final Tensor max;
    private final Tensor range;

    private MinMaxScaler(Shape featureShape, Tensor min, Tensor max) {
        this.featureShape = featureShape;
        this.min = min;
        this.max = max;
        this.range = max.sub(min).map(r -> r == 0.0 ? 1.0 : r);
    }

    /**
     * Fits min and max on training features of shape (n, …), n ≥ 1.
     *
     * @throws IllegalArgumentException when there are no examples or a value is not finite
     */
    public static MinMaxScaler fit(Tensor trainingFeatures) {
        Shape fs = Scaling.featureShapeOfTraining("MinMaxScaler", trainingFeatures);
        return new MinMaxScaler(fs, trainingFeatures.min(0), trainingFeatures.max(0));
    }

    /** Fits on the features of a training set. */
    public static MinMaxScaler fit(TensorDataset training) {
        return fit(training.features());
    }

    /** The per-feature minima over the training set. */
    public Tensor min() {
        return min;
    }

    /** The per-feature maxima over the training set. */
    public Tensor max() {
        return max;
    }

    /** x′ = (x − min)/(max − min) for one example or a stack (m, …feature shape). */
    public Tensor transform(Tensor x) {
        Scaling.checkShape("MinMaxScaler.transform", featureShape, x);
        return x.sub(min).div(range);
    }

    /** The data set with scaled features and the same targets. */
    public TensorDataset transform(TensorDataset data) {
        return data.withFeatures(transform(data.features()));
    }

    /** x = x′·(max − min) + min, undoing {@link #transform(Tensor)}. */
    public Tensor inverseTransform(Tensor scaled) {
        Scaling.checkShape("MinMaxScaler.inverseTransform", featureShape, scaled);
        return scaled.mul(range).add(min);
    }

    @Override
    public String toString() {
        return "MinMaxScaler(features " + featureShape + ")";
    }
}
