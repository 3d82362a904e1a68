package org.nabla.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.NoGrad;
import org.nabla.autodiff.Parameter;
import org.nabla.tensor.Tensor;

/**
 * An iterative method that replaces parameter values θ by θ′ using the gradient ∇L(θ).
 *
 * <p>The optimizer owns everything it remembers between steps (moment estimates, momentum
 * buffers, step counts, L-BFGS history); nothing is stored on the parameters. That state can be
 * saved with {@link #state()} and restored with {@link #loadState(Map)}; keys are
 * {@code "<index>.<name>"}, where index counts parameters across groups in order, as in PyTorch's
 * {@code state_dict} ({@code "0.exp_avg"}, {@code "3.momentum_buffer"}, {@code "0.step"}).
 *
 * <p>Parameters are organised in {@link ParameterGroup}s, each with its own hyper-parameters: one
 * settings record {@code S} of this optimizer, validated when it is made (docs/design.md,
 * decision 13).
 * Updates run under {@link NoGrad} and replace values with {@link Parameter#set(Tensor)}. A
 * parameter that the loss does not depend on (no entry in the {@link Gradients}) is left alone and
 * its state is not advanced, as PyTorch does for a parameter whose {@code grad} is None.
 *
 * <p><b>NaN guard</b> (opt-in: {@link #nanGuard(boolean)}, the builders' {@code nanGuard(true)}, or
 * for every optimizer created afterwards the system property {@value #NAN_GUARD_PROPERTY}{@code =true}).
 * A guarded step first computes every new value; if one holds a NaN or an infinity it throws an
 * {@link ArithmeticException} naming the parameter, the element and its gradient, and leaves every
 * parameter and the optimizer's state as they were. Unguarded, a non-finite gradient is applied as
 * the formula says (and usually turns the parameters into NaN).
 *
 * @param <S> this optimizer's settings record
 */
public abstract class Optimizer<S extends OptimizerSettings<S>> implements ClosureOptimizer {
    /** The system property that turns the NaN guard on for optimizers created afterwards. */
    public static final String NAN_GUARD_PROPERTY = "nabla.optim.nanGuard";

    private final List<ParameterGroup<S>> groups = new ArrayList<>();
    private boolean nanGuard = Boolean.getBoolean(NAN_GUARD_PROPERTY);
    private final S defaults;
    private final List<Map<String, Tensor>> parameterState = new ArrayList<>();

    /**
     * @param parameters the parameters of the first group
     * @param defaults the settings of the first group, and of groups added later that do not give
     *     their own
     */
    protected Optimizer(List<Parameter> parameters, S defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        addParameterGroup(parameters, defaults);
    }

    /**
     * Adds a group of parameters with some hyper-parameters overridden by name, as PyTorch's
     * {@code add_param_group({"params": …, "lr": …})} (the others take this optimizer's defaults).
     *
     * @throws IllegalArgumentException for an unknown hyper-parameter name, an invalid value, an
     *     empty group or a parameter that already belongs to a group
     */
    public ParameterGroup<S> addParameterGroup(List<Parameter> parameters, Map<String, ?> overrides) {
        return addParameterGroup(parameters, SettingsByName.with(defaults, overrides));
    }

    /**
     * Adds a group of parameters with settings of its own.
     *
     * @throws IllegalArgumentException for an empty group or a parameter that already belongs to a
     *     group
     */
    public ParameterGroup<S> addParameterGroup(List<Parameter> parameters, S settings) {
        Objects.requireNonNull(settings, () -> name() + ".addParameterGroup: settings");
        Check.distinct(name(), "a parameter group", parameters);
        for (Parameter p : parameters) {
            for (ParameterGroup<S> g : groups) {
                for (Parameter q : g.parameters()) {
                    if (q == p) {
                        throw new IllegalArgumentException(name() + ": parameter '" + p.name()
                                + "' already belongs to a parameter group");
                    }
                }
            }
        }
        ParameterGroup<S> group = new ParameterGroup<>(parameters, settings);
        groups.add(group);
        for (int i = 0; i < parameters.size(); i++) {
            parameterState.add(new HashMap<>());
        }
        return group;
    }

    /** The parameter groups, in order. */
    public List<ParameterGroup<S>> parameterGroups() {
        return Collections.unmodifiableList(groups);
    }

    /** The settings this optimizer was built with, which groups added by name start from. */
    public S defaults() {
        return defaults;
    }

    /** All parameters, across groups, in the order that numbers them in {@link #state()}. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (ParameterGroup<S> g : groups) {
            all.addAll(g.parameters());
        }
        return all;
    }

    /**
     * One update θ ← θ′(θ, ∇L(θ)) of every parameter that has a gradient.
     *
     * @param gradients the result of {@code loss.backward()}
     */
    public void step(Gradients gradients) {
        List<Map<String, Tensor>> before = nanGuard ? snapshot() : null;
        List<Parameter> changed = new ArrayList<>();
        List<Tensor> values = new ArrayList<>();
        try (NoGrad scope = NoGrad.enter()) {
            int index = 0;
            for (ParameterGroup<S> group : groups) {
                S settings = group.settings();
                for (Parameter p : group.parameters()) {
                    if (gradients.contains(p)) {
                        Tensor g = gradients.of(p);
                        Tensor v = update(settings, p.value(), g, parameterState.get(index));
                        if (before == null) {
                            p.set(v);
                        } else {
                            // guarded: all new values first; nothing is written unless every one is finite
                            rollBackUnlessFinite(before, p, v, g);
                            changed.add(p);
                            values.add(v);
                        }
                    }
                    index++;
                }
            }
        }
        for (int i = 0; i < changed.size(); i++) {
            changed.get(i).set(values.get(i));
        }
    }

