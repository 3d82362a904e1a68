package org.nabla.module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * A parameterized map x ↦ f(x; θ): the building block of a network.
 *
 * <p>A module owns its {@link Parameter}s θ (trained), its {@link Buffer}s (state that is not
 * trained, such as BatchNorm's running statistics) and its sub-modules, all registered in a fixed
 * order, so {@link #parameters()} lists them in a stable order and {@link #namedParameters()} gives
 * dotted names such as {@code layers.0.weight} (PyTorch's convention, so that saved weights line up).
 * {@link #stateDict()} is PyTorch's {@code state_dict()}: every parameter and buffer by dotted name,
 * each module's own parameters first, then its own buffers, then its sub-modules' entries.
 * A module is in training mode after construction; {@link #eval()} switches it (and its
 * sub-modules) to evaluation mode, which changes what Dropout and BatchNorm do.
 *
 * <p>A module is a function of variables ({@link UnaryOperator}), so it composes with plain
 * functions. Modules are not thread-safe while their parameters are being updated; forward passes
 * in evaluation mode on several threads are safe.
 */
public abstract class Module implements UnaryOperator<Variable> {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** A module with no parameters, buffers or sub-modules yet, in training mode. */
    public Module() {
    }

    /** The map itself: y = f(x; θ). */
    public abstract Variable forward(Variable x);

    /** Same as {@link #forward(Variable)}. */
    @Override
    public final Variable apply(Variable x) {
        return forward(x);
    }

    /** Forward on a plain tensor (treated as a constant input). */
    public Tensor forward(Tensor x) {
        return forward(Variable.constant(x)).value();
    }

    /** Registers a parameter under a local name (letters, digits, underscores). */
    protected final Parameter registerParameter(String name, Tensor initialValue) {
        return registerParameter(new Parameter(name, initialValue));
    }

    /** Registers an existing parameter under its own name. */
    protected final Parameter registerParameter(Parameter p) {
        checkFree(p.name());
        parameters.put(p.name(), p);
        return p;
    }

    /** Registers a floating-point buffer (state that is not trained) under a local name. */
    protected final Buffer registerBuffer(String name, Tensor initialValue) {
        return registerBuffer(new Buffer(name, initialValue));
    }

    /** Registers an existing buffer under its own name. */
    protected final Buffer registerBuffer(Buffer b) {
        checkFree(b.name());
        buffers.put(b.name(), b);
        return b;
    }

    /** Registers a sub-module under a local name; its parameters are listed as {@code name.…}. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkFree(name);
        children.put(name, module);
        module.train(training);
        return module;
    }

    private void checkFree(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("Module: invalid name '" + name + "' (expected a non-empty name without dots)");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name + "' is already used");
        }
    }

    /** All parameters, own ones first (in registration order), then each sub-module's. */
    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** All parameters by dotted name, in the order of {@link #parameters()}. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> r = new LinkedHashMap<>();
        visit("", (prefix, m) -> m.parameters.forEach((k, p) -> r.put(prefix + k, p)));
        return r;
    }

    /** All buffers by dotted name: own ones first (in registration order), then each sub-module's. */
    public Map<String, Buffer> namedBuffers() {
        Map<String, Buffer> r = new LinkedHashMap<>();
        visit("", (prefix, m) -> m.buffers.forEach((k, b) -> r.put(prefix + k, b)));
        return r;
    }

    /** All buffers, in the order of {@link #namedBuffers()}. */
    public List<Buffer> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    /**
     * The state dict: the current value of every parameter and buffer by dotted name, in PyTorch's
     * order — this module's parameters, then its buffers, then each sub-module's entries in
     * registration order, recursively (what {@code torch.nn.Module.state_dict()} returns for the
     * equivalent module). The map is a snapshot: later training does not change it.
     */
    public LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> r = new LinkedHashMap<>();
        visit("", (prefix, m) -> {
            m.parameters.forEach((k, p) -> r.put(prefix + k, p.value()));
            m.buffers.forEach((k, b) -> r.put(prefix + k, b.value()));
        });
        return r;
    }

    /** Calls {@code action} on this module and then, depth-first in registration order, on every sub-module. */
    private void visit(String prefix, BiConsumer<String, Module> action) {
        action.accept(prefix, this);
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().visit(prefix + e.getKey() + ".", action);
        }
    }

    /** Total number of scalar entries in buffers (this module's and its sub-modules'). */
    public long bufferCount() {
        long n = 0;
        for (Buffer b : buffers()) {
            n += b.size();
        }
        return n;
    }

    /** The direct sub-modules by local name. */
    public Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Total number of scalar parameters. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.size();
        }
        return n;
    }

    /** Sets training (true) or evaluation (false) mode here and in every sub-module. */
    public Module train(boolean on) {
        this.training = on;
        for (Module m : children.values()) {
            m.train(on);
        }
        return this;
    }

    /** Training mode. */
    public Module train() {
        return train(true);
    }

    /** Evaluation mode. */
    public Module eval() {
        return train(false);
    }

    /** True in training mode. */
    public boolean isTraining() {
        return training;
    }

    /** A one-line description of this module's own settings, e.g. {@code Linear(in=3, out=5)}. */
    protected String describe() {
        return getClass().getSimpleName();
    }

    /** A readable tree of sub-modules with parameter counts. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        format(sb, "", null);
        return sb.toString();
    }

    private void format(StringBuilder sb, String indent, String name) {
        sb.append(indent);
        if (name != null) {
            sb.append('(').append(name).append("): ");
        }
        sb.append(describe());
        long own = 0;
        for (Parameter p : parameters.values()) {
            own += p.size();
        }
        if (children.isEmpty()) {
            if (own > 0) {
                sb.append("  [").append(own).append(" parameters]");
            }
            return;
        }
        sb.append(" (").append(parameterCount()).append(" parameters)");
        for (Map.Entry<String, Module> e : children.entrySet()) {
            sb.append('\n');
            e.getValue().format(sb, indent + "  ", e.getKey());
        }
    }
}
