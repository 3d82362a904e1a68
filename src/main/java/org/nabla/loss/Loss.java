package org.nabla.loss;

import java.util.function.BinaryOperator;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Tensor;

/**
 * A loss function ℓ(prediction, target) followed by a {@link Reduction}.
 *
 * <p>Every loss has the same shape: {@link #forward(Variable, Variable)} returns a scalar variable
 * (or, with {@link Reduction#NONE}, the per-entry losses), differentiable with respect to the
 * prediction (and, where the definition allows, the target). {@link #forward(Variable, Tensor)}
 * takes the target as a plain tensor (as a {@code Batch} holds it). Classification losses add an
 * overload that takes the class labels as an {@code int[]}.
 */
public abstract class Loss implements BinaryOperator<Variable> {
    private final Reduction reduction;

    /** @param reduction how per-entry losses are combined */
    protected Loss(Reduction reduction) {
        this.reduction = Reduction.require(reduction, getClass().getSimpleName());
    }

    /** The reduction. */
    public final Reduction reduction() {
        return reduction;
    }

    /** The loss of a prediction against a target. */
    public abstract Variable forward(Variable prediction, Variable target);

    /** Same as {@link #forward(Variable, Variable)}. */
    @Override
    public final Variable apply(Variable prediction, Variable target) {
        return forward(prediction, target);
    }

    /**
     * The loss of a prediction against a target given as a plain tensor (a constant: no gradient
     * flows into it) — the form a {@code Batch} gives its targets in:
     * {@code loss.forward(model.forward(x), batch.targets())}. Every loss has it.
     */
    public final Variable forward(Variable prediction, Tensor target) {
        return forward(prediction, Variable.constant(target));
    }

    /** The loss on plain tensors (both constants). */
    public Tensor forward(Tensor prediction, Tensor target) {
        return forward(Variable.constant(prediction), Variable.constant(target)).value();
    }

    /** Throws unless prediction and target have the same shape, naming both. */
    protected final void requireSameShape(Variable prediction, Variable target) {
        if (!prediction.shape().equals(target.shape())) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": prediction has shape "
                    + prediction.shape() + " but target has shape " + target.shape() + " (expected equal shapes)");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(reduction=" + reduction + ")";
    }
}
