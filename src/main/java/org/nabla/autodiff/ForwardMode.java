package org.nabla.autodiff;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.nabla.tensor.Tensor;

/**
 * Forward-mode automatic differentiation: a scope in which every variable carries, beside its value,
 * a tangent — the directional derivative ẋ of that value along the seeded direction (Griewank &amp;
 * Walther, Evaluating Derivatives, 2nd ed., §3.1; Baydin et al., JMLR 18, 2018, §3.1). It is the
 * arithmetic of dual numbers x + ẋε with ε² = 0:
 * <pre>
 *   f(x + ẋε) = f(x) + f′(x)ẋ ε,   so for y = f(x₁, …, xₙ):   ẏ = Σᵢ (∂f/∂xᵢ) ẋᵢ = J ẋ.
 * </pre>
 * Each primitive propagates tangents through its Jacobian-vector product rule
 * ({@link Operation#jvp(Variable[])}) as it computes its value, so one forward pass gives J u for one
 * direction u; {@link Autodiff#jvp} is the usual entry point.
 *
 * <p>Tangents are kept in this scope, keyed by the identity of the variables (the graph and its
 * variables stay immutable), and propagate whatever the {@link GradMode}: {@link NoGrad} stops the
 * recording of a graph, not the tangents; {@link Variable#detach()} makes a new variable, which has
 * none. Tangent rules are written with Variable operations, so inside a recording reverse sweep
 * ({@code backward(createGraph = true)}) the cotangents get tangents too: that is forward-over-reverse
 * differentiation, the Hessian-vector product H v in one forward and one reverse pass
 * ({@link Autodiff#hvpForwardOverReverse}; Pearlmutter 1994). The tangents themselves carry no tangent
 * (no forward-over-forward), and one scope is active per thread (opening a second one suspends the
 * first until it is closed). With no scope open, {@link Operation#apply} pays one read of a counter.
 * A scope keeps every tangent it has made until it is closed: open one per derivative computation.
 *
 * <pre>{@code
 * try (ForwardMode fm = ForwardMode.open()) {
 *     Variable x = fm.dual(Tensor.of(1.0, 2.0), Tensor.of(1.0, 0.0));
 *     Variable y = x.square().sum();
 *     Tensor dy = fm.tangent(y);   // 2·1·1 + 2·2·0 = 2
 * }
 * }</pre>
 */
public final class ForwardMode implements AutoCloseable {
    private static final AtomicInteger OPEN = new AtomicInteger();
    private static final ThreadLocal<ForwardMode> CURRENT = new ThreadLocal<>();

    private final Map<Variable, Variable> tangents = new IdentityHashMap<>();
    private final ForwardMode outer;
    private final Thread owner;
    private boolean inRule;
    private boolean closed;

    private ForwardMode(ForwardMode outer) {
        this.outer = outer;
        this.owner = Thread.currentThread();
    }

    /** Opens a forward-mode scope on this thread; close it (try-with-resources) when done. */
    public static ForwardMode open() {
        ForwardMode fm = new ForwardMode(CURRENT.get());
        CURRENT.set(fm);
        OPEN.incrementAndGet();
        return fm;
    }

    /** The scope active on this thread, or null; one atomic read when no scope is open anywhere. */
    static ForwardMode current() {
        return OPEN.get() == 0 ? null : CURRENT.get();
    }

    /**
     * A dual number: a leaf variable (it requires a gradient, so it can also be differentiated in
     * reverse mode) with value {@code primal} and tangent {@code tangent} (same shape).
     */
    public Variable dual(Tensor primal, Tensor tangent) {
        Variable x = Variable.leaf(primal);
        seed(x, Variable.constant(tangent));
        return x;
    }

    /** Gives the variable {@code v} the tangent {@code tangent} (same shape). */
    public void seed(Variable v, Variable tangent) {
        if (closed) {
            throw new IllegalStateException("ForwardMode.seed: the scope is closed");
        }
        if (!tangent.shape().equals(v.shape())) {
            throw new IllegalArgumentException("ForwardMode.seed: tangent has shape " + tangent.shape()
                    + " but the variable has shape " + v.shape() + " (expected equal shapes)");
        }
        tangents.put(v, tangent);
    }

    /** The tangent of {@code v}: zeros of v's shape when v does not depend on a seeded variable. */
    public Tensor tangent(Variable v) {
        Variable t = tangents.get(v);
        return t == null ? Tensor.zeros(v.shape()) : t.value();
    }

    /** The tangent of {@code v} as a variable, or null when it is zero (v does not depend on a seed). */
    Variable tangentVariable(Variable v) {
        return tangents.get(v);
    }

    /** Called by {@link Operation#apply} after the forward map: the output's tangent from the inputs'. */
    void propagate(Operation op, Variable[] in, Variable out) {
        if (inRule) {
            return;
        }
        Variable[] t = null;
        for (int i = 0; i < in.length; i++) {
            Variable ti = tangents.get(in[i]);
            if (ti != null) {
                if (t == null) {
                    t = new Variable[in.length];
                }
                t[i] = ti;
            }
        }
        if (t == null) {
            return;
        }
        inRule = true;
        Variable r;
        try {
            r = op.outputTangent(in, out, t);
        } finally {
            inRule = false;
        }
        if (r != null) {
            tangents.put(out, r);
        }
    }

    /** Closes the scope: its tangents are dropped and the scope it suspended, if any, is active again. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner || CURRENT.get() != this) {
            throw new IllegalStateException("ForwardMode.close: scopes must be closed on their thread, innermost first");
        }
        closed = true;
        tangents.clear();
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
        OPEN.decrementAndGet();
    }
}
