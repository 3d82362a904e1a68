package org.nabla.optim;

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
 * <p>Hyper-parameters ({@link Settings}): {@code learningRate} (default 1e-3), {@code beta1} (0.9), {@code beta2}
 * (0.999), {@code epsilon} (1e-8), {@code weightDecay} (0), {@code amsgrad} (false). State per
 * parameter: {@code step}, {@code exp_avg} (m), {@code exp_avg_sq} (v), {@code max_exp_avg_sq}.
 */
public final class Adam extends Optimizer<Adam.Settings> {
    /** The name of β₁ in the by-name view. */
    public static final String BETA1 = "beta1";
    /** The name of β₂ in the by-name view. */
    public static final String BETA2 = "beta2";
    /** The name of ε in the by-name view. */
    public static final String EPSILON = "epsilon";
    /** The name of λ in the by-name view. */
    public static final String WEIGHT_DECAY = "weightDecay";
    /** The name of the AMSGrad switch in the by-name view. */
    public static final String AMSGRAD = "amsgrad";

    /**
     * The hyper-parameters of Adam, validated here: η ≥ 0, β₁, β₂ ∈ [0, 1), ε &gt; 0, λ ≥ 0.
     *
     * @param learningRate the step size α (η)
     * @param beta1 β₁, the decay rate of the first moment
     * @param beta2 β₂, the decay rate of the second raw moment
     * @param epsilon ε added to the denominator
     * @param weightDecay λ (the L2 penalty added to the gradient)
     * @param amsgrad use the running maximum of v (AMSGrad)
     */
    public record Settings(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
            boolean amsgrad) implements OptimizerSettings<Settings> {
        /** @throws IllegalArgumentException naming the setting, its value and the valid range */
        public Settings {
            Adam.check("Adam", learningRate, beta1, beta2, epsilon, weightDecay);
        }

        /** Kingma &amp; Ba's defaults: η = 1e-3, β = (0.9, 0.999), ε = 1e-8, no weight decay. */
        public static Settings defaults() {
            return new Settings(1e-3, 0.9, 0.999, 1e-8, 0, false);
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

    private Adam(List<Parameter> parameters, Settings defaults) {
        super(parameters, defaults);
    }

    /** A builder over these parameters, with Kingma &amp; Ba's defaults. */
    public static Builder builder(List<Parameter> parameters) {
        return new Builder(parameters);
    }

    @Override
    protected Tensor update(Settings s, Tensor theta, Tensor gradient, Map<String, Tensor> state) {
        double weightDecay = s.weightDecay();
        Tensor g = weightDecay != 0 ? gradient.add(theta.mul(weightDecay)) : gradient;
        return step(s.learningRate(), s.beta1(), s.beta2(), s.epsilon(), s.amsgrad(), theta, g, state, moments);
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
    static Tensor step(double lr, double beta1, double beta2, double eps, boolean amsgrad, Tensor base, Tensor g,
            Map<String, Tensor> state, AdamMoments moments) {
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

    /** The checks shared by {@link Settings} and {@link AdamW.Settings}. */
    static void check(String owner, double learningRate, double beta1, double beta2, double epsilon,
            double weightDecay) {
        Check.nonNegative(owner, ParameterGroup.LEARNING_RATE, learningRate);
        Check.unitInterval(owner, BETA1, beta1);
        Check.unitInterval(owner, BETA2, beta2);
        Check.positive(owner, EPSILON, epsilon);
        Check.nonNegative(owner, WEIGHT_DECAY, weightDecay);
    }

    /** Builds an {@link Adam}. */
    public static final class Builder extends AdamBuilder<Builder> {
        private Builder(List<Parameter> parameters) {
            super(parameters, SettingsByName.asMap(Settings.defaults()));
        }

        /** @throws IllegalArgumentException for invalid hyper-parameters */
        public Adam build() {
            return configure(new Adam(parameters, SettingsByName.create(Settings.class, h)));
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
