package org.nabla.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nabla.autodiff.Parameter;

/**
 * What every optimizer's builder shares: the parameters θ to optimize, the hyper-parameters set so
 * far (by their full names), and the learning rate η. Each optimizer's {@code Builder} adds its own
 * hyper-parameters and {@code build()}, which validates them all.
 *
 * @param <B> the concrete builder, returned by the fluent setters
 */
public abstract class OptimizerBuilder<B extends OptimizerBuilder<B>> {
    /** The parameters to optimize. */
    protected final List<Parameter> parameters;
    /** Hyper-parameters by name, starting with the optimizer's defaults. */
    protected final Map<String, Object> h;
    private Boolean nanGuard;

    /** A builder whose hyper-parameters start empty. */
    protected OptimizerBuilder(List<Parameter> parameters) {
        this(parameters, new LinkedHashMap<>());
    }

    /** A builder whose hyper-parameters start from the given defaults. */
    protected OptimizerBuilder(List<Parameter> parameters, Map<String, Object> defaults) {
        this.parameters = parameters;
        this.h = defaults;
    }

    /** This builder, typed as the concrete builder. */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /** Sets a hyper-parameter by name. */
    protected final B set(String name, Object value) {
        h.put(name, value);
        return self();
    }

    /** The learning rate (step size) η. */
    public B learningRate(double eta) {
        return set(ParameterGroup.LEARNING_RATE, eta);
    }

    /** Alias of {@link #learningRate(double)}. */
    public final B lr(double eta) {
        return learningRate(eta);
    }

    /**
     * Guards every step against writing a NaN or an infinity into a parameter (see {@link Optimizer}):
     * such a step throws and changes nothing. The default is the system property
     * {@value Optimizer#NAN_GUARD_PROPERTY}.
     */
    public final B nanGuard(boolean on) {
        this.nanGuard = on;
        return self();
    }

    /** Applies the options that are not hyper-parameters to a newly built optimizer. */
    protected final <O extends Optimizer> O configure(O optimizer) {
        if (nanGuard != null) {
            optimizer.nanGuard(nanGuard);
        }
        return optimizer;
    }

    /** Builds the optimizer, validating every hyper-parameter. */
    public abstract Optimizer build();
}
