package org.nabla.optim;

import java.util.List;
import java.util.Map;
import org.nabla.autodiff.Parameter;
import org.nabla.tensor.Tensor;

/**
 * Adagrad: per-coordinate step sizes from the accumulated squared gradients (Duchi, Hazan &amp;
 * Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic Optimization", JMLR 12,
 * 2011, the diagonal update of Figure 1) — PyTorch's {@code torch.optim.Adagrad}.
 *
 * <p>With learning rate η, learning-rate decay δ, weight decay λ, ε and the accumulator G started at
 * G₀ = {@code initialAccumulatorValue}, at step t:
 * <pre>
 *   g ← ∇L(θ) + λ θ
 *   η_t ← η / (1 + (t − 1) δ)
 *   G ← G + g²
 *   θ ← θ − η_t g / (√G + ε)
 * </pre>
 *
 * <p>Hyper-parameters ({@link Settings}): {@code learningRate} (1e-2), {@code learningRateDecay} (0),
 * {@code weightDecay} (0), {@code initialAccumulatorValue} (0), {@code epsilon} (1e-10). State per
 * parameter: {@code step}, {@code sum} (G).
 */
public final class Adagrad extends Optimizer<Adagrad.Settings> {
    /** The name of δ in the by-name view. */
    public static final String LEARNING_RATE_DECAY = "learningRateDecay";
    /** The name of λ in the by-name view. */
    public static final String WEIGHT_DECAY = "weightDecay";
    /** The name of G₀ in the by-name view. */
    public static final String INITIAL_ACCUMULATOR_VALUE = "initialAccumulatorValue";
    /** The name of ε in the by-name view. */
    public static final String EPSILON = "epsilon";

    /**
     * The hyper-parameters of Adagrad, validated here: η, δ, λ, G₀ ≥ 0 and ε &gt; 0 (all finite).
     *
     * @param learningRate η
     * @param learningRateDecay δ in η_t = η / (1 + (t − 1) δ)
     * @param weightDecay λ of the L2 penalty added to the gradient
     * @param initialAccumulatorValue G₀, the initial value of every accumulator entry
     * @param epsilon ε added to √G
     */
    public record Settings(double learningRate, double learningRateDecay, double weightDecay,
            double initialAccumulatorValue, double epsilon) implements OptimizerSettings<Settings> {
        /** @throws IllegalArgumentException naming the setting, its value and the valid range */
        public Settings {
            Check.nonNegative("Adagrad", ParameterGroup.LEARNING_RATE, learningRate);
            Check.nonNegative("Adagrad", LEARNING_RATE_DECAY, learningRateDecay);
            Check.nonNegative("Adagrad", WEIGHT_DECAY, weightDecay);
            Check.nonNegative("Adagrad", INITIAL_ACCUMULATOR_VALUE, initialAccumulatorValue);
            Check.positive("Adagrad", EPSILON, epsilon);
        }

        /** PyTorch's defaults: η = 1e-2, δ = 0, λ = 0, G₀ = 0, ε = 1e-10. */
        public static Settings defaults() {
            return new Settings(1e-2, 0, 0, 0, 1e-10);
        }

        @Override
        public Settings withLearningRate(double learningRate) {
            return new Settings(learningRate, learningRateDecay, weightDecay, initialAccumulatorValue, epsilon);
        }

        /** These settings with learning-rate decay δ. */
        public Settings withLearningRateDecay(double learningRateDecay) {
            return new Settings(learningRate, learningRateDecay, weightDecay, initialAccumulatorValue, epsilon);
        }

        /** These settings with weight decay λ. */
        public Settings withWeightDecay(double weightDecay) {
            return new Settings(learningRate, learningRateDecay, weightDecay, initialAccumulatorValue, epsilon);
        }

        /** These settings with initial accumulator value G₀. */
        public Settings withInitialAccumulatorValue(double initialAccumulatorValue) {
            return new Settings(learningRate, learningRateDecay, weightDecay, initialAccumulatorValue, epsilon);
        }

        /** These settings with ε. */
        public Settings withEpsilon(double epsilon) {
            return new Settings(learningRate, learningRateDecay, weightDecay, initialAccumulatorValue, epsilon);
        }
    }

    private Adagrad(List<Parameter> parameters, Settings defaults) {
        super(parameters, defaults);
    }

    /** A builder over these parameters. */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    @Override
    protected Tensor update(Settings s, Tensor theta, Tensor gradient, Map<String, Tensor> state) {
        double lr = s.learningRate();
        double lrDecay = s.learningRateDecay();
        double weightDecay = s.weightDecay();
        double eps = s.epsilon();
        double t = stepCount(state) + 1;
        state.put("step", Tensor.scalar(t));
        Tensor g = weightDecay != 0 ? gradient.add(theta.mul(weightDecay)) : gradient;
        double clr = lr / (1 + (t - 1) * lrDecay);
        Tensor sum = state.get("sum");
        if (sum == null) {
            sum = Tensor.full(g.shape(), s.initialAccumulatorValue());
        }
        sum = sum.add(g.mul(g));
        state.put("sum", sum);
        return theta.add(g.div(sum.sqrt().add(eps)).mul(-clr));
    }

    /** Builds an {@link Adagrad}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private Builder(List<Parameter> parameters) {
            super(parameters, SettingsByName.asMap(Settings.defaults()));
        }

        /** The decay δ in η_t = η / (1 + (t − 1) δ). */
        public Builder learningRateDecay(double delta) {
            h.put(LEARNING_RATE_DECAY, delta);
            return this;
        }

        /** The L2 weight decay λ. */
        public Builder weightDecay(double lambda) {
            h.put(WEIGHT_DECAY, lambda);
            return this;
        }

        /** The initial value G₀ of every accumulator entry. */
        public Builder initialAccumulatorValue(double g0) {
            h.put(INITIAL_ACCUMULATOR_VALUE, g0);
            return this;
        }

        /** ε added to √G. */
        public Builder epsilon(double eps) {
            h.put(EPSILON, eps);
            return this;
        }

        /** @throws IllegalArgumentException for invalid hyper-parameters */
        public Adagrad build() {
            return configure(new Adagrad(parameters, SettingsByName.create(Settings.class, h)));
        }
    }
}
