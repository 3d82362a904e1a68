package org.nabla.autodiff;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Per-example gradients of a loss over a mini-batch, from one reverse sweep: for per-example losses
 * ℓ₁, …, ℓₙ of a batch x₁, …, xₙ and every parameter θ that the examples share,
 * <pre>
 *   gᵢ(θ) = ∂ℓᵢ/∂θ,   i = 1…n,     a tensor (n, shape of θ);   Σᵢ gᵢ(θ) = ∂(Σᵢ ℓᵢ)/∂θ.
 * </pre>
 * The sweep of L = Σᵢ ℓᵢ gives, at every operation where a parameter meets the batch (the
 * "meeting" operations: the product x Wᵀ of a linear layer, the bias addition, the gain of a layer
 * norm, a convolution), the output cotangent ȳ whose slice i is ∂ℓᵢ/∂yᵢ when examples do not
 * interact; the operation's per-example rule ({@link Operation#perExampleCotangent}) then keeps apart
 * the n terms its ordinary vector-Jacobian product sums — W̄ᵢ = ȳᵢ ⊗ xᵢ for a linear layer
 * (Goodfellow, "Efficient per-example gradient computations", arXiv:1510.01799, 2015; Dangel, Kunstner
 * &amp; Hennig, "BackPACK", ICLR 2020). A parameter used at several operations (a recurrent weight at
 * every time step, a shared embedding) sums their per-example terms; a parameter reaching the batch
 * through operations on parameters alone (a transpose, a reshape) gets its terms through those
 * operations' vector-Jacobian products, example by example. The engine knows no particular operation
 * (docs/design.md, decision 4; docs/autodiff.md, "Per-example derivatives").
 *
 * <p><b>When examples interact.</b> The decomposition is right only if ℓⱼ does not depend on slice i
 * of a meeting operation's output for j ≠ i. That is checked, exactly, by a second sweep seeded with
 * sᵢ = 2^(eᵢ) (distinct integer exponents): with independent examples every cotangent slice i is then
 * sᵢ times the first sweep's, bit for bit (a vector-Jacobian product is linear in the cotangent and a
 * power of two scales without rounding). The axis along which this holds is the example axis of that
 * output (axis 1 for the (L, N, E) layout of attention). Where no axis holds — batch statistics of a
 * BatchNorm in training mode between the operation and the losses — the driver throws
 * {@link ExamplesMixed} naming the operation and the parameter; an operation without a per-example
 * rule throws too. Never a silently wrong answer. (The check misses only an interaction confined to
 * examples that drew the same exponent: 64 distinct exponents, so none for n ≤ 64.)
 *
 * <p>Cost: one forward pass and two reverse sweeps of the batch, pruned to the nodes computed from the
 * batch (no summed parameter gradient and no cotangent of the batch itself is formed), plus the
 * per-example terms; a loop would make n forward passes and n full sweeps.
 */
public final class PerExampleGradients {
    private static final int EXPONENTS = 64;

    private final int n;
    private final Map<Object, PerExampleCotangent> byLeaf;

    private PerExampleGradients(int n, Map<Object, PerExampleCotangent> byLeaf) {
        this.n = n;
        this.byLeaf = byLeaf;
    }

