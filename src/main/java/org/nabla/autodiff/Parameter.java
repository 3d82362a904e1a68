package org.nabla.autodiff;

import java.util.Objects;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * A named, learnable tensor of a model. Parameters and the buffers of layers
 * (state that is not trained, such as running statistics, held by their module) are the
 * only mutable state in Nabla (docs/design.md, decision 5).
 *
 * <p>A layer owns its parameters; in the forward pass it uses {@link #variable()}, a leaf of the
 * graph. Backward returns ∂loss/∂θ keyed by the parameter ({@code gradients.of(parameter)}), and an
 * optimizer replaces the value with {@link #set(Tensor)}. The shape never changes.
 *
 * <p>Not thread-safe for concurrent {@code set}; reading is safe (the value is an immutable Tensor).
 */
public final class Parameter {
    private final String name;
    private volatile Tensor value;
    private volatile Variable leaf;

    /** A parameter with a (descriptive) name and an initial value. */
    public Parameter(String name, Tensor value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The name given at construction (layers qualify it with dotted paths in their listings). */
    public String name() {
        return name;
    }

    /** The current value. */
    public Tensor value() {
        return value;
    }

    /** The shape (fixed for the life of the parameter). */
    public Shape shape() {
        return value.shape();
    }

    /** Number of scalar entries. */
    public int size() {
        return value.size();
    }

    /**
     * Replaces the value.
     *
     * @throws IllegalArgumentException when the new value's shape differs
     */
    public void set(Tensor newValue) {
        if (!newValue.shape().equals(value.shape())) {
            throw new IllegalArgumentException("Parameter '" + name + "': cannot set a value of shape "
                    + newValue.shape() + " (expected " + value.shape() + ")");
        }
        this.value = newValue;
        this.leaf = null;
    }

    /**
     * The leaf variable holding the current value. The same object is returned until the value is
     * replaced, so a parameter used several times in one forward pass is one leaf of the graph.
     */
    public Variable variable() {
        Variable v = leaf;
        if (v == null || v.value() != value) {
            v = new Variable(value, this);
            leaf = v;
        }
        return v;
    }

    @Override
    public String toString() {
        return "Parameter(" + name + ", shape=" + value.shape() + ")";
    }
}
