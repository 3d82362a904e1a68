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
    final List<Parameter> parameters;
    /**
     * The hyper-parameters set so far, by their names in the optimizer's settings record; build()
     * makes the record from them, and its constructor validates them all at once (so the order of
     * the setters never matters).
     */
    final Map<String, Object> h;
    private Boolean nanGuard;

    /** A builder whose hyper-parameters start empty. */
    OptimizerBuilder(List<Parameter> parameters) {
        this(parameters, new LinkedHashMap<>());
    }

    /** A builder whose hyper-parameters start from the given defaults. */
    OptimizerBuilder(List<Parameter> parameters, Map<String, Object> defaults) {
        this.parameters = parameters;
        this.h = new LinkedHashMap<>(defaults);
    }

    /** This builder, typed as the concrete builder. */
    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /** Sets a hyper-parameter by name. */
    final B set(String name, Object value) {
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
    final <O extends ClosureOptimizer> O configure(O optimizer) {
        if (nanGuard != null) {
            optimizer.nanGuard(nanGuard);
        }
        return optimizer;
    }

    /** Builds the optimizer, validating every hyper-parameter. */
    public abstract ClosureOptimizer build();
}
