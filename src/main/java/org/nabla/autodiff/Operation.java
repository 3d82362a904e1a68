package org.nabla.autodiff;

import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.internal.TensorAccumulator;

/**
 * A primitive operation: a forward map y = f(x₁, …, xₙ) on tensors and its vector-Jacobian product
 * x̄ᵢ = ȳᵀ ∂f/∂xᵢ, nothing more (docs/design.md, decision 4).
 *
 * <p>Subclasses implement {@link #forward(Tensor[])}, {@link #backward(Variable)} and
 * {@link #jvp(Variable[])}, the Jacobian-vector product ẏ = Σᵢ (∂f/∂xᵢ) ẋᵢ that forward mode
 * ({@link ForwardMode}) propagates with the values. The backward
 * rule is written with {@link Variable} operations, so that when a graph of the gradient is requested
 * ({@code backward(createGraph = true)}) the gradient can itself be differentiated (decision 3); in a
 * plain backward sweep recording is off and those operations build no graph.
 *
 * <p>If an input was broadcast in the forward pass, {@code backward} may return a gradient of the
 * broadcast shape: the engine sums it back to the input's shape (one shared rule,
 * {@link #sumToShape(Variable, Shape)}), so no operation repeats that logic.
 *
 * <p>An operation object is used once: {@link #apply(Variable...)} records its inputs and output.
 * Higher packages define their own fused primitives (log-softmax, convolution, …) by extending this
 * class.
 */
public abstract class Operation {
    private final String name;
    private Variable[] inputs;
    private Variable output;

    /** @param name the operation's name in graphs and error messages, e.g. {@code "matmul"} */
    protected Operation(String name) {
        this.name = name;
    }

    /** The operation's name. */
    public final String name() {
        return name;
    }

    /** The forward map on the input values. Must not modify or keep mutable references. */
    protected abstract Tensor forward(Tensor[] inputs);

    /**
     * The vector-Jacobian products: for output cotangent ȳ (shaped like the output), the cotangent of
     * each input, or {@code null} where no gradient is needed ({@link #needsGrad(int)} false) or
     * the output does not depend on that input.
     */
    protected abstract Variable[] backward(Variable gradOutput);

    /**
     * The Jacobian-vector product: for input tangents ẋᵢ (each shaped like its input; {@code null} for
     * a zero tangent, at least one non-null), the output tangent ẏ = Σᵢ (∂f/∂xᵢ) ẋᵢ, or {@code null}
     * when it is zero. Written with {@link Variable} operations on the tangents and on
     * {@link #input(int)} and {@link #output()} (both available here even when no graph is recorded),
     * so that inside a recording reverse sweep forward-over-reverse differentiation works. A result of a
     * shape that broadcasts to the output's (a broadcast input's tangent) is broadcast by the engine.
     */
    protected abstract Variable jvp(Variable[] tangents);

    /** ẏ from the tangents of a bilinear map B(a, b): B(ȧ, b) + B(a, ḃ). */
    protected static Variable bilinearJvp(Variable[] t, Variable a, Variable b,
                                          java.util.function.BinaryOperator<Variable> map) {
        return sumOfTangents(t[0] == null ? null : map.apply(t[0], b), t[1] == null ? null : map.apply(a, t[1]));
    }

    /** The sum of tangent terms, where {@code null} stands for zero (null when every term is zero). */
    protected static Variable sumOfTangents(Variable... terms) {
        Variable r = null;
        for (Variable t : terms) {
            if (t != null) {
                r = r == null ? t : r.add(t);
            }
        }
        return r;
    }

    /**
     * The running cotangent sums of an operation's inputs during a first-order reverse sweep (no graph
     * of the gradient), for {@link #addCotangentsInPlace}.
     */
    public interface CotangentSums {
        /**
         * The in-place sum of input {@code input}'s cotangent, to add blocks or products into (zeros of
         * the input's shape when no term has arrived yet). Its type is internal (not exported,
         * docs/design.md, decisions 12 and 14): the operations of Nabla use it; an operation outside
         * the module adds its terms with {@link #add}.
         */
        @SuppressWarnings("exports")
        TensorAccumulator of(int input);

        /** Adds one term to input {@code input}'s cotangent sum. */
        void add(int input, Tensor term);
    }

    /**
     * Adds the vector-Jacobian products straight into the running cotangent sums of the inputs, when
     * this operation can do so without the tensors {@link #backward} would build; returns false (the
     * default) when it cannot, and the sweep then calls {@link #backward}. Called only in a first-order
     * sweep without a graph of the gradient and outside anomaly mode; must add exactly what
     * {@code backward} returns (summed to each input's shape), and only into inputs that require a
     * gradient. Slices (a block added at the sliced positions) and the weight product of a linear layer
     * (C̄ᵀA summed into the weight's running sum) use it (docs/design.md, decision 4).
     */
    protected boolean addCotangentsInPlace(Tensor gradOutput, CotangentSums sums) {
        return false;
    }

