package org.nabla.optim;

import java.util.List;
import java.util.Map;
import org.nabla.autodiff.Parameter;
import org.nabla.tensor.Tensor;

/**
 * RMSprop (Tieleman &amp; Hinton, COURSERA "Neural Networks for Machine Learning", lecture 6.5, 2012),
 * with the centered variant and momentum of Graves, "Generating Sequences With Recurrent Neural
 * Networks", 2013, eq. (38)–(41) — PyTorch's {@code torch.optim.RMSprop}, in its order of operations.
 *
 * <p>With learning rate η, smoothing constant α, ε, momentum μ and weight decay λ:
 * <pre>
 *   g ← ∇L(θ) + λ θ
 *   v ← α v + (1 − α) g²                      (mean square)
 *   centered:  ḡ ← α ḡ + (1 − α) g,   d ← √(v − ḡ²) + ε
 *   otherwise: d ← √v + ε
 *   μ &gt; 0:     b ← μ b + g / d,   θ ← θ − η b
 *   otherwise: θ ← θ − η g / d
 * </pre>
 * Note ε is added outside the square root, as PyTorch does.
 *
 * <p>Hyper-parameters: {@code learningRate} (1e-2), {@code alpha} (0.99), {@code epsilon} (1e-8),
 * {@code weightDecay} (0), {@code momentum} (0), {@code centered} (false). State per parameter:
 * {@code step}, {@code square_avg}, {@code grad_avg} (centered), {@code momentum_buffer} (μ &gt; 0).
 */
public final class RMSprop extends Optimizer {
    public static final String ALPHA = "alpha";
    public static final String EPSILON = "epsilon";
    public static final String WEIGHT_DECAY = "weightDecay";
    public static final String MOMENTUM = "momentum";
    public static final String CENTERED = "centered";

    private RMSprop(List<Parameter> parameters, Map<String, Object> defaults) {
        super(parameters, defaults);
    }

    /** A builder over these parameters. */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    @Override
    protected Tensor update(ParameterGroup group, Tensor theta, Tensor gradient, Map<String, Tensor> state) {
        double lr = group.learningRate();
        double alpha = group.getDouble(ALPHA);
        double eps = group.getDouble(EPSILON);
        double weightDecay = group.getDouble(WEIGHT_DECAY);
        double mu = group.getDouble(MOMENTUM);
        Tensor g = weightDecay != 0 ? gradient.add(theta.mul(weightDecay)) : gradient;
        state.put("step", Tensor.scalar(stepCount(state) + 1));
        Tensor v = state.getOrDefault("square_avg", Tensor.zeros(g.shape())).mul(alpha).add(g.mul(g).mul(1 - alpha));
        state.put("square_avg", v);
        Tensor avg;
        if (group.getBoolean(CENTERED)) {
            Tensor gBar = state.getOrDefault("grad_avg", Tensor.zeros(g.shape())).mul(alpha).add(g.mul(1 - alpha));
            state.put("grad_avg", gBar);
            avg = v.sub(gBar.mul(gBar)).sqrt();
        } else {
            avg = v.sqrt();
        }
        avg = avg.add(eps);
        if (mu > 0) {
            Tensor b = state.getOrDefault("momentum_buffer", Tensor.zeros(g.shape())).mul(mu).add(g.div(avg));
            state.put("momentum_buffer", b);
            return theta.add(b.mul(-lr));
        }
        return theta.add(g.div(avg).mul(-lr));
    }

    @Override
    protected void validateHyperParameters(Map<String, Object> h) {
        requireNonNegative(h, ParameterGroup.LEARNING_RATE);
        requireNonNegative(h, ALPHA);
        if (number(h, ALPHA) > 1) {
            // α > 1 gives the squared gradient a negative weight 1 − α: the running average can turn
            // negative and its square root NaN
            throw new IllegalArgumentException(name() + ": invalid " + ALPHA + " " + number(h, ALPHA)
                    + " (must be in [0, 1])");
        }
        requirePositive(h, EPSILON);
        requireNonNegative(h, WEIGHT_DECAY);
        requireNonNegative(h, MOMENTUM);
        flag(h, CENTERED);
    }

    /** Builds an {@link RMSprop}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private Builder(List<Parameter> parameters) {
            super(parameters);
            h.put(ParameterGroup.LEARNING_RATE, 1e-2);
            h.put(ALPHA, 0.99);
            h.put(EPSILON, 1e-8);
            h.put(WEIGHT_DECAY, 0.0);
            h.put(MOMENTUM, 0.0);
            h.put(CENTERED, false);
        }



        /** The smoothing constant α of the mean square. */
        public Builder alpha(double alpha) {
            h.put(ALPHA, alpha);
            return this;
        }

        /** ε added to the root mean square. */
        public Builder epsilon(double eps) {
            h.put(EPSILON, eps);
            return this;
        }

        /** The L2 weight decay λ. */
        public Builder weightDecay(double lambda) {
            h.put(WEIGHT_DECAY, lambda);
            return this;
        }

        /** The momentum μ. */
        public Builder momentum(double mu) {
            h.put(MOMENTUM, mu);
            return this;
        }

        /** Normalise by the estimated variance v − ḡ² instead of the mean square. */
        public Builder centered(boolean centered) {
            h.put(CENTERED, centered);
            return this;
        }

        /** @throws IllegalArgumentException for invalid hyper-parameters */
        public RMSprop build() {
            return configure(new RMSprop(parameters, h));
        }
    }
}
