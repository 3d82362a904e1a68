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
 * <p>Hyper-parameters as {@link Adam}, with {@code weightDecay} λ defaulting to 1e-2.
 */
public final class AdamW extends Optimizer {
    private final AdamMoments moments = new AdamMoments();

    private AdamW(List<Parameter> parameters, Map<String, Object> defaults) {
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
    protected Tensor update(ParameterGroup group, Tensor theta, Tensor gradient, Map<String, Tensor> state) {
        double decay = group.learningRate() * group.getDouble(Adam.WEIGHT_DECAY);
        Tensor decayed = theta.mul(1 - decay);
        return Adam.step(group, decayed, gradient, state, moments);
    }

    @Override
    protected void validateHyperParameters(Map<String, Object> h) {
        Adam.validateAdam(this, h);
    }

    /** Builds an {@link AdamW}. */
    public static final class Builder extends Adam.AdamBuilder<Builder> {
        private Builder(List<Parameter> parameters) {
            super(parameters, Adam.defaults(1e-2));
        }

        /** @throws IllegalArgumentException for invalid hyper-parameters */
        public AdamW build() {
            return configure(new AdamW(parameters, h));
        }
    }
}
