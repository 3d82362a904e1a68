package org.nabla.optim;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nabla.autodiff.Parameter;

/**
 * A set of parameters that share hyper-parameters (PyTorch's {@code param_groups}).
 *
 * <p>The hyper-parameters are one settings record of the owning optimizer ({@link SGD.Settings},
 * {@link Adam.Settings}, …; docs/design.md, decision 13), validated when it was made, so a group can
 * never hold an invalid setting. They can be changed between steps — a learning-rate schedule does
 * exactly that with {@link #setLearningRate(double)} — by putting in a new record
 * ({@code group.setSettings(group.settings().withMomentum(0.5))}) or, as with PyTorch's dictionaries,
 * by name ({@code group.set("momentum", 0.5)}); either way the whole new setting is validated before
 * it replaces the old one.
 *
 * @param <S> the settings record of the owning optimizer
 */
public final class ParameterGroup<S extends OptimizerSettings<S>> {
    /** The name of the learning rate η, which every optimizer reads. */
    public static final String LEARNING_RATE = "learningRate";

    private final List<Parameter> parameters;
    private final double initialLearningRate;
    private S settings;

    ParameterGroup(List<Parameter> parameters, S settings) {
        this.parameters = List.copyOf(parameters);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.initialLearningRate = settings.learningRate();
    }

    /** The parameters of this group, in the order given. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The hyper-parameters in force. */
    public S settings() {
        return settings;
    }

    /**
     * Replaces the hyper-parameters (a record is valid by construction).
     *
     * @throws NullPointerException for null
     */
    public void setSettings(S settings) {
        this.settings = Objects.requireNonNull(settings, "ParameterGroup.setSettings: settings");
    }

    /** The current learning rate η. */
    public double learningRate() {
        return settings.learningRate();
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
        settings = settings.withLearningRate(learningRate);
    }

    /**
     * A hyper-parameter by name, as the record holds it (a Double, Integer, Boolean or enum constant).
     *
     * @throws IllegalArgumentException for a name the settings do not have
     */
    public Object get(String name) {
        Map<String, Object> all = hyperParameters();
        if (!all.containsKey(name)) {
            throw new IllegalArgumentException("unknown hyper-parameter '" + name + "'; this group has "
                    + all.keySet());
        }
        return all.get(name);
    }

    /**
     * Changes one hyper-parameter by name: the settings with that component replaced, validated as
     * a whole by the record's constructor before they are put in. Numbers are converted, never
     * truncated (a whole-number setting refuses 2.5).
     *
     * @throws IllegalArgumentException when the name is unknown or the value is invalid; the group
     *     is then unchanged
     */
    public void set(String name, Object value) {
        settings = SettingsByName.with(settings, java.util.Collections.singletonMap(name, value));
    }

    /** All hyper-parameters by name, in the record's order (an unmodifiable snapshot). */
    public Map<String, Object> hyperParameters() {
        return SettingsByName.asMap(settings);
    }

    @Override
    public String toString() {
        return "ParameterGroup(" + parameters.size() + " parameters, " + settings + ")";
    }
}
