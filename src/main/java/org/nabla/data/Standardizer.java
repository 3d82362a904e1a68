package org.nabla.data;

import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Standardization (z-scores), feature by feature: z = (x − μ)/σ, with μ the mean and σ the
 * population standard deviation σ = √((1/n) Σᵢ (xᵢ − μ)²) of each feature over the <em>training</em>
 * examples; the inverse is x = σ·z + μ.
 *
 * <p>Fit on the training set only and apply the same μ and σ to validation and test data: fitting on
 * all the data leaks information from the test set into training (Hastie, Tibshirani &amp; Friedman,
 * <i>The Elements of Statistical Learning</i>, 2nd ed., 2009, §7.10.2; LeCun et al., "Efficient
 * BackProp", 1998, §4.3, on why centred, unit-variance inputs speed up gradient descent).
 *
 * <p>A constant feature (σ = 0) is only centred: its σ is taken as 1, as scikit-learn's
 * {@code StandardScaler} does, so that it maps to 0 instead of NaN. Axis 0 of the training tensor
 * indexes the examples; the remaining axes are the features (any shape).
 */
public final class Standardizer {
    private final Shape featureShape;
    private final Tensor mean;
    private final Tensor std;
    private final Tensor scale;

    private Standardizer(Shape featureShape, Tensor mean, Tensor std) {
        this.featureShape = featureShape;
        this.mean = mean;
        this.std = std;
        this.scale = std.map(s -> s == 0.0 ? 1.0 : s);
    }

    /**
     * Fits μ and σ on training features of shape (n, …), n ≥ 1.
     *
     * @throws IllegalArgumentException when there are no examples or a value is not finite
     */
    public static Standardizer fit(Tensor trainingFeatures) {
        Shape fs = Scaling.featureShapeOfTraining("Standardizer", trainingFeatures);
        Tensor mu = trainingFeatures.mean(0);
        Tensor sigma = trainingFeatures.var(new int[] {0}, false, false).sqrt();
        return new Standardizer(fs, mu, sigma);
    }

    /** Fits on the features of a training set. */
    public static Standardizer fit(TensorDataset training) {
        return fit(training.features());
    }

    /** The per-feature means μ (shape: the feature shape). */
    public Tensor mean() {
        return mean;
    }

    /** The per-feature population standard deviations σ (0 for a constant feature). */
    public Tensor std() {
        return std;
    }

    /** z = (x − μ)/σ for one example (feature shape) or a stack (m, …feature shape). */
    public Tensor transform(Tensor x) {
        Scaling.checkShape("Standardizer.transform", featureShape, x);
        return x.sub(mean).div(scale);
    }

    /** The data set with standardized features and the same targets. */
    public TensorDataset transform(TensorDataset data) {
        return data.withFeatures(transform(data.features()));
    }

    /** x = σ·z + μ, undoing {@link #transform(Tensor)}. */
    public Tensor inverseTransform(Tensor z) {
        Scaling.checkShape("Standardizer.inverseTransform", featureShape, z);
        return z.mul(scale).add(mean);
    }

    @Override
    public String toString() {
        return "Standardizer(features " + featureShape + ")";
    }
}
