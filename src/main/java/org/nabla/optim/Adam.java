package org.nabla.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nabla.autodiff.Parameter;
import org.nabla.tensor.Tensor;

/**
 * Adam: adaptive moment estimation (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization",
 * ICLR 2015, Algorithm 1), with PyTorch's optional L2 weight decay and AMSGrad (Reddi, Kale &amp;
 * Kumar, "On the Convergence of Adam and Beyond", ICLR 2018).
 *
 * <p>With step size α (the learning rate η), decay rates β₁, β₂, ε and weight decay λ, at step t:
 * <pre>
 *   g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}                     (L2 penalty added to the gradient)
 *   m_t ← β₁ m_{t−1} + (1 − β₁) g_t                   (biased first moment)
 *   v_t ← β₂ v_{t−1} + (1 − β₂) g_t²                  (biased second raw moment)
 *   v̂max_t ← max(v̂max_{t−1}, v_t)                     (AMSGrad only; then v_t ← v̂max_t below)
 *   θ_t ← θ_{t−1} − (α / (1 − β₁ᵗ)) · m_t / (√v_t / √(1 − β₂ᵗ) + ε)
 * </pre>
 * The last line is Algorithm 1's m̂_t / (√v̂_t + ε) with the bias corrections m̂ = m/(1 − β₁ᵗ),
 * v̂ = v/(1 − β₂ᵗ) folded in the way PyTorch computes them (ε is added after dividing √v by
 * √(1 − β₂ᵗ), exactly as the paper's ε is added to √v̂).
 *
 * <p>Hyper-parameters: {@code learningRate} (default 1e-3), {@code beta1} (0.9), {@code beta2}
 * (0.999), {@code epsilon} (1e-8), {@code weightDecay} (0), {@code amsgrad} (false). State per
 * parameter: {@code step}, {@code exp_avg} (m), {@code exp_avg_sq} (v), {@code max_exp_avg_sq}.
 */
public final class Adam extends Optimizer {
    public static final String BETA1 = "beta1";
    public static final String BETA2 = "beta2";
    public static final String EPSILON = "epsilon";
    public static final String WEIGHT_DECAY = "weightDecay";
    public static final String AMSGRAD = "amsgrad";

    private final AdamMoments moments = new AdamMoments();

    private Adam(List<Parameter> parameters, Map<String, Object> defaults) {
        super(parameters, defaults);
    }

    /** A builder over these parameters, with Kingma &amp; Ba's defaults. */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    @Override
    protected Tensor update(ParameterGroup group, Tensor theta, Tensor gradient, Map<String, Tensor> state) {
        double weightDecay = group.getDouble(WEIGHT_DECAY);
        Tensor g = weightDecay != 0 ? gradient.add(theta.mul(weightDecay)) : gradient;
        return step(group, theta, g, state, moments);
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

    /**
     * base + d with d the Adam displacement −(α/(1 − β₁ᵗ)) m_t / (√v_t/√(1 − β₂ᵗ) + ε), advancing the
     * moments held by {@code moments} in place (shared by {@link Adam}, where base = θ, and
     * {@link AdamW}, where base is the decayed θ).
     */
    static Tensor step(ParameterGroup group, Tensor base, Tensor g, Map<String, Tensor> state, AdamMoments moments) {
        double lr = group.learningRate();
        double beta1 = group.getDouble(BETA1);
        double beta2 = group.getDouble(BETA2);
        double eps = group.getDouble(EPSILON);
        boolean amsgrad = group.getBoolean(AMSGRAD);
        double t = stepCount(state) + 1;
        int n = g.size();
        double[] gv = g.dataView();
        double[] b = base.dataView();
        double[][] mv = moments.arrays(state, g.shape(), amsgrad);
        double[] m = mv[0];
        double[] v = mv[1];
        double[] vMax = mv[2];
        double biasCorrection1 = 1 - Math.pow(beta1, t);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double stepScale = -lr / biasCorrection1;
        // The operations of the formulas in the class comment, in the same order, in one pass over the
        // elements (a loop the JIT vectorizes); the moments change in place, the parameter is a new tensor:
        //   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²  [v̂max ← max(v̂max, v)],
        //   θ ← base + (−η/(1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
        double c1 = 1 - beta1;
        double c2 = 1 - beta2;
        Tensor next;
        if (vMax == null) {
            next = Tensor.build(g.shape(), out -> {
                for (int i = 0; i < n; i++) {
                    double gi = gv[i];
                    double mi = m[i] * beta1 + gi * c1;
                    double vi = v[i] * beta2 + gi * gi * c2;
                    m[i] = mi;
                    v[i] = vi;
                    out[i] = b[i] + mi / (Math.sqrt(vi) / biasCorrection2Sqrt + eps) * stepScale;
                }
            });
        } else {
            next = Tensor.build(g.shape(), out -> {
                for (int i = 0; i < n; i++) {
                    double gi = gv[i];
                    double mi = m[i] * beta1 + gi * c1;
                    double vi = v[i] * beta2 + gi * gi * c2;
                    double vm = Math.max(vMax[i], vi);
                    m[i] = mi;
                    v[i] = vi;
                    vMax[i] = vm;
                    out[i] = b[i] + mi / (Math.sqrt(vm) / biasCorrection2Sqrt + eps) * stepScale;
                }
            });
        }
        Tensor step = Tensor.scalar(t);
        state.put("step", step);
        moments.stepped(state, step);
        return next;
    }

    @Override
    protected void validateHyperParameters(Map<String, Object> h) {
        validateAdam(this, h);
    }

    static void validateAdam(Optimizer o, Map<String, Object> h) {
        o.requireNonNegative(h, ParameterGroup.LEARNING_RATE);
        o.requireUnitInterval(h, BETA1);
        o.requireUnitInterval(h, BETA2);
        o.requirePositive(h, EPSILON);
        o.requireNonNegative(h, WEIGHT_DECAY);
        o.flag(h, AMSGRAD);
    }

    static Map<String, Object> defaults(double weightDecay) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(ParameterGroup.LEARNING_RATE, 1e-3);
        h.put(BETA1, 0.9);
        h.put(BETA2, 0.999);
        h.put(EPSILON, 1e-8);
        h.put(WEIGHT_DECAY, weightDecay);
        h.put(AMSGRAD, false);
        return h;
    }

    /** Builds an {@link Adam}. */
    public static final class Builder extends AdamBuilder<Builder> {
        private Builder(List<Parameter> parameters) {
            super(parameters, defaults(0.0));
        }

        /** @throws IllegalArgumentException for invalid hyper-parameters */
        public Adam build() {
            return configure(new Adam(parameters, h));
        }
    }

    /** The setters shared by the Adam and AdamW builders. */
    public abstract static class AdamBuilder<B extends AdamBuilder<B>> extends OptimizerBuilder<B> {
        AdamBuilder(List<Parameter> parameters, Map<String, Object> h) {
            super(parameters, h);
        }

        /** Exponential decay rates β₁, β₂ of the moment estimates. */
        public B betas(double beta1, double beta2) {
            h.put(BETA1, beta1);
            h.put(BETA2, beta2);
            return self();
        }

        /** ε added to the denominator. */
        public B epsilon(double eps) {
            h.put(EPSILON, eps);
            return self();
        }

        /** Weight decay λ (L2 for Adam, decoupled for AdamW). */
        public B weightDecay(double lambda) {
            h.put(WEIGHT_DECAY, lambda);
            return self();
        }

        /** Use the running maximum of v (AMSGrad). */
        public B amsgrad(boolean amsgrad) {
            h.put(AMSGRAD, amsgrad);
            return self();
        }
    }
}
