package org.nabla.autodiff;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.internal.TensorAccumulator;

/**
 * The reverse sweep of reverse-mode automatic differentiation (Griewank &amp; Walther, Evaluating
 * Derivatives, 2nd ed., §3.2; Baydin et al., JMLR 18, 2018, §3.2): from the seed ȳ at the output,
 * every node v in reverse topological order receives its complete cotangent
 * <pre>
 *   v̄ = Σ over the uses u of v of  ūᵀ ∂u/∂v
 * </pre>
 * and passes it on through the vector-Jacobian products of the operation that produced it; leaves
 * collect theirs into the {@link Gradients}. The sweep knows no particular operation: it calls
 * {@link Operation#backward(Variable)}, or — in a first-order sweep without a graph of the gradient
 * and outside anomaly mode — first offers the operation the chance to add its input cotangents in
 * place ({@link Operation#addCotangentsInPlace}), which slices and the weight product of a linear
 * layer take (docs/design.md, decision 4).
 *
 * <p><b>A pruned sweep</b> ({@link #run(Variable, Variable, Variable.SweepObserver, Predicate)}) is
 * told which nodes' cotangents are wanted; an input outside that set is treated as if it required no
 * gradient ({@link Operation#needsGrad(int)} is false for it), so its vector-Jacobian product is never
 * computed. A wanted node receives exactly the terms it would receive in the full sweep, in the same
 * order — the same bits — provided every path from the output to it runs through wanted nodes (the
 * caller's duty: per-example gradients want the nodes computed from the batch, and every path from
 * the losses to such a node is made of such nodes).
 */
final class ReverseSweep implements Operation.CotangentSums {
    /** The wanted nodes of the pruned sweep running on this thread (null: every node). */
    private static final ThreadLocal<Predicate<Variable>> WANTED = new ThreadLocal<>();

    private final Map<Variable, CotangentSum> cotangent = new IdentityHashMap<>();
    private Operation current;

    private ReverseSweep() {
    }

    /** Runs the sweep from {@code output} with cotangent {@code seed} (same shape as the output). */
    static Gradients run(Variable output, Variable seed, boolean createGraph, Variable.SweepObserver observer) {
        return new ReverseSweep().sweep(output, seed, createGraph, observer);
    }

    /**
     * A first-order sweep that computes the cotangents of the {@code wanted} nodes only (see the class
     * comment); the observer sees each of them.
     */
    static Gradients run(Variable output, Variable seed, Variable.SweepObserver observer, Predicate<Variable> wanted) {
        Predicate<Variable> previous = WANTED.get();
        WANTED.set(wanted);
        try {
            return new ReverseSweep().sweep(output, seed, false, observer);
        } finally {
            WANTED.set(previous);
        }
    }

    /** Whether the sweep running on this thread wants the cotangent of {@code v} (always, unless pruned). */
    static boolean wanted(Variable v) {
        Predicate<Variable> w = WANTED.get();
        return w == null || w.test(v);
    }

    private Gradients sweep(Variable output, Variable seed, boolean createGraph, Variable.SweepObserver observer) {
        List<Variable> order = GraphOrder.requiringGrad(output);
        Map<Object, CotangentSum> leaves = new IdentityHashMap<>();
        cotangent.put(output, new CotangentSum(seed, createGraph));
        boolean inPlace = !createGraph && !Anomaly.isEnabled();
        boolean previous = GradMode.set(createGraph);
        try {
            for (int i = order.size() - 1; i >= 0; i--) {
                Variable v = order.get(i);
                CotangentSum sum = cotangent.remove(v);
                if (sum == null) {
                    continue;
                }
                Variable g = sum.total();
                if (observer != null) {
                    observer.cotangent(v, g);
                }
                Operation op = v.producer();
                if (op == null) {
                    CotangentSum r = leaves.get(Gradients.key(v));
                    if (r == null) {
                        leaves.put(Gradients.key(v), new CotangentSum(g, createGraph));
                    } else {
                        r.add(g);
                    }
                    continue;
                }
                if (inPlace) {
                    current = op;
                    boolean done = op.addCotangentsInPlace(g.value(), this);
                    current = null;
                    if (done) {
                        continue;
                    }
                }
                Variable[] inputGrads = Anomaly.isEnabled() ? backwardChecked(op, g) : op.backward(g);
                for (int k = 0; k < inputGrads.length; k++) {
                    Variable in = op.input(k);
                    Variable gk = inputGrads[k];
                    if (gk == null || !in.requiresGrad() || !wanted(in)) {
                        continue;
                    }
                    gk = Operation.sumToShape(gk, in.shape());
                    if (Anomaly.isEnabled()) {
                        Anomaly.check("backward", op.name(), gk.value(), op.inputs());
                    }
                    add(in, gk, createGraph);
                }
            }
            Map<Object, Variable> result = new IdentityHashMap<>();
            for (Map.Entry<Object, CotangentSum> e : leaves.entrySet()) {
                result.put(e.getKey(), e.getValue().total());
            }
            return new Gradients(result);
        } finally {
            GradMode.set(previous);
        }
    }

    private void add(Variable in, Variable term, boolean createGraph) {
        CotangentSum acc = cotangent.get(in);
        if (acc == null) {
            cotangent.put(in, new CotangentSum(term, createGraph));
        } else {
            acc.add(term);
        }
    }

    @Override
    public TensorAccumulator of(int input) {
        Variable in = current.input(input);
        CotangentSum acc = cotangent.get(in);
        if (acc == null) {
            acc = new CotangentSum(in.shape());
            cotangent.put(in, acc);
        }
        return acc.blocks();
    }

    @Override
    public void add(int input, Tensor term) {
        add(current.input(input), Variable.constant(term), false);
    }

    /**
     * op.backward(g) in anomaly mode: a NaN or infinity made by one of the operations that compute the
     * vector-Jacobian product (e.g. the 'div' inside sqrt's rule) is reported as coming from the backward
     * of {@code op}, the operation the user wrote.
     */
    private static Variable[] backwardChecked(Operation op, Variable g) {
        try {
            return op.backward(g);
        } catch (ArithmeticException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("anomaly: backward of operation ")) {
                throw e;
            }
            Variable[] in = op.inputs();
            String[] shapes = new String[in.length];
            for (int k = 0; k < in.length; k++) {
                shapes[k] = in[k].shape().toString();
            }
            ArithmeticException wrapped = new ArithmeticException("anomaly: backward of operation '" + op.name()
                    + "' (input shapes " + Arrays.toString(shapes) + ") failed: " + e.getMessage());
            wrapped.initCause(e);
            throw wrapped;
        }
    }
}
