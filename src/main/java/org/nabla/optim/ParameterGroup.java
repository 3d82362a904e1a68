package org.nabla.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.nabla.autodiff.Parameter;

/**
 * A set of parameters that share hyper-parameters (PyTorch's {@code param_groups}).
 *
 * <p>Hyper-parameters are named as in the textbook ({@code learningRate}, {@code momentum},
 * {@code weightDecay}, {@code beta1}, …); each optimizer documents the names it reads. Values can be
 * changed between steps — a learning-rate schedule does exactly that with
 * {@link #setLearningRate(double)} — and every change is validated by the owning optimizer, so a
 * group can never hold an invalid setting.
 */
public final class ParameterGroup {
    /** The name of the learning rate η, which every optimizer reads. */
    public static final String LEARNING_RATE = "learningRate";

    private final List<Parameter> parameters;
    private final Map<String, Object> hyperParameters;
    private final Consumer<Map<String, Object>> validator;
    private final double initialLearningRate;

    ParameterGroup(List<Parameter> parameters, Map<String, Object> hyperParameters,
            Consumer<Map<String, Object>> validator) {
        this.parameters = List.copyOf(parameters);
        this.hyperParameters = new LinkedHashMap<>(hyperParameters);
        this.validator = validator;
        validator.accept(Collections.unmodifiableMap(this.hyperParameters));
        this.initialLearningRate = learningRate();
    }

    /** The parameters of this group, in the order given. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The current learning rate η. */
    public double learningRate() {
        return getDouble(LEARNING_RATE);
    }

    /** The learning rate the group was created with (schedules scale this base value). */
    public double initialLearningRate() {
        return initialLearningRate;
    }

    /**
     * Sets the learning rate η.
     *
     * @throws IllegalArgumentException when η is negative or not finite
     */
    public void setLearningRate(double learningRate) {
        set(LEARNING_RATE, learningRate);
    }

    /** A numeric hyper-parameter by name. */
    public double getDouble(String name) {
        Object v = get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("hyper-parameter '" + name + "' is not a number: " + v);
        }
        return n.doubleValue();
    }

    /**
     * An integer hyper-parameter by name (history size, iteration counts).
     *
     * @throws IllegalArgumentException when the value is not a whole number in the range of an int
     *     (it is never truncated)
     */
    public int getInt(String name) {
        double v = getDouble(name);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("hyper-parameter '" + name + "' is not a whole number: " + v);
        }
        return (int) v;
    }

    /** A boolean hyper-parameter by name (nesterov, amsgrad, centered). */
    public boolean getBoolean(String name) {
        Object v = get(name);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("hyper-parameter '" + name + "' is not a boolean: " + v);
        }
        return b;
    }

    /** A hyper-parameter by name, as stored (Number, Boolean or String, possibly null). */
    public Object get(String name) {
        if (!hyperParameters.containsKey(name)) {
            throw new IllegalArgumentException("unknown hyper-parameter '" + name + "'; this group has "
                    + hyperParameters.keySet());
        }
        return hyperParameters.get(name);
    }

    /**
     * Changes a hyper-parameter. The new setting is validated as a whole before it is applied.
     *
     * @throws IllegalArgumentException when the name is unknown or the value is invalid
     */
    public void set(String name, Object value) {
        get(name);
        Map<String, Object> candidate = new LinkedHashMap<>(hyperParameters);
        candidate.put(name, value);
        validator.accept(Collections.unmodifiableMap(candidate));
        hyperParameters.put(name, value);
    }

    /** All hyper-parameters (an unmodifiable view). */
    public Map<String, Object> hyperParameters() {
        return Collections.unmodifiableMap(hyperParameters);
    }

    @Override
    public String toString() {
        return "ParameterGroup(" + parameters.size() + " parameters, " + hyperParameters + ")";
    }

    static Map<String, Object> merge(Map<String, Object> defaults, Map<String, Object> overrides) {
        Map<String, Object> m = new LinkedHashMap<>(defaults);
        for (var e : overrides.entrySet()) {
            if (!defaults.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown hyper-parameter '" + e.getKey() + "'; known: "
                        + defaults.keySet());
            }
            m.put(Objects.requireNonNull(e.getKey()), e.getValue());
        }
        return m;
    }
}
