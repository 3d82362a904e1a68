package org.nabla.autodiff;

import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.internal.TensorAccumulator;

/**
 * The sum of the cotangents reaching one node (the multivariable chain rule adds those of all its
 * uses), in the order they arrive. Without a graph of the gradient the terms are added in place into
 * one buffer ({@link TensorAccumulator}: the same bits as adding them pairwise, without the
 * intermediate tensors); with one, by {@link Variable#add}, so that the sum is itself differentiable.
 */
final class CotangentSum {
    private final boolean createGraph;
    private Variable single;
    private TensorAccumulator buffer;

    CotangentSum(Variable first, boolean createGraph) {
        this.single = first;
        this.createGraph = createGraph;
    }

    /** An empty sum (zeros) of the given shape, without a graph, for cotangents added as blocks. */
    CotangentSum(Shape shape) {
        this.createGraph = false;
        this.buffer = new TensorAccumulator(shape);
    }

    /** The in-place sum, for adding blocks (a sum without a graph of the gradient only). */
    TensorAccumulator blocks() {
        if (buffer == null) {
            buffer = new TensorAccumulator(single.value());
            single = null;
        }
        return buffer;
    }

    void add(Variable g) {
        if (createGraph) {
            single = single.add(g);
            return;
        }
        blocks().add(g.value());
    }

    Variable total() {
        if (buffer != null) {
            single = Variable.constant(buffer.sum());
            buffer = null;
        }
        return single;
    }
}
