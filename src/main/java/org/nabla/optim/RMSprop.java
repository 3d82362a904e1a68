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
 * <p>Hyper-parameters ({@link Settings}): {@code learningRate} (1e-2), {@code alpha} (0.99), {@code epsilon} (1e-8),
 * {@code weightDecay} (0), {@code momentum} (0), {@code centered} (false). State per parameter:
 * {@code step}, {@code square_avg}, {@code grad_avg} (centered), {@code momentum_buffer} (μ &gt; 0).
 */
public final class RMSprop extends Optimizer<RMSprop.Settings> {
    /** The name of α in the by-name view. */
    public static final String ALPHA = "alpha";
    /** The name of ε in the by-name view. */
    public static final String EPSILON = "epsilon";
    /** The name of λ in the by-name view. */
    public static final String WEIGHT_DECAY = "weightDecay";
    /** The name of μ in the by-name view. */
    public static final String MOMENTUM = "momentum";
    /** The name of the centered switch in the by-name view. */
    public static final String CENTERED = "centered";

    /**
     * The hyper-parameters of RMSprop, validated here: η ≥ 0, α ∈ [0, 1] (α &gt; 1 would give g² a
     * negative weight 1 − α, and the running average could turn negative and its root NaN), ε &gt; 0,
     * λ ≥ 0, μ ≥ 0.
     *
     * @param learningRate η
     * @param alpha α, the smoothing constant of the mean square
     * @param epsilon ε added to the root mean square
     * @param weightDecay λ of the L2 penalty added to the gradient
     * @param momentum μ
     * @param centered normalise by the estimated variance v − ḡ² instead of the mean square
     */
    public record Settings(double learningRate, double alpha, double epsilon, double weightDecay, double momentum,
            boolean centered) implements OptimizerSettings<Settings> {
        /** @throws IllegalArgumentException naming the setting, its value and the valid range */
        public Settings {
            Check.nonNegative("RMSprop", ParameterGroup.LEARNING_RATE, learningRate);
            Check.nonNegative("RMSprop", ALPHA, alpha);
            if (alpha > 1) {
                throw new IllegalArgumentException("RMSprop: invalid " + ALPHA + " " + alpha + " (must be in [0, 1])");
            }
            Check.positive("RMSprop", EPSILON, epsilon);
            Check.nonNegative("RMSprop", WEIGHT_DECAY, weightDecay);
            Check.nonNegative("RMSprop", MOMENTUM, momentum);
        }

        /** PyTorch's defaults: η = 1e-2, α = 0.99, ε = 1e-8, no weight decay, no momentum, not centered. */
        public static Settings defaults() {
            return new Settings(1e-2, 0.99, 1e-8, 0, 0, false);
        }

        @Override
        public Settings withLearningRate(double learningRate) {
            return new Settings(learningRate, alpha, epsilon, weightDecay, momentum, centered);
        }

        /** These settings with smoothing constant α. */
        public Settings withAlpha(double alpha) {
            return new Settings(learningRate, alpha, epsilon, weightDecay, momentum, centered);
        }

        /** These settings with ε. */
        public Settings withEpsilon(double epsilon) {
            return new Settings(learningRate, alpha, epsilon, weightDecay, momentum, centered);
        }

        /** These settings with weight decay λ. */
        public Settings withWeightDecay(double weightDecay) {
            return new Settings(learningRate, alpha, epsilon, weightDecay, momentum, centered);
        }

        /** These settings with momentum μ. */
        public Settings withMomentum(double momentum) {
            return new Settings(learningRate, alpha, epsilon, weightDecay, momentum, centered);
        }

        /** These settings, centered or not. */
        public Settings withCentered(boolean centered) {
            return new Settings(learningRate, alpha, epsilon, weightDecay, momentum, centered);
        }
    }

    private RMSprop(List<Parameter> parameters, Settings defaults) {
        super(parameters, defaults);
    }

    /** A builder over these parameters. */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    @Override
    protected Tensor update(Settings s, Tensor theta, Tensor gradient, Map<String, Tensor> state) {
        double lr = s.learningRate();
        double alpha = s.alpha();
        double eps = s.epsilon();
        double weightDecay = s.weightDecay();
        double mu = s.momentum();
        Tensor g = weightDecay != 0 ? gradient.add(theta.mul(weightDecay)) : gradient;
        state.put("step", Tensor.scalar(stepCount(state) + 1));
        Tensor v = state.getOrDefault("square_avg", Tensor.zeros(g.shape())).mul(alpha).add(g.mul(g).mul(1 - alpha));
        state.put("square_avg", v);
        Tensor avg;
        if (s.centered()) {
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

    /** Builds an {@link RMSprop}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private Builder(List<Parameter> parameters) {
            super(parameters, SettingsByName.asMap(Settings.defaults()));
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
            return configure(new RMSprop(parameters, SettingsByName.create(Settings.class, h)));
        }
    }
}
