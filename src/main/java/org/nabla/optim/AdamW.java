package org.nabla.optim;

import java.util.List;
import java.util.Map;
import org.nabla.autodiff.Parameter;
import org.nabla.tensor.Tensor;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay
 * Regularization", ICLR 2019, Algorithm 2), as PyTorch's {@code torch.optim.AdamW}.
 *
 * <p>The decay is applied to the parameters, not added to the gradient, and is scaled by the
 * learning rate η (PyTorch's schedule multiplier), first:
 * <pre>
 *   θ ← θ − η λ θ                                      (decoupled weight decay)
 *   m_t ← β₁ m_{t−1} + (1 − β₁) g_t,   v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
 *   θ_t ← θ − (η / (1 − β₁ᵗ)) · m_t / (√v_t / √(1 − β₂ᵗ) + ε)
 * </pre>
 * with g_t = ∇f(θ_{t−1}) (the gradient at the point before the decay) and AMSGrad as in
 * {@link Adam}.
 *
 * <p>Hyper-parameters ({@link Settings}) as {@link Adam}'s, with {@code weightDecay} λ defaulting
 * to 1e-2.
 */
public final class AdamW extends Optimizer<AdamW.Settings> {
    /**
     * The hyper-parameters of AdamW, validated here: η ≥ 0, β₁, β₂ ∈ [0, 1), ε &gt; 0, λ ≥ 0.
     *
     * @param learningRate the step size α (η)
     * @param beta1 β₁, the decay rate of the first moment
     * @param beta2 β₂, the decay rate of the second raw moment
     * @param epsilon ε added to the denominator
     * @param weightDecay λ (the decoupled weight decay, scaled by η)
     * @param amsgrad use the running maximum of v (AMSGrad)
     */
    public record Settings(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
            boolean amsgrad) implements OptimizerSettings<Settings> {
        /** @throws IllegalArgumentException naming the setting, its value and the valid range */
        public Settings {
            Adam.check("AdamW", learningRate, beta1, beta2, epsilon, weightDecay);
        }

        /** PyTorch's defaults: η = 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 1e-2. */
        public static Settings defaults() {
            return new Settings(1e-3, 0.9, 0.999, 1e-8, 1e-2, false);
        }

        @Override
        public Settings withLearningRate(double learningRate) {
            return new Settings(learningRate, beta1, beta2, epsilon, weightDecay, amsgrad);
        }

        /** These settings with decay rates β₁, β₂. */
        public Settings withBetas(double beta1, double beta2) {
            return new Settings(learningRate, beta1, beta2, epsilon, weightDecay, amsgrad);
        }

        /** These settings with ε. */
        public Settings withEpsilon(double epsilon) {
            return new Settings(learningRate, beta1, beta2, epsilon, weightDecay, amsgrad);
        }

        /** These settings with weight decay λ. */
        public Settings withWeightDecay(double weightDecay) {
            return new Settings(learningRate, beta1, beta2, epsilon, weightDecay, amsgrad);
        }

        /** These settings with AMSGrad on or off. */
        public Settings withAmsgrad(boolean amsgrad) {
            return new Settings(learningRate, beta1, beta2, epsilon, weightDecay, amsgrad);
        }
    }

    private final AdamMoments moments = new AdamMoments();

    private AdamW(List<Parameter> parameters, Settings defaults) {
        super(parameters, defaults);
    }

    @Override
    public Map<String, Tensor> state() {
        moments.flush();
        return super.state();
    }

    @Override
    protected void stateRestored() {
        moments.forget();
    }

    /** A builder over these parameters (defaults: η = 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 1e-2). */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    @Override
    protected Tensor update(Settings s, Tensor theta, Tensor gradient, Map<String, Tensor> state) {
        double decay = s.learningRate() * s.weightDecay();
        Tensor decayed = theta.mul(1 - decay);
        return Adam.step(s.learningRate(), s.beta1(), s.beta2(), s.epsilon(), s.amsgrad(), decayed, gradient, state,
                moments);
    }

    /** Builds an {@link AdamW}. */
    public static final class Builder extends Adam.AdamBuilder<Builder> {
        private Builder(List<Parameter> parameters) {
            super(parameters, SettingsByName.asMap(Settings.defaults()));
        }

        /** @throws IllegalArgumentException for invalid hyper-parameters */
        public AdamW build() {
            return configure(new AdamW(parameters, SettingsByName.create(Settings.class, h)));
        }
    }
}
