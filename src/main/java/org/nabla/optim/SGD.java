package org.nabla.optim;

import java.util.List;
import java.util.Map;
import org.nabla.autodiff.Parameter;
import org.nabla.tensor.Tensor;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay —
 * PyTorch's {@code torch.optim.SGD}, update for update.
 *
 * <p>With learning rate η, momentum μ, dampening τ and weight decay λ, at step t:
 * <pre>
 *   g ← ∇L(θ) + λ θ
 *   if μ ≠ 0:
 *       b ← g                         (t = 1: the buffer starts as the gradient itself)
 *       b ← μ b + (1 − τ) g           (t &gt; 1)
 *       g ← g + μ b   if Nesterov,   else   g ← b
 *   θ ← θ − η g
 * </pre>
 * Momentum is Polyak's heavy ball (Polyak 1964) in the form of Sutskever et al., "On the importance
 * of initialization and momentum in deep learning", ICML 2013, eq. (1)–(2) (with η moved outside the
 * buffer, as PyTorch does); the Nesterov form is their eq. (3)–(4) rewritten in PyTorch's way.
 *
 * <p>Hyper-parameters ({@link Settings}): {@code learningRate} (η, required), {@code momentum}
 * (μ ≥ 0, default 0), {@code dampening} (τ, default 0), {@code weightDecay} (λ ≥ 0, default 0),
 * {@code nesterov} (default false; needs μ &gt; 0 and τ = 0). State per parameter:
 * {@code momentum_buffer}.
 */
public final class SGD extends Optimizer<SGD.Settings> {
    /** The name of μ in the by-name view. */
    public static final String MOMENTUM = "momentum";
    /** The name of τ in the by-name view. */
    public static final String DAMPENING = "dampening";
    /** The name of λ in the by-name view. */
    public static final String WEIGHT_DECAY = "weightDecay";
    /** The name of the Nesterov switch in the by-name view. */
    public static final String NESTEROV = "nesterov";

    /**
     * The hyper-parameters of SGD, validated here: η ≥ 0, μ ≥ 0, λ ≥ 0, τ any number (all finite),
     * and Nesterov momentum only with μ &gt; 0 and τ = 0 (PyTorch's rule).
     *
     * @param learningRate η
     * @param momentum μ (0: plain gradient descent)
     * @param dampening τ of the momentum buffer
     * @param weightDecay λ of the L2 penalty added to the gradient
     * @param nesterov Nesterov momentum instead of the heavy ball
     */
    public record Settings(double learningRate, double momentum, double dampening, double weightDecay,
            boolean nesterov) implements OptimizerSettings<Settings> {
        /** @throws IllegalArgumentException naming the setting, its value and the valid range */
        public Settings {
            Check.nonNegative("SGD", ParameterGroup.LEARNING_RATE, learningRate);
            Check.nonNegative("SGD", MOMENTUM, momentum);
            Check.nonNegative("SGD", WEIGHT_DECAY, weightDecay);
            if (Double.isNaN(dampening) || Double.isInfinite(dampening)) {
                throw new IllegalArgumentException("SGD: invalid dampening " + dampening + " (must be finite)");
            }
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("SGD: Nesterov momentum requires a momentum > 0 and zero dampening"
                        + " (momentum " + momentum + ", dampening " + dampening + ")");
            }
        }

        /** Plain gradient descent with step η: no momentum, no weight decay. */
        public static Settings of(double learningRate) {
            return new Settings(learningRate, 0, 0, 0, false);
        }

        @Override
        public Settings withLearningRate(double learningRate) {
            return new Settings(learningRate, momentum, dampening, weightDecay, nesterov);
        }

        /** These settings with momentum μ. */
        public Settings withMomentum(double momentum) {
            return new Settings(learningRate, momentum, dampening, weightDecay, nesterov);
        }

        /** These settings with dampening τ. */
        public Settings withDampening(double dampening) {
            return new Settings(learningRate, momentum, dampening, weightDecay, nesterov);
        }

        /** These settings with weight decay λ. */
        public Settings withWeightDecay(double weightDecay) {
            return new Settings(learningRate, momentum, dampening, weightDecay, nesterov);
        }

        /** These settings with Nesterov momentum on or off. */
        public Settings withNesterov(boolean nesterov) {
            return new Settings(learningRate, momentum, dampening, weightDecay, nesterov);
        }
    }

    private SGD(List<Parameter> parameters, Settings defaults) {
        super(parameters, defaults);
    }

    /** A builder over these parameters. */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    @Override
    protected Tensor update(Settings s, Tensor theta, Tensor gradient, Map<String, Tensor> state) {
        double lr = s.learningRate();
        double mu = s.momentum();
        double dampening = s.dampening();
        double weightDecay = s.weightDecay();
        Tensor g = gradient;
        if (weightDecay != 0) {
            g = g.add(theta.mul(weightDecay));
        }
        if (mu != 0) {
            Tensor b = state.get("momentum_buffer");
            b = b == null ? g : b.mul(mu).add(g.mul(1 - dampening));
            state.put("momentum_buffer", b);
            g = s.nesterov() ? g.add(b.mul(mu)) : b;
        }
        return theta.add(g.mul(-lr));
    }

    /** Builds an {@link SGD}; the learning rate must be given (as in PyTorch). */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private Builder(List<Parameter> parameters) {
            super(parameters);
            h.put(MOMENTUM, 0.0);
            h.put(DAMPENING, 0.0);
            h.put(WEIGHT_DECAY, 0.0);
            h.put(NESTEROV, false);
        }

        /** The learning rate η. */
        @Override
        public Builder learningRate(double eta) {
            h.put(ParameterGroup.LEARNING_RATE, eta);
            return this;
        }

        /** The momentum μ. */
        public Builder momentum(double mu) {
            h.put(MOMENTUM, mu);
            return this;
        }

        /** The dampening τ of the momentum buffer. */
        public Builder dampening(double tau) {
            h.put(DAMPENING, tau);
            return this;
        }

        /** The L2 weight decay λ. */
        public Builder weightDecay(double lambda) {
            h.put(WEIGHT_DECAY, lambda);
            return this;
        }

        /** Nesterov momentum. */
        public Builder nesterov(boolean nesterov) {
            h.put(NESTEROV, nesterov);
            return this;
        }

        /** @throws IllegalArgumentException for a missing learning rate or invalid hyper-parameters */
        public SGD build() {
            if (!h.containsKey(ParameterGroup.LEARNING_RATE)) {
                throw new IllegalArgumentException("SGD: the learning rate is required (builder.learningRate(η))");
            }
            return configure(new SGD(parameters, SettingsByName.create(Settings.class, h)));
        }
    }
}
