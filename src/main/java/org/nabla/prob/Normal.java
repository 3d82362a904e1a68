package org.nabla.prob;

import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * The normal (Gaussian) distribution with diagonal covariance: independent entries xᵢ ~ 𝒩(μᵢ, σᵢ²).
 * <pre>
 *   p(x) = (2πσ²)^(−½) exp(−(x − μ)² / (2σ²)),
 *   log p(x) = −(x − μ)² / (2σ²) − log σ − ½ log 2π,
 *   ∂ log p/∂μ = (x − μ)/σ²,   ∂ log p/∂σ = (x − μ)²/σ³ − 1/σ,
 *   H = ½ log(2πe) + log σ,   E[x] = μ,   Var[x] = σ².
 * </pre>
 * The log-density is computed with z = (x − μ)/σ as −½ z² − log σ − ½ log 2π, where log σ is the
 * log-σ parameter itself when the distribution is built {@link #withLogStd with log σ} (no
 * exp-then-log round trip, and σ &gt; 0 for any real log σ: the usual parameterization of an encoder's
 * output).
 *
 * <p>Reparameterization (Kingma &amp; Welling 2014, §2.4): a draw is z = μ + σ ⊙ ε with ε ~ 𝒩(0, I)
 * drawn from the seeded generator, so ∂z/∂μ = 1 and ∂z/∂σ = ε and gradients of E[f(z)] flow into μ
 * and σ.
 *
 * <p>Sources: C. M. Bishop, Pattern Recognition and Machine Learning (2006), §2.3 (the Gaussian),
 * eq. (1.46), (2.43), and (B.41) for the entropy; D. P. Kingma and M. Welling, "Auto-Encoding
 * Variational Bayes", ICLR 2014, §2.4.
 */
public final class Normal extends Distribution {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final Variable mean;
    private final Variable std;
    private final Variable logStd;

    private Normal(Variable mean, Variable std, Variable logStd) {
        super(broadcast("Normal", mean, std, "mean", "std"));
        this.mean = mean;
        this.std = std;
        this.logStd = logStd;
    }

    /**
     * 𝒩(μ, σ²) with standard deviation σ (every entry must be positive and finite).
     *
     * @throws IllegalArgumentException when σ has an entry ≤ 0, infinite or NaN, or the shapes do not broadcast
     */
    public static Normal of(Variable mean, Variable std) {
        require("Normal", "mean", mean);
        require("Normal", "std", std);
        double[] s = std.value().toArray();
        for (int i = 0; i < s.length; i++) {
            if (!(s[i] > 0) || Double.isInfinite(s[i])) {
                throw new IllegalArgumentException("Normal: std must be positive and finite, got " + s[i] + " at flat index "
                        + i + " of shape " + std.shape());
            }
        }
        return new Normal(mean, std, std.log());
    }

    /** 𝒩(μ, σ²) for scalar constants μ and σ &gt; 0. */
    public static Normal of(double mean, double std) {
        return of(Variable.constant(mean), Variable.constant(std));
    }

    /** 𝒩(μ, σ²) with σ = e^(log σ): any real log σ is allowed (entries must be finite). */
    public static Normal withLogStd(Variable mean, Variable logStd) {
        require("Normal", "mean", mean);
        require("Normal", "logStd", logStd);
        double[] s = logStd.value().toArray();
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) {
                throw new IllegalArgumentException("Normal: logStd must be finite, got " + s[i] + " at flat index " + i
                        + " of shape " + logStd.shape());
            }
        }
        return new Normal(mean, logStd.exp(), logStd);
    }

    /** The standard normal 𝒩(0, I) with the given batch shape. */
    public static Normal standard(int... shape) {
        return withLogStd(Variable.constant(Tensor.zeros(shape)), Variable.constant(Tensor.zeros(shape)));
    }

    /** μ. */
    public Variable loc() {
        return mean;
    }

    /** σ. */
    public Variable std() {
        return std;
    }

    /** log σ. */
    public Variable logStd() {
        return logStd;
    }

    @Override
    public Variable logProb(Variable x) {
        eventShape(x, "logProb");
        Variable z = x.sub(mean).div(std);
        return z.square().mul(-0.5).sub(logStd).sub(HALF_LOG_TWO_PI);
    }

    @Override
    public Tensor sample(Rng rng, int... n) {
        requireRng("sample", rng);
        Shape s = sampleShape("sample", n);
        Tensor eps = Tensor.randn(rng, s.dims());
        return mean.value().add(std.value().mul(eps));
    }

    /** z = μ + σ ⊙ ε, ε ~ 𝒩(0, I) of shape n ++ batch shape. */
    @Override
    public Variable rsample(Rng rng, int... n) {
        requireRng("rsample", rng);
        Shape s = sampleShape("rsample", n);
        Variable eps = Variable.constant(Tensor.randn(rng, s.dims()));
        return mean.add(std.mul(eps));
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    /** H = ½ log(2πe) + log σ. */
    @Override
    public Variable entropy() {
        return logStd.add(0.5 + HALF_LOG_TWO_PI).broadcastTo(batchShape());
    }

    @Override
    public Variable mean() {
        return mean.broadcastTo(batchShape());
    }

    @Override
    public Variable variance() {
        return std.square().broadcastTo(batchShape());
    }

    @Override
    public String toString() {
        return "Normal(batchShape=" + batchShape() + ")";
    }
}
