package org.nabla.layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

/**
 * The composition f = f_L ∘ … ∘ f₂ ∘ f₁ of modules: y = f_L(…f₂(f₁(x))…).
 * Sub-modules are named {@code 0}, {@code 1}, …, so parameters read {@code 0.weight}, {@code 2.bias}.
 */
public final class Sequential extends Module {
    private final List<Module> layers;

    /** The composition of the given modules, applied first to last. */
    public Sequential(Module... layers) {
        this(Arrays.asList(layers));
    }

    /** The composition of the given modules, applied first to last. */
    public Sequential(List<? extends Module> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Sequential: expected at least one module");
        }
        List<Module> l = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == null) {
                throw new IllegalArgumentException("Sequential: module " + i + " is null");
            }
            l.add(registerModule(Integer.toString(i), layers.get(i)));
        }
        this.layers = Collections.unmodifiableList(l);
    }

    /**
     * f_L(…f₁(x)…). An exception raised by a layer is rethrown with the layer's index and class in
     * front of its message, as the same kind of exception (IllegalArgumentException,
     * IllegalStateException, ArithmeticException, IndexOutOfBoundsException,
     * UnsupportedOperationException; any other RuntimeException as an IllegalStateException), with
     * the original as its cause: {@code Sequential: layer 2 (Linear) failed on an input of shape [4, 32]:
     * Linear(in=64, out=10): expected input with last axis 64, got shape [4, 32]}. Nested
     * compositions give the path, outermost first.
     */
    @Override
    public Variable forward(Variable x) {
        Variable h = x;
        for (int i = 0; i < layers.size(); i++) {
            Module m = layers.get(i);
            try {
                h = m.forward(h);
            } catch (RuntimeException e) {
                String kind = m.getClass().getSimpleName().isEmpty() ? m.getClass().getName() : m.getClass().getSimpleName();
                throw located(e, "Sequential: layer " + i + " (" + kind + ") failed on an input of shape " + h.shape() + ": "
                        + e.getMessage());
            }
        }
        return h;
    }

    private static RuntimeException located(RuntimeException e, String message) {
        RuntimeException r;
        if (e instanceof IllegalArgumentException) {
            r = new IllegalArgumentException(message);
        } else if (e instanceof ArithmeticException) {
            r = new ArithmeticException(message);
        } else if (e instanceof IndexOutOfBoundsException) {
            r = new IndexOutOfBoundsException(message);
        } else if (e instanceof UnsupportedOperationException) {
            r = new UnsupportedOperationException(message);
        } else {
            r = new IllegalStateException(message);
        }
        r.initCause(e);
        return r;
    }

    /** The modules in order of application. */
    public List<Module> layers() {
        return layers;
    }

    /** The i-th module. */
    public Module get(int i) {
        return layers.get(i);
    }

    /** Number of modules. */
    public int size() {
        return layers.size();
    }
}