    /**
     * The per-example vector-Jacobian product of an input that the examples share: for a batch whose
     * output has the n examples along axis {@code exampleAxis} (slice i of the output depends on
     * example i's slices of the other inputs and on input {@code input}, which does not depend on the
     * examples) and the cotangent ȳ of Σᵢ ℓᵢ, the n cotangents ∂ℓᵢ/∂input = (slice i of ȳ)ᵀ ∂yᵢ/∂input —
     * the terms that {@link #backward} sums over the examples, kept apart. Returns null (the default)
     * when this operation has no such rule or cannot apply it to these shapes; the per-example driver
     * ({@link PerExampleGradients}) then fails naming the operation and the parameter. The matrix
     * products (outer products ȳᵢ ⊗ xᵢ, Goodfellow 2015), the broadcast arithmetic (bias, gain) and
     * the convolution (the weight gradient of one image) have one (docs/autodiff.md, "Per-example
     * derivatives").
     *
     * @param input the index of the shared input (it requires a gradient and does not depend on the examples)
     * @param gradOutput ȳ, shaped like the output
     * @param exampleAxis the axis of the output that indexes the examples
     */
    protected PerExampleCotangent perExampleCotangent(int input, Tensor gradOutput, int exampleAxis) {
        return null;
    }

    /** The i-th input, as recorded by {@link #apply}. */
    protected final Variable input(int i) {
        return inputs[i];
    }

    /** Number of inputs. */
    public final int inputCount() {
        return inputs == null ? 0 : inputs.length;
    }

    /** The inputs (a copy). */
    public final Variable[] inputs() {
        return inputs == null ? new Variable[0] : inputs.clone();
    }

    /** The output variable produced by {@link #apply}. */
    protected final Variable output() {
        return output;
    }

    /**
     * True when the i-th input leads to a leaf that requires a gradient (and, in a pruned sweep, its
     * cotangent is wanted: see {@link ReverseSweep}).
     */
    protected final boolean needsGrad(int i) {
        return inputs[i].requiresGrad() && ReverseSweep.wanted(inputs[i]);
    }

    /**
     * Runs the forward map and, when recording is on and some input requires a gradient, records this
     * operation as the producer of the returned variable.
     */
    public final Variable apply(Variable... in) {
        Tensor[] vals = new Tensor[in.length];
        boolean track = false;
        for (int i = 0; i < in.length; i++) {
            vals[i] = in[i].value();
            track |= in[i].requiresGrad();
        }
        Tensor out = forward(vals);
        if (Anomaly.isEnabled()) {
            Anomaly.check("forward", name, out, in);
        }
        ForwardMode tangents = ForwardMode.current();
        Variable result;
        if (!track || !GradMode.isEnabled()) {
            result = Variable.constant(out);
        } else {
            if (inputs != null) {
                throw new IllegalStateException("operation '" + name + "' was already applied; create a new one");
            }
            this.inputs = in;
            this.output = new Variable(out, this);
            result = output;
        }
        if (tangents != null) {
            tangents.propagate(this, in, result);
        }
        return result;
    }

    /**
     * The output tangent for {@link ForwardMode}: records the inputs and output for {@link #jvp} when
     * no graph was recorded, calls it and broadcasts its result to the output's shape.
     */
    final Variable outputTangent(Variable[] in, Variable out, Variable[] tangents) {
        if (inputs == null) {
            this.inputs = in;
            this.output = out;
        }
        Variable r = jvp(tangents);
        if (r != null && !r.shape().equals(out.shape())) {
            r = r.broadcastTo(out.shape());
        }
        return r;
    }

    /**
     * Sums a cotangent over the axes along which a tensor of shape {@code target} was broadcast:
     * leading axes that {@code target} lacks, and axes where {@code target} has size 1.
     * The adjoint of broadcasting.
     */
    public static Variable sumToShape(Variable g, Shape target) {
        Shape s = g.shape();
        if (s.equals(target)) {
            return g;
        }
        int extra = s.rank() - target.rank();
        if (extra < 0) {
            throw new IllegalArgumentException("sumToShape: cannot reduce shape " + s + " to larger rank " + target);
        }
        int[] axes = new int[s.rank()];
        int n = 0;
        for (int i = 0; i < s.rank(); i++) {
            if (i < extra || (target.dim(i - extra) == 1 && s.dim(i) != 1)) {
                axes[n++] = i;
            }
        }
        Variable r = g;
        if (n > 0) {
            r = g.sum(java.util.Arrays.copyOf(axes, n), true);
        }
        return r.reshape(target.dims());
    }

    @Override
    public String toString() {
        return name;
    }
}
