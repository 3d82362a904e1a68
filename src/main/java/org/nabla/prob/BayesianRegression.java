package org.nabla.prob;

import org.nabla.autodiff.NoGrad;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Bayesian neural-network regression: f(x; w) = L₂(relu(L₁ x)) with {@link BayesianLinear} layers
 * L₁: ℝ^D → ℝ^h, L₂: ℝ^h → ℝ, and the Gaussian likelihood y | x, w ~ 𝒩(f(x; w), s²) with a fixed
 * noise s.
 * <pre>
 *   training loss (per example):   KL(q ‖ p)/N − (1/B) Σ_batch log 𝒩(yₙ; f(xₙ; w), s²),   w ~ q,
 *   predictive distribution:       p(y | x, 𝒟) ≈ ∫ 𝒩(y; f(x; w), s²) q(w) dw,
 *   predictive mean:               E[y] ≈ (1/S) Σₛ f(x; wₛ),   wₛ ~ q,
 *   predictive variance:           Var[y] = Var_q[f(x; w)] + s²   (epistemic + aleatoric, the law of
 *                                   total variance), Var_q estimated by the unbiased sample variance.
 * </pre>
 * Away from the training inputs the data no longer constrain w, so the epistemic part grows: the
 * model says what it does not know.
 *
 * <p>Source: C. Blundell et al., "Weight Uncertainty in Neural Networks", ICML 2015, §3 and §5.2
 * (regression curves); C. M. Bishop, Pattern Recognition and Machine Learning (2006), §3.3.2 and
 * §5.7.1 (predictive distribution).
 */
public final class BayesianRegression extends Module {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    /** Predictive mean, total variance and its epistemic part, each of shape (batch). */
    public record Prediction(Tensor mean, Tensor variance, Tensor epistemicVariance) {
        /** The predictive standard deviation √Var[y]. */
        public Tensor std() {
            return variance.sqrt();
        }
    }

    private final BayesianLinear hidden;
    private final BayesianLinear output;
    private final double noiseStd;
    private final int inputs;

    /** D inputs, h hidden units, prior 𝒩(0, σ_p²) on the weights, observation noise s. */
    public BayesianRegression(int inputs, int hiddenUnits, double priorStd, double noiseStd, Rng rng) {
        if (!(noiseStd > 0) || Double.isInfinite(noiseStd)) {
            throw new IllegalArgumentException("BayesianRegression: noiseStd must be positive and finite, got " + noiseStd);
        }
        this.inputs = inputs;
        this.noiseStd = noiseStd;
        this.hidden = registerModule("hidden", new BayesianLinear(inputs, hiddenUnits, priorStd, -5.0, rng));
        this.output = registerModule("output", new BayesianLinear(hiddenUnits, 1, priorStd, -5.0, rng));
    }

    /** The observation noise s. */
    public double noiseStd() {
        return noiseStd;
    }

    private void check(Variable x, String op) {
        if (x.shape().rank() != 2 || x.shape().dim(1) != inputs) {
            throw new IllegalArgumentException("BayesianRegression." + op + ": expected x of shape (batch, " + inputs
                    + "), got " + x.shape());
        }
    }

    /** f(x; w) for one fresh draw w ~ q, shape (batch). */
    @Override
    public Variable forward(Variable x) {
        check(x, "forward");
        return output.forward(hidden.forward(x).relu()).reshape(x.shape().dim(0));
    }

    /** KL(q ‖ p) of all weights. */
    public Variable kl() {
        return hidden.kl().add(output.kl());
    }

    /**
     * The per-example negative ELBO on a mini-batch: KL/N − mean log 𝒩(y; f(x; w), s²), one draw w.
     *
     * @param x           inputs, shape (batch, D)
     * @param y           targets, shape (batch)
     * @param datasetSize N, the number of training examples (the KL is paid once per pass over the data)
     */
    public Variable negativeElbo(Variable x, Variable y, int datasetSize) {
        check(x, "negativeElbo");
        if (y.shape().rank() != 1 || y.shape().dim(0) != x.shape().dim(0)) {
            throw new IllegalArgumentException("BayesianRegression.negativeElbo: expected y of shape ("
                    + x.shape().dim(0) + "), got " + y.shape());
        }
        if (datasetSize <= 0) {
            throw new IllegalArgumentException("BayesianRegression.negativeElbo: datasetSize must be positive, got "
                    + datasetSize);
        }
        Variable z = y.sub(forward(x)).div(noiseStd);
        Variable logLikelihood = z.square().mul(-0.5).sub(Math.log(noiseStd) + HALF_LOG_TWO_PI).mean();
        return kl().div(datasetSize).sub(logLikelihood);
    }

    /** The predictive mean and variance at x from S ≥ 2 draws of the weights. */
    public Prediction predict(Tensor x, int samples) {
        if (samples < 2) {
            throw new IllegalArgumentException("BayesianRegression.predict: need at least 2 samples for a variance, got "
                    + samples);
        }
        try (NoGrad scope = NoGrad.enter()) {
            Tensor[] draws = new Tensor[samples];
            for (int s = 0; s < samples; s++) {
                draws[s] = forward(Variable.constant(x)).value();
            }
            Tensor f = Tensor.stack(0, draws);
            Tensor epistemic = f.var(new int[] {0}, true, false);
            return new Prediction(f.mean(0), epistemic.add(noiseStd * noiseStd), epistemic);
        }
    }

    @Override
    protected String describe() {
        return "BayesianRegression(inputs=" + inputs + ", noiseStd=" + noiseStd + ")";
    }
}