    private List<Map<String, Tensor>> snapshot() {
        state(); // brings state kept outside the maps (Adam's moment arrays) into them
        List<Map<String, Tensor>> before = new ArrayList<>();
        for (Map<String, Tensor> s : parameterState) {
            before.add(new HashMap<>(s));
        }
        return before;
    }

    private void rollBackUnlessFinite(List<Map<String, Tensor>> before, Parameter p, Tensor v, Tensor g) {
        String problem = nonFinite(p, v, g);
        if (problem != null) {
            for (int i = 0; i < before.size(); i++) {
                parameterState.get(i).clear();
                parameterState.get(i).putAll(before.get(i));
            }
            stateRestored();
            throw new ArithmeticException(name() + ".step: " + problem + "; no parameter was changed (NaN guard)");
        }
    }

    /**
     * Null when {@code value} is finite, else what is wrong: "parameter 'w' (shape [3]) would become
     * NaN at element 2 (its gradient there is NaN)". {@code gradient} may be null.
     */
    static String nonFinite(Parameter p, Tensor value, Tensor gradient) {
        double[] v = value.toArray();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                String g = gradient == null ? "" : " (its gradient there is " + gradient.toArray()[i] + ")";
                return "parameter '" + p.name() + "' (shape " + p.shape() + ") would become " + v[i] + " at element "
                        + i + g;
            }
        }
        return null;
    }

    /**
     * Called after a guarded step has put back the state maps as they were before it: an optimizer
     * that keeps state outside them (Adam's moment arrays, updated in place) drops that copy here.
     */
    protected void stateRestored() {
    }

    /**
     * Turns the NaN guard on or off (see the class comment); the default is the system property
     * {@value #NAN_GUARD_PROPERTY} when the optimizer was created.
     *
     * @return this optimizer
     */
    @Override
    public Optimizer<S> nanGuard(boolean on) {
        this.nanGuard = on;
        return this;
    }

    /** Whether steps are guarded against non-finite parameters. */
    @Override
    public boolean nanGuard() {
        return nanGuard;
    }

    /**
     * Evaluates the closure once and takes one {@link #step(Gradients)} with its gradients.
     *
     * @return the loss before the step
     */
    @Override
    public double step(Closure closure) {
        Closure.Evaluation e = closure.evaluate();
        step(e.gradients());
        return e.loss();
    }

    /**
     * The new value of one parameter.
     *
     * @param settings the hyper-parameters of the parameter's group
     * @param theta the current value θ
     * @param gradient g = ∂L/∂θ
     * @param state this parameter's state, to read and update (empty before the first step)
     * @return the new value θ′
     */
    protected abstract Tensor update(S settings, Tensor theta, Tensor gradient, Map<String, Tensor> state);

    /** The short name used in messages ("SGD", "Adam", ...). */
    protected String name() {
        return getClass().getSimpleName();
    }

    /**
     * A copy of the state, keyed {@code "<parameter index>.<name>"}; scalars (step counts) are 0-d
     * tensors. Tensors are immutable, so the copy shares them safely.
     */
    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new TreeMap<>();
        for (int i = 0; i < parameterState.size(); i++) {
            for (var e : parameterState.get(i).entrySet()) {
                out.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * Replaces the state with one saved by {@link #state()} (of an optimizer of the same kind over
     * parameters of the same shapes).
     *
     * @throws IllegalArgumentException for a malformed key, an index out of range, or a state tensor
     *     that is neither a scalar (a step count) nor of its parameter's shape
     */
    @Override
    public void loadState(Map<String, Tensor> saved) {
        List<Map<String, Tensor>> fresh = new ArrayList<>();
        for (int i = 0; i < parameterState.size(); i++) {
            fresh.add(new HashMap<>());
        }
        List<Parameter> all = parameters();
        for (var e : saved.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            int index;
            try {
                index = dot < 0 ? -1 : Integer.parseInt(key.substring(0, dot));
            } catch (NumberFormatException ex) {
                index = -1;
            }
            if (index < 0) {
                throw new IllegalArgumentException(name() + ".loadState: key '" + key
                        + "' is not of the form <parameter index>.<name>");
            }
            if (index >= fresh.size()) {
                throw new IllegalArgumentException(name() + ".loadState: key '" + key + "' names parameter "
                        + index + " but this optimizer has " + fresh.size() + " parameters");
            }
            Tensor value = e.getValue();
            Parameter p = all.get(index);
            if (value == null || (value.rank() != 0 && !value.shape().equals(p.shape()))) {
                throw new IllegalArgumentException(name() + ".loadState: key '" + key + "' holds a tensor of shape "
                        + (value == null ? "null" : value.shape()) + " but parameter " + index + " ('" + p.name()
                        + "') has shape " + p.shape() + " (expected that shape, or a scalar)");
            }
            fresh.get(index).put(key.substring(dot + 1), value);
        }
        for (int i = 0; i < fresh.size(); i++) {
            parameterState.get(i).clear();
            parameterState.get(i).putAll(fresh.get(i));
        }
    }

    /** The step count t stored in a state (0 before the first step). */
    protected static double stepCount(Map<String, Tensor> state) {
        Tensor t = state.get("step");
        return t == null ? 0 : t.item();
    }
}
