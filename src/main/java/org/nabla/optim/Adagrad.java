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
 * <p>Hyper-parameters: {@code learningRate} (1e-2), {@code learningRateDecay} (0),
 * {@code weightDecay} (0), {@code initialAccumulatorValue} (0), {@code epsilon} (1e-10). State per
 * parameter: {@code step}, {@code sum} (G).
 */
public final class Adagrad extends Optimizer {
    public static final String LEARNING_RATE_DECAY = "learningRateDecay";
    public static final String WEIGHT_DECAY = "weightDecay";
    public static final String INITIAL_ACCUMULATOR_VALUE = "initialAccumulatorValue";
    public static final String EPSILON = "epsilon";

    private Adagrad(List<Parameter> parameters, Map<String, Object> defaults) {
        super(parameters, defaults);
    }

    /** A builder over these parameters. */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    @Override
    protected Tensor update(ParameterGroup group, Tensor theta, Tensor gradient, Map<String, Tensor> state) {
        double lr = group.learningRate();
        double lrDecay = group.getDouble(LEARNING_RATE_DECAY);
        double weightDecay = group.getDouble(WEIGHT_DECAY);
        double eps = group.getDouble(EPSILON);
        double t = stepCount(state) + 1;
        state.put("step", Tensor.scalar(t));
        Tensor g = weightDecay != 0 ? gradient.add(theta.mul(weightDecay)) : gradient;
        double clr = lr / (1 + (t - 1) * lrDecay);
        Tensor sum = state.get("sum");
        if (sum == null) {
            sum = Tensor.full(g.shape(), group.getDouble(INITIAL_ACCUMULATOR_VALUE));
        }
        sum = sum.add(g.mul(g));
        state.put("sum", sum);
        return theta.add(g.div(sum.sqrt().add(eps)).mul(-clr));
    }

    @Override
    protected void validateHyperParameters(Map<String, Object> h) {
        requireNonNegative(h, ParameterGroup.LEARNING_RATE);
        requireNonNegative(h, LEARNING_RATE_DECAY);
        requireNonNegative(h, WEIGHT_DECAY);
        requireNonNegative(h, INITIAL_ACCUMULATOR_VALUE);
        requirePositive(h, EPSILON);
    }

    /** Builds an {@link Adagrad}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private Builder(List<Parameter> parameters) {
            super(parameters);
            h.put(ParameterGroup.LEARNING_RATE, 1e-2);
            h.put(LEARNING_RATE_DECAY, 0.0);
            h.put(WEIGHT_DECAY, 0.0);
            h.put(INITIAL_ACCUMULATOR_VALUE, 0.0);
            h.put(EPSILON, 1e-10);
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
            return configure(new Adagrad(parameters, h));
        }
    }
}
