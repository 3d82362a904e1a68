package org.nabla.optim;

import java.util.List;
import java.util.Map;
import org.nabla.autodiff.Parameter;
import org.nabla.tensor.Tensor;

/**
 * An optimizer driven by a {@link Closure}: a function that re-evaluates the loss L(θ) and its
 * gradient at the current parameters, which the method may call as often as it needs within one
 * step (PyTorch's {@code optimizer.step(closure)}).
 *
 * <p>A line-search or quasi-Newton method ({@link LBFGS}) needs it: it evaluates L at trial points.
 * A first-order {@link Optimizer} also is one — its {@code step(closure)} evaluates once and takes
 * one step — so code that drives "some optimizer" by closure takes this type. L-BFGS implements
 * only this interface: it has no {@code step(Gradients)} to refuse (docs/design.md, decision 13).
 *
 * <p>State ({@link #state()}, {@link #loadState(Map)}) is keyed {@code "<parameter index>.<name>"}
 * as in PyTorch's {@code state_dict}; the io package saves it (its OptimizerState class).
 */
public interface ClosureOptimizer {
    /**
     * One step of the method, evaluating the closure as often as the method needs.
     *
     * @param closure re-evaluates the loss and its gradients at the current parameter values
     * @return the loss at the start of the step
     */
    double step(Closure closure);

    /** All parameters, in the order that numbers them in {@link #state()}. */
    List<Parameter> parameters();

    /** A copy of everything the method remembers between steps. */
    Map<String, Tensor> state();

    /**
     * Replaces the state with one saved by {@link #state()} (of an optimizer of the same kind over
     * parameters of the same shapes); on a malformed state nothing is changed.
     *
     * @throws IllegalArgumentException naming the key that is wrong
     */
    void loadState(Map<String, Tensor> saved);

    /** Whether steps are guarded against non-finite parameters (see {@link Optimizer}). */
    boolean nanGuard();

    /**
     * Turns the NaN guard on or off.
     *
     * @return this optimizer
     */
    ClosureOptimizer nanGuard(boolean on);
}
