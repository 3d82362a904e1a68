package org.nabla.prob;

import org.nabla.autodiff.NoGrad;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Linear;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * The variational autoencoder (Kingma &amp; Welling 2014) for data x ∈ [0, 1]^D (pixels):
 * <pre>
 *   prior          p(z) = 𝒩(0, I),  z ∈ ℝ^d,
 *   decoder        p_θ(x | z) = Πᵢ Bernoulli(xᵢ; σ(ℓᵢ(z))),   ℓ(z) = W₄ relu(W₃ z + b₃) + b₄,
 *   encoder        q_φ(z | x) = 𝒩(μ(x), diag σ²(x)),   (μ, log σ²)(x) = (W_μ h + b_μ, W_v h + b_v),  h = relu(W₁ x + b₁).
 * </pre>
 * <b>The evidence lower bound.</b> For any q, by Jensen's inequality (or since KL ≥ 0),
 * <pre>
 *   log p_θ(x) = log E_q[p_θ(x, z)/q(z|x)] ≥ E_q[log p_θ(x|z)] − KL(q(z|x) ‖ p(z)) =: ELBO(x),
 *   with equality gap log p_θ(x) − ELBO(x) = KL(q(z|x) ‖ p_θ(z|x)).
 * </pre>
 * {@link #negativeElbo} returns −ELBO averaged over the mini-batch, the loss to minimize in θ and φ:
 * <pre>
 *   −ELBO(x) ≈ −Σᵢ [xᵢ ℓᵢ(z) − softplus(ℓᵢ(z))]  +  ½ Σⱼ (μⱼ² + σⱼ² − 1 − log σⱼ²),
 *              reconstruction (one draw z)          KL to the prior (closed form, {@link KL})
 *   where z = μ(x) + σ(x) ⊙ ε, ε ~ 𝒩(0, I)   (the reparameterization trick, §2.4),
 * </pre>
 * so the single-sample estimate is differentiable in φ through μ and σ and its gradient is an
 * unbiased estimate of ∇ ELBO (the SGVB estimator B of §2.3, eq. (7)). The encoder outputs log σ²
 * (any real number) and σ = e^(½ log σ²). (The paper's MLPs use tanh hidden units; ReLU trains faster
 * here.)
 *
 * <p>For grey values xᵢ ∈ (0, 1) the Bernoulli term is a cross-entropy, not a log-mass: it is bounded
 * below by the pixels' own entropy Σᵢ H(xᵢ) (13.7 nats per image on the embedded digits), so −ELBO
 * cannot approach 0 there; on binarized data it is a true negative log-likelihood bound.
 *
 * <p>Source: D. P. Kingma and M. Welling, "Auto-Encoding Variational Bayes", ICLR 2014, §2.2–2.4,
 * §3 and Appendix B (the Gaussian KL) and C.1 (Bernoulli MLP decoder).
 */
public final class VariationalAutoencoder extends Module {
    /** The two terms of −ELBO, each averaged over the batch, and their sum. */
    public record Terms(Variable reconstruction, Variable kl, Variable negativeElbo) {
    }

    private final int inputs;
    private final int latent;
    private final Linear encoderHidden;
    private final Linear encoderMean;
    private final Linear encoderLogVariance;
    private final Linear decoderHidden;
    private final Linear decoderOutput;

    /** D inputs, h hidden units in encoder and decoder, d latent dimensions. */
    public VariationalAutoencoder(int inputs, int hidden, int latent, Rng rng) {
        if (inputs <= 0 || hidden <= 0 || latent <= 0) {
            throw new IllegalArgumentException("VariationalAutoencoder: sizes must be positive, got inputs=" + inputs
                    + ", hidden=" + hidden + ", latent=" + latent);
        }
        this.inputs = inputs;
        this.latent = latent;
        this.encoderHidden = registerModule("encoderHidden", new Linear(inputs, hidden, rng));
        this.encoderMean = registerModule("encoderMean", new Linear(hidden, latent, rng));
        this.encoderLogVariance = registerModule("encoderLogVariance", new Linear(hidden, latent, rng));
        this.decoderHidden = registerModule("decoderHidden", new Linear(latent, hidden, rng));
        this.decoderOutput = registerModule("decoderOutput", new Linear(hidden, inputs, rng));
    }

    /** The number of inputs D. */
    public int inputs() {
        return inputs;
    }

    /** The latent dimension d. */
    public int latent() {
        return latent;
    }

    private void checkInput(Variable x, String op) {
        if (x.shape().rank() != 2 || x.shape().dim(1) != inputs) {
            throw new IllegalArgumentException("VariationalAutoencoder." + op + ": expected x of shape (batch, " + inputs
                    + "), got " + x.shape());
        }
    }

    /** The approximate posterior q(z | x) = 𝒩(μ(x), σ²(x)), batch shape (batch, d). */
    public Normal encode(Variable x) {
        checkInput(x, "encode");
        Variable h = encoderHidden.forward(x).relu();
        Variable logVariance = encoderLogVariance.forward(h);
        return Normal.withLogStd(encoderMean.forward(h), logVariance.mul(0.5));
    }

    /** The likelihood p(x | z) = Bernoulli(σ(ℓ(z))), batch shape (batch, D). */
    public Bernoulli decode(Variable z) {
        if (z.shape().rank() != 2 || z.shape().dim(1) != latent) {
            throw new IllegalArgumentException("VariationalAutoencoder.decode: expected z of shape (batch, " + latent
                    + "), got " + z.shape());
        }
        return new Bernoulli(decoderOutput.forward(decoderHidden.forward(z).relu()));
    }

    /** The deterministic reconstruction: the decoder's logits ℓ(μ(x)) at the posterior mean. */
    @Override
    public Variable forward(Variable x) {
        return decode(encode(x).loc()).logits();
    }

    /** The reconstruction term, the KL term and −ELBO, with one reparameterized draw z per example. */
    public Terms terms(Variable x, Rng rng) {
        Normal q = encode(x);
        Variable z = q.rsample(rng);
        int batch = x.shape().dim(0);
        Variable reconstruction = decode(z).logProb(x).sum().neg().div(batch);
        Variable kl = KL.normalNormal(q, Normal.standard(latent)).sum().div(batch);
        return new Terms(reconstruction, kl, reconstruction.add(kl));
    }

    /** −ELBO averaged over the batch (one reparameterized draw per example): the training loss. */
    public Variable negativeElbo(Variable x, Rng rng) {
        return terms(x, rng).negativeElbo();
    }

    /** −ELBO of a constant tensor of data, without a graph. */
    public double negativeElbo(Tensor x, Rng rng) {
        try (NoGrad scope = NoGrad.enter()) {
            return negativeElbo(Variable.constant(x), rng).item();
        }
    }

    /** The reconstruction probabilities σ(ℓ(μ(x))) of data x, without a graph. */
    public Tensor reconstruct(Tensor x) {
        try (NoGrad scope = NoGrad.enter()) {
            return forward(Variable.constant(x)).value().sigmoid();
        }
    }

    /** n new data means σ(ℓ(z)), z ~ p(z) = 𝒩(0, I), shape (n, D). */
    public Tensor generate(Rng rng, int n) {
        try (NoGrad scope = NoGrad.enter()) {
            Tensor z = Normal.standard(latent).sample(rng, n);
            return decode(Variable.constant(z)).probabilities().value();
        }
    }

    @Override
    protected String describe() {
        return "VariationalAutoencoder(inputs=" + inputs + ", latent=" + latent + ")";
    }
}
