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
 * <p>Hyper-parameters: {@code learningRate} (η, required), {@code momentum} (μ ≥ 0, default 0),
 * {@code dampening} (τ, default 0), {@code weightDecay} (λ ≥ 0, default 0), {@code nesterov}
 * (default false; needs μ &gt; 0 and τ = 0). State per parameter: {@code momentum_buffer}.
 */
public final class SGD extends Optimizer {
    public static final String MOMENTUM = "momentum";
    public static final String DAMPENING = "dampening";
    public static final String WEIGHT_DECAY = "weightDecay";
    public static final String NESTEROV = "nesterov";

    private SGD(List<Parameter> parameters, Map<String, Object> defaults) {
        super(parameters, defaults);
    }

    /** A builder over these parameters. */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    @Override
    protected Tensor update(ParameterGroup group, Tensor theta, Tensor gradient, Map<String, Tensor> state) {
        double lr = group.learningRate();
        double mu = group.getDouble(MOMENTUM);
        double dampening = group.getDouble(DAMPENING);
        double weightDecay = group.getDouble(WEIGHT_DECAY);
        Tensor g = gradient;
        if (weightDecay != 0) {
            g = g.add(theta.mul(weightDecay));
        }
        if (mu != 0) {
            Tensor b = state.get("momentum_buffer");
            b = b == null ? g : b.mul(mu).add(g.mul(1 - dampening));
            state.put("momentum_buffer", b);
            g = group.getBoolean(NESTEROV) ? g.add(b.mul(mu)) : b;
        }
        return theta.add(g.mul(-lr));
    }

    @Override
    protected void validateHyperParameters(Map<String, Object> h) {
        requireNonNegative(h, ParameterGroup.LEARNING_RATE);
        requireNonNegative(h, MOMENTUM);
        requireNonNegative(h, WEIGHT_DECAY);
        double dampening = number(h, DAMPENING);
        if (flag(h, NESTEROV) && (number(h, MOMENTUM) <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires a momentum > 0 and zero dampening"
                    + " (momentum " + number(h, MOMENTUM) + ", dampening " + dampening + ")");
        }
    }

    /** Builds an {@link SGD}; the learning rate must be given (as in PyTorch). */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private Builder(List<Parameter> parameters) {
            super(parameters);
            h.put(ParameterGroup.LEARNING_RATE, Double.NaN);
            h.put(MOMENTUM, 0.0);
            h.put(DAMPENING, 0.0);
            h.put(WEIGHT_DECAY, 0.0);
            h.put(NESTEROV, false);
        }

        /** The learning rate η. */
        @Override
        public Builder learningRate(double eta) {
            if (Double.isNaN(eta)) {
                // NaN marks "not set" in build(): reject it here, naming the value
                throw new IllegalArgumentException("SGD: invalid learningRate NaN (must be >= 0)");
            }
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
            if (Double.isNaN((Double) h.get(ParameterGroup.LEARNING_RATE))) {
                throw new IllegalArgumentException("SGD: the learning rate is required (builder.learningRate(η))");
            }
            return configure(new SGD(parameters, h));
        }
    }
}
