package org.nabla.viz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.nabla.autodiff.NoGrad;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * A model's summary table, as printed by Keras' {@code model.summary()} and PyTorch's torchinfo: one
 * row per module (its dotted name, its description, the shape of its output for a given input shape,
 * its number of scalar parameters), then the totals. The parameter count of a module is
 * |θ| = Σ over its parameters of the product of the shape's sizes (e.g. Linear(in, out): out·in + out).
 * When the model has buffers (state that is not trained, such as BatchNorm's {@code running_mean},
 * {@code running_var} and {@code num_batches_tracked}: 2C + 1 entries), the table has a "Buffers"
 * column with their entry counts and a "Total buffers" line; without buffers it is unchanged.
 *
 * <p>How the output shapes are found: one forward pass on zeros of the input shape, under
 * {@link NoGrad} and in evaluation mode (so BatchNorm's running statistics and Dropout are untouched;
 * each module's training flag is restored afterwards). The children of a {@link Sequential} are run
 * one at a time, so every one of them (and, recursively, of nested Sequentials) gets its output
 * shape. Any other module is run as a whole: its sub-modules are listed with their parameter counts
 * and "—" for the output shape, since their outputs are internal to the parent's forward.
 */
public final class ModuleSummary {
    /**
     * One row: depth in the module tree (0 for the model), dotted name ("" for the model), the
     * module's one-line description (e.g. {@code Linear(in=64, out=32, bias=true)}), the output shape
     * (null when not observed, see the class comment), the number of scalar parameters of the
     * module including its sub-modules, and likewise the number of buffer entries.
     */
    public record Row(int depth, String name, String description, Shape outputShape, long parameters, long buffers) {
    }

    private final List<Row> rows;
    private final Shape inputShape;
    private final Shape outputShape;
    private final long totalParameters;
    private final long totalBuffers;
    private final List<String> prefixes;

    private ModuleSummary(List<Row> rows, List<String> prefixes, Shape inputShape, Shape outputShape, long total,
                          long buffers) {
        this.rows = Collections.unmodifiableList(rows);
        this.prefixes = prefixes;
        this.inputShape = inputShape;
        this.outputShape = outputShape;
        this.totalParameters = total;
        this.totalBuffers = buffers;
    }

    /** The summary of {@code model} for an input of the given shape (batch axis included). */
    public static ModuleSummary of(Module model, int... inputShape) {
        return of(model, Shape.of(inputShape));
    }

    /**
     * The summary of {@code model} for an input of the given shape (batch axis included).
     *
     * @throws IllegalArgumentException when a module's forward rejects the shape it is given; the
     *     message names the module and the shape
     */
    public static ModuleSummary of(Module model, Shape inputShape) {
        Objects.requireNonNull(model, "ModuleSummary: model is null");
        Objects.requireNonNull(inputShape, "ModuleSummary: input shape is null");
        Map<Module, Boolean> modes = new IdentityHashMap<>();
        List<Module> preorder = new ArrayList<>();
        remember(model, modes, preorder);
        List<Row> rows = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        Variable out;
        model.eval();
        try (NoGrad scope = NoGrad.enter()) {
            out = walk(model, "", 0, "", "", Variable.constant(Tensor.zeros(inputShape)), rows, prefixes);
        } finally {
            for (Module m : preorder) {
                m.train(modes.get(m)); // parents first: each child ends with its own flag
            }
        }
        return new ModuleSummary(rows, prefixes, inputShape, out.shape(), model.parameterCount(), model.bufferCount());
    }

    private static void remember(Module m, Map<Module, Boolean> modes, List<Module> preorder) {
        if (modes.put(m, m.isTraining()) == null) {
            preorder.add(m);
            for (Module c : m.children().values()) {
                remember(c, modes, preorder);
            }
        }
    }

    private static Variable walk(Module m, String name, int depth, String prefix, String childIndent, Variable x,
                                 List<Row> rows, List<String> prefixes) {
        int at = rows.size();
        rows.add(null);
        prefixes.add(prefix);
        Variable y;
        if (m instanceof Sequential) {
            y = x;
            List<Map.Entry<String, Module>> children = new ArrayList<>(m.children().entrySet());
            for (int i = 0; i < children.size(); i++) {
                boolean last = i == children.size() - 1;
                Map.Entry<String, Module> c = children.get(i);
                y = walk(c.getValue(), qualify(name, c.getKey()), depth + 1, childIndent + (last ? "└─ " : "├─ "),
                        childIndent + (last ? "   " : "│  "), y, rows, prefixes);
            }
        } else {
            try {
                y = m.forward(x);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("ModuleSummary: forward of " + (name.isEmpty() ? "the model" : "'"
                        + name + "'") + " (" + describe(m) + ") failed on an input of shape " + x.shape() + ": "
                        + e.getMessage(), e);
            }
            List<Map.Entry<String, Module>> children = new ArrayList<>(m.children().entrySet());
            for (int i = 0; i < children.size(); i++) {
                boolean last = i == children.size() - 1;
                list(children.get(i).getValue(), qualify(name, children.get(i).getKey()), depth + 1,
                        childIndent + (last ? "└─ " : "├─ "), childIndent + (last ? "   " : "│  "), rows, prefixes);
            }
        }
        rows.set(at, new Row(depth, name, describe(m), y.shape(), m.parameterCount(), m.bufferCount()));
        return y;
    }

    /** A sub-module whose output is internal to its parent: listed with its parameters only. */
    private static void list(Module m, String name, int depth, String prefix, String childIndent, List<Row> rows,
                             List<String> prefixes) {
        rows.add(new Row(depth, name, describe(m), null, m.parameterCount(), m.bufferCount()));
        prefixes.add(prefix);
        List<Map.Entry<String, Module>> children = new ArrayList<>(m.children().entrySet());
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            list(children.get(i).getValue(), qualify(name, children.get(i).getKey()), depth + 1,
                    childIndent + (last ? "└─ " : "├─ "), childIndent + (last ? "   " : "│  "), rows, prefixes);
        }
    }

    private static String qualify(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }

    /**
     * The module's one-line description: the first line of {@link Module#toString()} without its
     * parameter-count suffix (Module's own description hook is not public).
     */
    static String describe(Module m) {
        String first = m.toString().lines().findFirst().orElse(m.getClass().getSimpleName());
        return first.replaceFirst("\\s+\\[\\d+ parameters\\]$", "").replaceFirst(" \\(\\d+ parameters\\)$", "");
    }

    /** The rows, the model first, then its sub-modules depth-first in registration order. */
    public List<Row> rows() {
        return rows;
    }

    /** The input shape the summary was made for. */
    public Shape inputShape() {
        return inputShape;
    }

    /** The model's output shape for that input. */
    public Shape outputShape() {
        return outputShape;
    }

    /** Total number of scalar parameters of the model, Σ |θᵢ|. */
    public long totalParameters() {
        return totalParameters;
    }

    /** Total number of buffer entries of the model (running statistics and counters). */
    public long totalBuffers() {
        return totalBuffers;
    }

    /** The table. */
    @Override
    public String toString() {
        boolean withBuffers = totalBuffers > 0;
        List<String> left = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        List<String> bufferCounts = new ArrayList<>();
        int w0 = "Layer (description)".length();
        int w1 = "Output shape".length();
        int w2 = "Parameters".length();
        int w3 = "Buffers".length();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String l = prefixes.get(i) + (r.name().isEmpty() ? "" : r.name() + ": ") + r.description();
            String s = r.outputShape() == null ? "—" : r.outputShape().toString();
            String c = String.format(Locale.ROOT, "%,d", r.parameters());
            String b = String.format(Locale.ROOT, "%,d", r.buffers());
            left.add(l);
            shapes.add(s);
            counts.add(c);
            bufferCounts.add(b);
            w0 = Math.max(w0, l.length());
            w1 = Math.max(w1, s.length());
            w2 = Math.max(w2, c.length());
            w3 = Math.max(w3, b.length());
        }
        String format = "%-" + w0 + "s   %-" + w1 + "s   %" + w2 + "s" + (withBuffers ? "   %" + w3 + "s" : "%s") + "%n";
        int width = w0 + w1 + w2 + 6 + (withBuffers ? w3 + 3 : 0);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, format, "Layer (description)", "Output shape", "Parameters",
                withBuffers ? "Buffers" : ""));
        sb.append("=".repeat(width)).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            sb.append(String.format(Locale.ROOT, format, left.get(i), shapes.get(i), counts.get(i),
                    withBuffers ? bufferCounts.get(i) : ""));
        }
        sb.append("=".repeat(width)).append('\n');
        sb.append(String.format(Locale.ROOT, "Input shape: %s   Output shape: %s%n", inputShape, outputShape));
        sb.append(String.format(Locale.ROOT, "Total parameters: %,d (%s as 64-bit doubles)%n", totalParameters,
                bytes(totalParameters * 8)));
        if (withBuffers) {
            sb.append(String.format(Locale.ROOT, "Total buffers: %,d (not trained; saved with the parameters)%n",
                    totalBuffers));
        }
        return sb.toString();
    }

    private static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024.0));
    }
}
