package org.nabla.prob;

import org.nabla.activation.Softplus;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Linear;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * A Bayesian affine layer trained by Bayes by Backprop: instead of one weight matrix it holds a
 * factorized Gaussian variational posterior over the weights and biases,
 * <pre>
 *   q(w) = Πᵢ 𝒩(wᵢ; μᵢ, σᵢ²),   σᵢ = softplus(ρᵢ) = log(1 + e^ρᵢ) &gt; 0 for any real ρᵢ,
 *   prior p(w) = Πᵢ 𝒩(wᵢ; 0, σ_p²),
 * </pre>
 * and every {@link #forward} draws fresh weights by the reparameterization w = μ + softplus(ρ) ⊙ ε,
 * ε ~ 𝒩(0, I) (from the layer's own seeded {@link Rng}), then computes y = x Wᵀ + b. The gradients
 * with respect to μ and ρ are therefore unbiased estimates of the gradients of the expected loss:
 * ∂/∂μ = ∂f/∂w and ∂/∂ρ = ∂f/∂w ⊙ ε ⊙ σ(ρ) (the logistic sigmoid, the derivative of softplus).
 *
 * <p><b>The objective</b> (variational free energy, the negative ELBO) for data 𝒟 of N examples:
 * <pre>
 *   ℱ(μ, ρ) = KL(q(w) ‖ p(w)) − E_q[log p(𝒟 | w)]
 *           ≈ {@link #kl()} − Σₙ log p(yₙ | xₙ, w),   w ~ q (one draw per step),
 * </pre>
 * with the KL in closed form ({@link KL#normalNormal}) rather than the paper's Monte-Carlo estimate
 * (possible because the prior here is a single Gaussian, not the paper's scale mixture). On a
 * mini-batch of B examples the per-example objective is KL/N − (1/B) Σ_batch log p(y | x, w); see
 * {@link BayesianRegression#negativeElbo}.
 *
 * <p>Source: C. Blundell, J. Cornebise, K. Kavukcuoglu and D. Wierstra, "Weight Uncertainty in Neural
 * Networks", ICML 2015, §3.1–3.4 (eq. (1)–(2), the update of §3.2 with σ = log(1 + e^ρ)).
 */
public final class BayesianLinear extends Module {
    private final int in;
    private final int out;
    private final double priorStd;
    private final Parameter weightMean;
    private final Parameter weightRho;
    private final Parameter biasMean;
    private final Parameter biasRho;
    private final Rng rng;

    /**
     * in → out with prior 𝒩(0, σ_p²) on every weight and bias. Means start like {@link Linear}'s
     * default (U(−1/√in, 1/√in) for the weights, 0 for the biases); ρ starts at {@code initialRho}
     * (e.g. −5: σ ≈ 0.0067, an almost deterministic start). Weight noise is drawn from {@code rng}.
     */
    public BayesianLinear(int in, int out, double priorStd, double initialRho, Rng rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("BayesianLinear: in and out must be positive, got in=" + in + ", out=" + out);
        }
        if (!(priorStd > 0) || Double.isInfinite(priorStd)) {
            throw new IllegalArgumentException("BayesianLinear(in=" + in + ", out=" + out
                    + "): priorStd must be positive and finite, got " + priorStd);
        }
        if (!Double.isFinite(initialRho)) {
            throw new IllegalArgumentException("BayesianLinear(in=" + in + ", out=" + out + "): initialRho must be finite, got "
                    + initialRho);
        }
        if (rng == null) {
            throw new IllegalArgumentException("BayesianLinear(in=" + in + ", out=" + out + "): rng must not be null");
        }
        this.in = in;
        this.out = out;
        this.priorStd = priorStd;
        double bound = 1 / Math.sqrt(in);
        this.weightMean = registerParameter("weightMean", Tensor.uniform(rng, -bound, bound, out, in));
        this.weightRho = registerParameter("weightRho", Tensor.full(Shape.of(out, in), initialRho));
        this.biasMean = registerParameter("biasMean", Tensor.zeros(out));
        this.biasRho = registerParameter("biasRho", Tensor.full(Shape.of(out), initialRho));
        this.rng = rng.split();
    }

    /** in → out with prior 𝒩(0, 1) and ρ starting at −5. */
    public BayesianLinear(int in, int out, Rng rng) {
        this(in, out, 1.0, -5.0, rng);
    }

    /** The variational posterior q(W) = 𝒩(μ, softplus(ρ)²), batch shape (out, in). */
    public Normal weightPosterior() {
        return Normal.of(weightMean.variable(), Softplus.softplus(weightRho.variable()));
    }

    /** The variational posterior q(b), batch shape (out). */
    public Normal biasPosterior() {
        return Normal.of(biasMean.variable(), Softplus.softplus(biasRho.variable()));
    }

    /** The prior p(w) = 𝒩(0, σ_p²) of each weight. */
    public Normal prior() {
        return Normal.of(0.0, priorStd);
    }

    /** KL(q(w) ‖ p(w)) summed over all weights and biases (closed form, differentiable in μ and ρ). */
    public Variable kl() {
        Normal p = prior();
        return KL.normalNormal(weightPosterior(), p).sum().add(KL.normalNormal(biasPosterior(), p).sum());
    }

    /** y = x Wᵀ + b with W, b freshly drawn from q (reparameterized), in training and evaluation mode alike. */
    @Override
    public Variable forward(Variable x) {
        Variable w = weightPosterior().rsample(rng);
        Variable b = biasPosterior().rsample(rng);
        return Linear.linear(x, w, b);
    }

    /** y = x μ_Wᵀ + μ_b: the network at the posterior mean (no noise). */
    public Variable forwardAtMean(Variable x) {
        return Linear.linear(x, weightMean.variable(), biasMean.variable());
    }

    /** μ of the weights, shape (out, in). */
    public Parameter weightMean() {
        return weightMean;
    }

    /** ρ of the weights, shape (out, in). */
    public Parameter weightRho() {
        return weightRho;
    }

    /** μ of the biases. */
    public Parameter biasMean() {
        return biasMean;
    }

    /** ρ of the biases. */
    public Parameter biasRho() {
        return biasRho;
    }

    /** The prior standard deviation σ_p. */
    public double priorStd() {
        return priorStd;
    }

    @Override
    protected String describe() {
        return "BayesianLinear(in=" + in + ", out=" + out + ", priorStd=" + priorStd + ")";
    }
}
