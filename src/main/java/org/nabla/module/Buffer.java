package org.nabla.module;

import java.util.Objects;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * A named piece of a module's state that is not trained: PyTorch's <em>buffer</em>
 * ({@code register_buffer}). BatchNorm's running mean μ̂, running variance σ̂² and batch counter are
 * buffers: the layer itself updates them in training forward passes, optimizers never see them, and
 * they belong to the state dict ({@link Module#stateDict()}) beside the parameters, so they are saved
 * and loaded with the model.
 *
 * <p>A buffer holds one immutable {@link Tensor} at a time and its shape never changes. An
 * <em>integer</em> buffer (PyTorch dtype int64, such as {@code num_batches_tracked}) holds whole
 * numbers only; it is written to files as int64.
 *
 * <p>Not thread-safe for concurrent {@code set}; reading is safe.
 */
public final class Buffer {
    private final String name;
    private final boolean integer;
    private volatile Tensor value;

    /** A floating-point buffer with a name and an initial value. */
    public Buffer(String name, Tensor value) {
        this(name, value, false);
    }

    /** A buffer; {@code integer} marks one that holds whole numbers (int64 in PyTorch and in files). */
    public Buffer(String name, Tensor value, boolean integer) {
        this.name = Objects.requireNonNull(name, "name");
        this.integer = integer;
        this.value = Objects.requireNonNull(value, "value");
        check(value);
    }

    /** The name given at construction (modules qualify it with dotted paths in their listings). */
    public String name() {
        return name;
    }

    /** True for a buffer of whole numbers (int64). */
    public boolean isInteger() {
        return integer;
    }

    /** The current value. */
    public Tensor value() {
        return value;
    }

    /** The shape (fixed for the life of the buffer). */
    public Shape shape() {
        return value.shape();
    }

    /** Number of scalar entries. */
    public int size() {
        return value.size();
    }

    /**
     * Why {@code candidate} cannot be this buffer's value, or null when it can: a different shape, or a
     * value that is not a whole number for an integer buffer.
     */
    public String problemWith(Tensor candidate) {
        if (!candidate.shape().equals(value.shape())) {
            return "shape " + candidate.shape() + " (expected " + value.shape() + ")";
        }
        if (integer) {
            double[] v = candidate.dataView();
            for (int i = 0; i < v.length; i++) {
                if (!(v[i] == Math.rint(v[i]) && Math.abs(v[i]) < 0x1p63)) {
                    return "value " + v[i] + " at flat index " + i + " (expected whole numbers: an int64 buffer)";
                }
            }
        }
        return null;
    }

    /**
     * Replaces the value.
     *
     * @throws IllegalArgumentException when the shape differs, or an integer buffer is given a value
     *     that is not a whole number
     */
    public void set(Tensor newValue) {
        check(newValue);
        this.value = newValue;
    }

    private void check(Tensor t) {
        if (this.value == null) {
            return;
        }
        String problem = problemWith(t);
        if (problem != null) {
            throw new IllegalArgumentException("Buffer '" + name + "': cannot set a value of " + problem);
        }
    }

    @Override
    public String toString() {
        return "Buffer(" + name + ", shape=" + value.shape() + (integer ? ", int64" : "") + ")";
    }
}
