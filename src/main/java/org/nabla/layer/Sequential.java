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

    @Override
    public Variable forward(Variable x) {
        Variable h = x;
        for (Module m : layers) {
            h = m.forward(h);
        }
        return h;
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
