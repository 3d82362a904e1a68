package org.nabla.viz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Operation;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.io.AtomicFiles;
import org.nabla.tensor.Tensor;

/**
 * A picture of a computation graph: the directed acyclic graph G = (V, E) in which every node v ∈ V
 * is a {@link Variable} (a leaf, a parameter, a constant or the output of an operation) and every
 * edge (u, v) ∈ E says that u is an input of the operation that produced v — the "evaluation trace"
 * (Wengert list) of Griewank and Walther, <i>Evaluating Derivatives</i>, 2nd ed. (2008), §2.2, drawn
 * as in Goodfellow, Bengio and Courville, <i>Deep Learning</i> (2016), §6.5.1.
 *
 * <p>Each box shows the operation's name (or the leaf's label or parameter's name), the shape, the
 * value (all entries for small tensors, otherwise min, max and mean), and — when gradients are
 * known — in red the adjoint v̄ = ∂L/∂v of the output L with respect to the node:
 * <ul>
 *   <li>{@link #of(Variable)}: values only (the forward pass);</li>
 *   <li>{@link #gradients(Gradients)}: the gradients of a backward sweep you ran yourself, beside the
 *       leaves and parameters (a {@link Gradients} holds leaves only);</li>
 *   <li>{@link #afterBackward(Variable)}: runs the sweep itself, watching it with a
 *       {@link Variable.SweepObserver}, and shows v̄ for every node that requires a gradient:
 *       v̄ = Σ over the uses w of v of  w̄ᵀ ∂w/∂v  (Griewank and Walther, §3.2).</li>
 * </ul>
 *
 * <p>Outputs: Graphviz DOT text ({@link #toDot()}) and a self-contained SVG ({@link #toSvg()}) laid
 * out in Java by the layered method of Sugiyama, Tagawa and Toda (1981): longest-path layers counted
 * from the output, dummy nodes on long edges, barycentric ordering of each layer, and each node
 * pulled towards the mean position of its neighbours. The output is at the bottom; the inputs of an
 * operation enter its box from left to right in argument order.
 *
 * <p><b>Big graphs are cut at a depth.</b> Nodes are taken breadth-first from the output, one whole
 * level (distance from the output, in edges) at a time, as long as the total stays within
 * {@link #maxNodes(int)} (default 150). If anything is left out, the picture says so in its caption
 * ("cut at depth d: showing n of N nodes") and each node whose inputs were left out gets a dashed
 * box "k inputs not drawn". The output itself is always drawn.
 */
public final class GraphPicture {
    /** Default maximum number of drawn nodes (the rest is cut, see the class comment). */
    public static final int DEFAULT_MAX_NODES = 150;
    /** Default largest tensor whose entries are all printed; larger ones are summarized. */
    public static final int DEFAULT_VALUES_UP_TO = 12;

    private final Variable output;
    private final Map<Variable, String> labels = new IdentityHashMap<>();
    private final Map<Variable, Tensor> nodeGradients = new IdentityHashMap<>();
    private Gradients gradients;
    private int maxNodes = DEFAULT_MAX_NODES;
    private int valuesUpTo = DEFAULT_VALUES_UP_TO;
    private String title;

    private GraphPicture(Variable output) {
        this.output = Objects.requireNonNull(output, "GraphPicture: output variable is null");
    }

    /** The graph below {@code output}, with values (no gradients). */
    public static GraphPicture of(Variable output) {
        return new GraphPicture(output);
    }

    /**
     * Runs {@code output.backward()} (a scalar output, seed 1) and pictures the graph with every
     * node's adjoint v̄ = ∂output/∂v; {@link #gradients()} returns the sweep's result.
     *
     * @throws IllegalArgumentException when the output has more than one entry
     */
    public static GraphPicture afterBackward(Variable output) {
        Objects.requireNonNull(output, "GraphPicture: output variable is null");
        if (output.shape().size() != 1) {
            throw new IllegalArgumentException("GraphPicture.afterBackward: output has shape " + output.shape()
                    + "; expected a scalar (one-element) output, or use afterBackward(output, seed)");
        }
        return afterBackward(output, Tensor.ones(output.shape()));
    }

    /** As {@link #afterBackward(Variable)} with a seed (cotangent) ȳ shaped like the output. */
    public static GraphPicture afterBackward(Variable output, Tensor seed) {
        GraphPicture p = new GraphPicture(output);
        if (!seed.shape().equals(output.shape())) {
            throw new IllegalArgumentException("GraphPicture.afterBackward: seed has shape " + seed.shape()
                    + " but the output has shape " + output.shape() + " (expected equal shapes)");
        }
        p.gradients = output.backward(Variable.constant(seed), false,
                (node, cotangent) -> p.nodeGradients.merge(node, cotangent.value(), Tensor::add));
        return p;
    }