    /**
     * Thrown when examples interact between an operation where a parameter meets the batch and the
     * losses, so that per-example gradients do not follow from one sweep.
     */
    public static final class ExamplesMixed extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ExamplesMixed(String message) {
            super(message);
        }
    }

    /**
     * The per-example gradients of the losses {@code losses.apply(x)} (shape (n) or (n, 1): ℓᵢ for
     * row i of x) with respect to every leaf below them that does not depend on x: parameters and leaf
     * variables.
     *
     * @throws ExamplesMixed when examples interact (see the class comment)
     * @throws IllegalArgumentException when an operation that meets the batch has no per-example rule,
     *     or the losses are not one per row of x
     */
    public static PerExampleGradients of(Function<Variable, Variable> losses, Tensor x) {
        Variable xv = Variable.leaf(x);
        return ofLosses(xv, losses.apply(xv));
    }

    /**
     * As {@link #of(Function, Tensor)} for a graph already built: {@code examples} is the leaf the
     * batch entered through (axis 0 the n examples) and {@code losses} the per-example losses (n).
     * The graph can be used again (for another output of the same network, say).
     */
    public static PerExampleGradients ofLosses(Variable examples, Variable losses) {
        int n = examples.shape().dim(0);
        if (losses.shape().size() != n || losses.shape().rank() < 1 || losses.shape().dim(0) != n) {
            throw new IllegalArgumentException("PerExampleGradients: expected one loss per example, shape [" + n
                    + "], got " + losses.shape() + " for a batch of shape " + examples.shape());
        }
        Variable l = losses.shape().rank() == 1 ? losses : losses.reshape(n);
        if (!l.requiresGrad()) {
            return new PerExampleGradients(n, new IdentityHashMap<>());
        }
        if (n == 1) {
            Gradients g = l.backward();
            Map<Object, PerExampleCotangent> one = new IdentityHashMap<>();
            for (Variable leaf : leavesBelow(l)) {
                if (leaf != examples && g.contains(leaf)) {
                    one.put(Gradients.key(leaf), PerExampleCotangent.dense(g.of(leaf).unsqueeze(0)));
                }
            }
            return new PerExampleGradients(1, one);
        }
        List<Variable> order = GraphOrder.requiringGrad(l);
        Set<Variable> data = dataDependent(order, examples);
        if (!data.contains(l)) {
            throw new IllegalArgumentException("PerExampleGradients: the losses " + l.shape()
                    + " do not depend on the batch variable " + examples.shape()
                    + " (the examples must enter through it)");
        }
        Map<Variable, Boolean> meeting = new IdentityHashMap<>();
        for (Variable v : order) {
            if (data.contains(v) && sharedInputs(v, data).length > 0) {
                meeting.put(v, Boolean.TRUE);
            }
        }
        Tensor scales = scales(n);
        // only the nodes computed from the batch need cotangents: every path from the losses to a
        // meeting node runs through such nodes, so pruning the rest (the parameters' summed gradients,
        // the batch's own cotangent) leaves the meeting nodes' cotangents bit for bit as they were
        java.util.function.Predicate<Variable> wanted = v -> v != examples && data.contains(v);
        Map<Variable, Tensor> plain = cotangentsAt(l, Tensor.ones(n), meeting, wanted);
        Map<Variable, Tensor> scaled = cotangentsAt(l, scales, meeting, wanted);
        Map<Variable, PerExampleCotangent> acc = new IdentityHashMap<>();
        boolean previous = GradMode.set(false);
        try {
            for (int i = order.size() - 1; i >= 0; i--) {
                Variable v = order.get(i);
                if (meeting.containsKey(v) && plain.containsKey(v)) {
                    Tensor g = plain.get(v);
                    int[] found = exampleAxis(g, scaled.get(v), scales, v, data);
                    int axis = found[0];
                    Operation op = v.producer();
                    for (int k : sharedInputs(v, data)) {
                        PerExampleCotangent pc = op.perExampleCotangent(k, g, axis);
                        Variable in = op.input(k);
                        if (pc == null) {
                            throw new IllegalArgumentException("PerExampleGradients: operation '" + op.name()
                                    + "' has no per-example rule for its input " + k + " (shape " + in.shape() + ", "
                                    + leaves(in, data) + ") with the examples along axis " + axis + " of its output "
                                    + v.shape() + "; rules exist for matrix products, broadcast arithmetic and conv2d");
                        }
                        if (pc.examples() != v.shape().dim(axis) || !pc.cotangentShape().equals(in.shape())) {
                            throw new IllegalStateException("PerExampleGradients: the per-example rule of '" + op.name()
                                    + "' returned " + pc + ", expected " + v.shape().dim(axis) + " slices of "
                                    + in.shape());
                        }
                        acc.merge(in, pc.grouped(n, found[1] == 1), PerExampleCotangent::plus);
                    }
                } else if (!data.contains(v) && v.producer() != null && acc.containsKey(v)) {
                    throughShared(v, acc.remove(v).dense(), acc);
                }
            }
        } finally {
            GradMode.set(previous);
        }
        Map<Object, PerExampleCotangent> byLeaf = new IdentityHashMap<>();
        for (Map.Entry<Variable, PerExampleCotangent> e : acc.entrySet()) {
            if (e.getKey().isLeaf()) {
                byLeaf.merge(Gradients.key(e.getKey()), e.getValue(), PerExampleCotangent::plus);
            }
        }
        return new PerExampleGradients(n, byLeaf);
    }

    /** The number n of examples. */
    public int examples() {
        return n;
    }

    /** The per-example gradients of a parameter, (n, shape of θ); zeros when the losses do not depend on it. */
    public Tensor of(Parameter p) {
        PerExampleCotangent c = byLeaf.get(p);
        return c == null ? zeros(p.shape()) : c.dense();
    }

    /** The per-example gradients of a leaf variable (or a parameter's leaf), (n, shape of the leaf). */
    public Tensor of(Variable leaf) {
        PerExampleCotangent c = byLeaf.get(Gradients.key(leaf));
        return c == null ? zeros(leaf.shape()) : c.dense();
    }

    /** The per-example gradients of a leaf in their stored form (factored for weights of products), or null when zero. */
    public PerExampleCotangent cotangent(Variable leaf) {
        return byLeaf.get(Gradients.key(leaf));
    }

    /** The per-example gradients of the parameters, flattened and joined in order: (n, Σ sizes). */
    public Tensor flat(List<Parameter> parameters) {
        int total = 0;
        for (Parameter p : parameters) {
            total += p.size();
        }
        int rowStride = total;
        return Tensor.build(Shape.of(n, total), out -> {
            int offset = 0;
            for (Parameter p : parameters) {
                PerExampleCotangent c = byLeaf.get(p);
                if (c != null) {
                    c.writeFlat(out, rowStride, offset);
                }
                offset += p.size();
            }
        });
    }

    private Tensor zeros(Shape s) {
        int[] d = new int[s.rank() + 1];
        d[0] = n;
        System.arraycopy(s.dims(), 0, d, 1, s.rank());
        return Tensor.zeros(d);
    }

    private static boolean hasAxisOfSize(Shape s, int n) {
        for (int a = 0; a < s.rank(); a++) {
            if (s.dim(a) == n) {
                return true;
            }
        }
        return false;
    }

    /**
     * The nodes that may carry the examples, by identity: the batch variable and every node computed
     * from it or from a constant with an axis of size n (an initial recurrent state, a mask). Calling
     * too many nodes batched is safe — their operations then need a per-example rule and pass the
     * probe, or the driver fails — and the rest are computed from shared inputs alone.
     */
    private static Set<Variable> dataDependent(List<Variable> order, Variable examples) {
        int n = examples.shape().dim(0);
        Set<Variable> data = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        data.add(examples);
        for (Variable v : order) {
            Operation op = v.producer();
            if (op == null) {
                continue;
            }
            for (int k = 0; k < op.inputCount(); k++) {
                Variable in = op.input(k);
                if (data.contains(in) || (!in.requiresGrad() && hasAxisOfSize(in.shape(), n))) {
                    data.add(v);
                    break;
                }
            }
        }
        return data;
    }

    /** The inputs of v's operation that require a gradient and do not depend on the batch. */
    private static int[] sharedInputs(Variable v, Set<Variable> data) {
        Operation op = v.producer();
        if (op == null) {
            return new int[0];
        }
        int[] k = new int[op.inputCount()];
        int m = 0;
        for (int i = 0; i < k.length; i++) {
            Variable in = op.input(i);
            if (in.requiresGrad() && !data.contains(in)) {
                k[m++] = i;
            }
        }
        return java.util.Arrays.copyOf(k, m);
    }

    /** The probe's scales sᵢ = 2^(eᵢ), eᵢ a seeded permutation of −32 … 31 (repeated beyond 64 examples). */
    private static Tensor scales(int n) {
        int[] perm = new Rng(0x5eedL).permutation(EXPONENTS);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.scalb(1.0, perm[i % EXPONENTS] - EXPONENTS / 2);
        }
        return Tensor.of(s);
    }

    /** One first-order sweep of the losses with the given seed, keeping the cotangents of the meeting nodes. */
    private static Map<Variable, Tensor> cotangentsAt(Variable l, Tensor seed, Map<Variable, Boolean> nodes,
            java.util.function.Predicate<Variable> wanted) {
        Map<Variable, Tensor> out = new IdentityHashMap<>();
        ReverseSweep.run(l, Variable.constant(seed), (node, g) -> {
            if (nodes.containsKey(node)) {
                out.put(node, g.value());
            }
        }, wanted);
        return out;
    }

    /**
     * The example axis of v: the axis along which slice i of the scaled sweep's cotangent is the
     * scale of its example times the plain one's, bit for bit. An axis of size n·k may hold the
     * examples merged with another axis (slice j of example j / k, outer, or j mod n, inner).
     * Returns {axis, outer ? 1 : 0}; throws {@link ExamplesMixed} when no axis passes.
     */
    private static int[] exampleAxis(Tensor plain, Tensor scaled, Tensor scales, Variable v, Set<Variable> data) {
        int n = scales.size();
        double[] p = plain.toArray();
        double[] q = scaled.toArray();
        double[] s = scales.toArray();
        Shape shape = plain.shape();
        for (int a = 0; a < shape.rank(); a++) {
            int size = shape.dim(a);
            if (size % n != 0) {
                continue;
            }
            int inner = 1;
            for (int b = a + 1; b < shape.rank(); b++) {
                inner *= shape.dim(b);
            }
            for (int outer = 1; outer >= (size == n ? 1 : 0); outer--) {
                int k = size / n;
                boolean ok = true;
                for (int j = 0; j < p.length && ok; j++) {
                    int slice = (j / inner) % size;
                    double expected = p[j] * s[outer == 1 ? slice / k : slice % n];
                    ok = expected == q[j] || (Double.isNaN(expected) && Double.isNaN(q[j]));
                }
                if (ok) {
                    return new int[] {a, outer};
                }
            }
        }
        Operation op = v.producer();
        StringBuilder params = new StringBuilder();
        for (int k : sharedInputs(v, data)) {
            params.append(params.length() == 0 ? "" : "; ").append(leaves(op.input(k), data));
        }
        throw new ExamplesMixed("PerExampleGradients: examples interact after operation '" + op.name() + "' (output "
                + shape + ", consuming " + params + "): no axis of its output cotangent has its slices depending "
                + "each on one example's loss alone, so the losses mix the " + n + " examples downstream (batch "
                + "statistics, e.g. BatchNorm in training mode); put such layers in evaluation mode, or loop over "
                + "single examples");
    }

    private static List<Variable> leavesBelow(Variable l) {
        List<Variable> out = new ArrayList<>();
        for (Variable v : GraphOrder.requiringGrad(l)) {
            if (v.isLeaf()) {
                out.add(v);
            }
        }
        return out;
    }

    /** The names of the parameters (or shapes of the leaves) below a shared node, for messages. */
    private static String leaves(Variable root, Set<Variable> data) {
        Set<String> names = new LinkedHashSet<>();
        List<Variable> stack = new ArrayList<>(List.of(root));
        Map<Variable, Boolean> seen = new IdentityHashMap<>();
        while (!stack.isEmpty()) {
            Variable v = stack.remove(stack.size() - 1);
            if (seen.put(v, Boolean.TRUE) != null || !v.requiresGrad() || data.contains(v)) {
                continue;
            }
            if (v.isLeaf()) {
                names.add(v.parameter() != null ? "parameter '" + v.parameter().name() + "'" : "a leaf " + v.shape());
            } else {
                stack.addAll(List.of(v.producer().inputs()));
            }
        }
        return String.join(", ", names);
    }

    /**
     * Passes the per-example cotangents of a node computed from shared inputs alone (a transposed or
     * reshaped weight) to those inputs, example by example, through its operation's vector-Jacobian
     * product (linear in the cotangent, so each example's term goes through on its own).
     */
    private static void throughShared(Variable v, Tensor perExample, Map<Variable, PerExampleCotangent> acc) {
        Operation op = v.producer();
        int n = perExample.dim(0);
        List<List<Tensor>> terms = new ArrayList<>();
        for (int k = 0; k < op.inputCount(); k++) {
            terms.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            Variable[] g = op.backward(Variable.constant(perExample.select(0, i)));
            for (int k = 0; k < g.length; k++) {
                Variable in = op.input(k);
                if (in.requiresGrad()) {
                    Tensor t = g[k] == null ? Tensor.zeros(in.shape()) : Operation.sumToShape(g[k], in.shape()).value();
                    terms.get(k).add(t);
                }
            }
        }
        for (int k = 0; k < op.inputCount(); k++) {
            if (!terms.get(k).isEmpty()) {
                acc.merge(op.input(k), PerExampleCotangent.dense(Tensor.stack(0, terms.get(k))), PerExampleCotangent::plus);
            }
        }
    }
}
