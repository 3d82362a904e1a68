package org.nabla.optim;

import java.util.function.Supplier;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Variable;

/**
 * Re-evaluates the objective at the current parameter values and returns its value with the
 * gradients: what L-BFGS and its line search call once per function evaluation (PyTorch's
 * {@code closure}).
 */
@FunctionalInterface
public interface Closure {
    /** One function evaluation: the loss L(θ) and ∇L(θ). */
    record Evaluation(double loss, Gradients gradients) {
    }

    /** Evaluates L and ∇L at the current parameters. */
    Evaluation evaluate();

    /** A closure from a function building the loss graph: evaluates it and runs backward. */
    static Closure of(Supplier<Variable> loss) {
        return () -> {
            Variable l = loss.get();
            return new Evaluation(l.item(), l.backward());
        };
    }
}
