package org.nabla.autodiff;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nabla.tensor.Tensor;

/**
 * The result of a backward sweep: for each leaf x of the graph, the gradient ∂L/∂x (or, with a seed
 * g, the vector-Jacobian product gᵀ ∂y/∂x). Gradients are values returned by a function, as on
 * paper — there is no mutable {@code .grad} field and nothing to zero.
 *
 * <p>A leaf that the output does not depend on has no entry: {@link #of(Variable)} then returns
 * zeros of the leaf's shape and {@link #contains(Variable)} returns false.
 */
public final class Gradients {
    private final Map<Object, Variable> byLeaf;

    Gradients(Map<Object, Variable> byLeaf) {
        this.byLeaf = byLeaf;
    }

    /** ∂L/∂x for a leaf variable (zeros if L does not depend on x). */
    public Tensor of(Variable leaf) {
        Variable g = byLeaf.get(key(leaf));
        return g == null ? Tensor.zeros(leaf.shape()) : g.value();
    }

    /** ∂L/∂θ for a parameter (zeros if L does not depend on θ). */
    public Tensor of(Parameter parameter) {
        Variable g = byLeaf.get(parameter);
        return g == null ? Tensor.zeros(parameter.shape()) : g.value();
    }

    /**
     * The gradient as a variable: with {@code backward(createGraph = true)} it carries its own graph
     * and can be differentiated again (Hessian-vector products, second derivatives).
     */
    public Variable variable(Variable leaf) {
        Variable g = byLeaf.get(key(leaf));
        return g == null ? Variable.constant(Tensor.zeros(leaf.shape())) : g;
    }

    /** The gradient of a parameter as a variable (see {@link #variable(Variable)}). */
    public Variable variable(Parameter parameter) {
        Variable g = byLeaf.get(parameter);
        return g == null ? Variable.constant(Tensor.zeros(parameter.shape())) : g;
    }

    /** True when the output depends on this leaf. */
    public boolean contains(Variable leaf) {
        return byLeaf.containsKey(key(leaf));
    }

    /** True when the output depends on this parameter. */
    public boolean contains(Parameter parameter) {
        return byLeaf.containsKey(parameter);
    }

    /** Number of leaves with a gradient. */
    public int size() {
        return byLeaf.size();
    }

    /** An unmodifiable view: keys are {@link Parameter}s or leaf {@link Variable}s. */
    public Map<Object, Variable> asMap() {
        return Collections.unmodifiableMap(byLeaf);
    }

    static Object key(Variable leaf) {
        return leaf.parameter() != null ? leaf.parameter() : leaf;
    }

    static Gradients empty() {
        return new Gradients(new IdentityHashMap<>());
    }
}