    /** Shows these gradients (of a sweep from this output) beside the leaves and parameters. */
    public GraphPicture gradients(Gradients g) {
        this.gradients = Objects.requireNonNull(g, "GraphPicture.gradients: null");
        return this;
    }

    /** The gradients shown: those given, or those of the sweep run by {@link #afterBackward}; null if none. */
    public Gradients gradients() {
        return gradients;
    }

    /** Names a node in the picture (e.g. "x" for an input leaf); parameters are named by default. */
    public GraphPicture label(Variable node, String label) {
        labels.put(Objects.requireNonNull(node, "GraphPicture.label: node is null"),
                Objects.requireNonNull(label, "GraphPicture.label: label is null"));
        return this;
    }

    /** A title written above the graph. */
    public GraphPicture title(String text) {
        this.title = text;
        return this;
    }

    /**
     * The largest number of nodes drawn (at least 1); bigger graphs are cut at a depth.
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public GraphPicture maxNodes(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("GraphPicture.maxNodes: expected at least 1, got " + n);
        }
        this.maxNodes = n;
        return this;
    }

    /**
     * Tensors with at most {@code n} entries are printed in full; larger ones as min, max, mean.
     *
     * @throws IllegalArgumentException when {@code n < 0}
     */
    public GraphPicture valuesUpTo(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("GraphPicture.valuesUpTo: expected n ≥ 0, got " + n);
        }
        this.valuesUpTo = n;
        return this;
    }

    // ------------------------------------------------------------------ the graph

    /** A drawn box: a variable, or the stub standing for the cut inputs of a variable. */
    static final class Node {
        final int id;
        final Variable variable; // null for a stub
        final String kind; // output, op, parameter, leaf, constant, stub
        final List<String> lines = new ArrayList<>();
        final List<Integer> gradientLines = new ArrayList<>();
        String tooltip;
        final List<Node> inputs = new ArrayList<>(); // edges in argument order (stub: none)

        Node(int id, Variable variable, String kind) {
            this.id = id;
            this.variable = variable;
            this.kind = kind;
        }
    }

    /** The drawn nodes (inputs before uses are not guaranteed) and the cut summary. */
    static final class Graph {
        final List<Node> nodes = new ArrayList<>();
        int totalNodes;
        int cutDepth = -1; // -1: nothing cut
        int edges;
    }

    /** Number of nodes (variables) of the whole graph below the output, drawn or not. */
    public int totalNodes() {
        return countAll();
    }

    /** Number of variables drawn (stubs for cut inputs not counted). */
    public int drawnNodes() {
        int n = 0;
        for (Node node : build().nodes) {
            if (node.variable != null) {
                n++;
            }
        }
        return n;
    }

    /** True when the graph is larger than {@link #maxNodes(int)} and was cut. */
    public boolean isCut() {
        return build().cutDepth >= 0;
    }

    private int countAll() {
        Map<Variable, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Variable> todo = new ArrayDeque<>();
        todo.add(output);
        seen.put(output, Boolean.TRUE);
        while (!todo.isEmpty()) {
            Operation op = todo.poll().producer();
            if (op != null) {
                for (Variable in : op.inputs()) {
                    if (seen.put(in, Boolean.TRUE) == null) {
                        todo.add(in);
                    }
                }
            }
        }
        return seen.size();
    }

    Graph build() {
        // breadth-first levels from the output
        Map<Variable, Integer> level = new IdentityHashMap<>();
        List<List<Variable>> levels = new ArrayList<>();
        List<Variable> current = List.of(output);
        level.put(output, 0);
        while (!current.isEmpty()) {
            levels.add(current);
            List<Variable> next = new ArrayList<>();
            for (Variable v : current) {
                Operation op = v.producer();
                if (op != null) {
                    for (Variable in : op.inputs()) {
                        if (!level.containsKey(in)) {
                            level.put(in, levels.size());
                            next.add(in);
                        }
                    }
                }
            }
            current = next;
        }
        Graph g = new Graph();
        g.totalNodes = level.size();
        int keepLevels = levels.size();
        int count = 0;
        for (int d = 0; d < levels.size(); d++) {
            if (d > 0 && count + levels.get(d).size() > maxNodes) {
                keepLevels = d;
                g.cutDepth = d - 1;
                break;
            }
            count += levels.get(d).size();
        }
        Map<Variable, Node> nodes = new IdentityHashMap<>();
        for (int d = 0; d < keepLevels; d++) {
            for (Variable v : levels.get(d)) {
                Node n = new Node(g.nodes.size(), v, kind(v));
                nodes.put(v, n);
                g.nodes.add(n);
            }
        }
        List<Node> stubs = new ArrayList<>();
        for (Node n : g.nodes) {
            Operation op = n.variable.producer();
            if (op == null) {
                continue;
            }
            int hidden = 0;
            for (Variable in : op.inputs()) {
                Node m = nodes.get(in);
                if (m == null) {
                    hidden++;
                } else {
                    n.inputs.add(m);
                    g.edges++;
                }
            }
            if (hidden > 0) {
                Node stub = new Node(g.nodes.size() + stubs.size(), null, "stub");
                stub.lines.add("… " + hidden + (hidden == 1 ? " input" : " inputs") + " not drawn");
                stub.lines.add("(cut at depth " + g.cutDepth + ")");
                stub.tooltip = "inputs of '" + op.name() + "' farther than " + g.cutDepth
                        + " edges from the output are not drawn";
                n.inputs.add(stub);
                stubs.add(stub);
            }
        }
        g.nodes.addAll(stubs);
        for (Node n : g.nodes) {
            if (n.variable != null) {
                describe(n);
            }
        }
        return g;
    }

    private String kind(Variable v) {
        if (v == output) {
            return "output";
        }
        if (v.producer() != null) {
            return "op";
        }
        if (v.parameter() != null) {
            return "parameter";
        }
        return v.requiresGrad() ? "leaf" : "constant";
    }

    private void describe(Node n) {
        Variable v = n.variable;
        String label = labels.get(v);
        String head;
        if (v.producer() != null) {
            head = v.producer().name() + (label != null ? "  (" + label + ")" : "");
        } else if (v.parameter() != null) {
            head = (label != null ? label : v.parameter().name()) + "  (parameter)";
        } else if (v.requiresGrad()) {
            head = label != null ? label + "  (leaf)" : "leaf";
        } else {
            head = label != null ? label + "  (constant)" : "constant";
        }
        n.lines.add(head);
        Tensor value = v.value();
        boolean scalar = value.shape().rank() == 0;
        if (!scalar) {
            n.lines.add("shape " + value.shape());
        }
        n.lines.addAll(valueLines("", value));
        StringBuilder tip = new StringBuilder(head).append("\nshape ").append(value.shape())
                .append("\nvalue ").append(full(value));
        Tensor grad = gradientOf(v);
        if (grad != null) {
            for (String line : valueLines("∂L/∂v ", grad)) {
                n.gradientLines.add(n.lines.size());
                n.lines.add(line);
            }
            tip.append("\ngradient ").append(full(grad));
        }
        n.tooltip = tip.toString();
    }

    private Tensor gradientOf(Variable v) {
        Tensor t = nodeGradients.get(v);
        if (t != null) {
            return t;
        }
        if (gradients == null || v.producer() != null) {
            return null;
        }
        if (v.parameter() != null) {
            Parameter p = v.parameter();
            return gradients.contains(p) ? gradients.of(p) : null;
        }
        return gradients.contains(v) ? gradients.of(v) : null;
    }

    /** Display lines of a tensor: all entries (one line per row of the last axis) or a summary. */
    List<String> valueLines(String prefix, Tensor t) {
        List<String> out = new ArrayList<>();
        double[] d = t.toArray();
        int rank = t.shape().rank();
        if (d.length == 0) {
            out.add(prefix + "(empty)");
        } else if (d.length > valuesUpTo) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (double x : d) {
                min = Math.min(min, x);
                max = Math.max(max, x);
                sum += x;
            }
            out.add(prefix + "min " + number(min) + "  max " + number(max));
            out.add(" ".repeat(prefix.length()) + "mean " + number(sum / d.length));
        } else if (rank == 0) {
            out.add(prefix + "= " + number(d[0]));
        } else {
            int row = t.shape().dim(-1);
            int mode = mode(d);
            String pad = " ".repeat(prefix.length() + 2);
            for (int start = 0; start < d.length; start += Math.max(row, 1)) {
                StringBuilder sb = new StringBuilder(start == 0 ? prefix + "= " : pad).append('[');
                for (int j = start; j < start + row; j++) {
                    sb.append(j > start ? ", " : "").append(number(d[j], mode));
                }
                out.add(sb.append(']').toString());
            }
        }
        return out;
    }

    /** A number as drawn (see {@link #number(double, int)}): integers plainly, else four decimals. */
    static String number(double x) {
        return number(x, mode(new double[] {x}));
    }

    /**
     * One format for all entries of a tensor, as NumPy prints: 0 whole numbers, 1 four decimals,
     * 2 three significant decimals in scientific notation (when the largest |entry| is ≥ 10⁵ or &lt; 10⁻³).
     */
    static int mode(double[] d) {
        boolean ints = true;
        double maxAbs = 0;
        for (double x : d) {
            if (Double.isFinite(x)) {
                ints &= x == Math.rint(x);
                maxAbs = Math.max(maxAbs, Math.abs(x));
            }
        }
        if (ints && maxAbs < 1e6) {
            return 0;
        }
        return maxAbs >= 1e5 || maxAbs < 1e-3 ? 2 : 1;
    }

    static String number(double x, int mode) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (mode == 0) {
            return String.format(Locale.ROOT, "%.0f", x);
        }
        return String.format(Locale.ROOT, mode == 2 ? "%.3e" : "%.4f", x);
    }

    /** Full-precision entries for the tooltip (at most 64). */
    private static String full(Tensor t) {
        double[] d = t.toArray();
        StringBuilder sb = new StringBuilder("[");
        int n = Math.min(d.length, 64);
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ", " : "").append(d[i]);
        }
        if (d.length > n) {
            sb.append(", … (").append(d.length - n).append(" more)");
        }
        return sb.append(']').toString();
    }

    /** The sentence that says what is shown, and what was cut. */
    String caption(Graph g) {
        int drawn = 0;
        for (Node n : g.nodes) {
            if (n.variable != null) {
                drawn++;
            }
        }
        StringBuilder sb = new StringBuilder();
        if (g.cutDepth >= 0) {
            sb.append(String.format(Locale.ROOT, "cut at depth %d: showing %,d of %,d nodes (maxNodes %,d)",
                    g.cutDepth, drawn, g.totalNodes, maxNodes));
        } else {
            sb.append(String.format(Locale.ROOT, "%,d nodes, %,d edges", g.totalNodes, g.edges));
        }
        if (!nodeGradients.isEmpty()) {
            sb.append("; red: ∂L/∂v, the gradient of the output L at each node");
        } else if (gradients != null) {
            sb.append("; red: ∂L/∂v at the leaves and parameters");
        }
        return sb.toString();
    }

    String title() {
        return title;
    }

    // ------------------------------------------------------------------ output

    /** Graphviz DOT text of the picture (same nodes, labels and cut as the SVG). */
    public String toDot() {
        Graph g = build();
        StringBuilder sb = new StringBuilder("digraph nabla {\n");
        sb.append("  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fontname=\"DejaVu Sans Mono\", "
                + "fontsize=10];\n  edge [arrowsize=0.7];\n");
        String caption = (title != null ? title + "\\n" : "") + dotEscape(caption(g));
        sb.append("  labelloc=t;\n  label=\"").append(caption).append("\";\n");
        for (Node n : g.nodes) {
            sb.append("  n").append(n.id).append(" [label=\"");
            for (String line : n.lines) {
                sb.append(dotEscape(line)).append("\\l");
            }
            sb.append("\", fillcolor=\"").append(SvgRenderer.fill(n.kind)).append('"');
            if (n.kind.equals("output")) {
                sb.append(", penwidth=2.5");
            }
            if (n.kind.equals("stub")) {
                sb.append(", style=\"rounded,dashed\"");
            }
            sb.append("];\n");
        }
        for (Node n : g.nodes) {
            for (int k = 0; k < n.inputs.size(); k++) {
                sb.append("  n").append(n.inputs.get(k).id).append(" -> n").append(n.id);
                if (n.inputs.size() > 1) {
                    sb.append(" [headlabel=\"").append(k).append("\", labelfontsize=8]");
                }
                sb.append(";\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private static String dotEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** A self-contained SVG document of the picture (layout computed in Java; see the class comment). */
    public String toSvg() {
        Graph g = build();
        return new SvgRenderer(g, title, caption(g)).render();
    }

    /** Writes {@link #toSvg()} to a file (atomically: the old file or the new one, never half). */
    public void writeSvg(Path file) throws IOException {
        String svg = toSvg();
        AtomicFiles.write(file, out -> out.write(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes {@link #toDot()} to a file (atomically). */
    public void writeDot(Path file) throws IOException {
        String dot = toDot();
        AtomicFiles.write(file, out -> out.write(dot.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        Graph g = build();
        return "GraphPicture(" + caption(g) + ")";
    }
}
