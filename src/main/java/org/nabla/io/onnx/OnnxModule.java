package org.nabla.io.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.io.onnx.OnnxProto.Graph;
import org.nabla.io.onnx.OnnxProto.Node;
import org.nabla.io.onnx.OnnxProto.TensorData;
import org.nabla.io.onnx.OnnxProto.ValueInfo;
import org.nabla.module.Module;
import org.nabla.tensor.Tensor;

/**
 * A network read from an ONNX file: a Module that interprets the graph node by node with Nabla's
 * operations, so it runs forward, differentiates and trains like any other. Floating-point
 * initializers are its {@link Parameter}s, named as in the file: {@code 0.weight} becomes the
 * parameter {@code weight} of the sub-module {@code 0}, so that {@link #namedParameters()} gives
 * the file's (PyTorch's state-dict) names; integer initializers are constants.
 *
 * <p>Each operator is the Nabla operation with ONNX's semantics (Gemm with transB is
 * {@link org.nabla.layer.Linear#linear}, Conv is {@link org.nabla.layer.Conv2d#conv2d}, Softmax is
 * {@link org.nabla.activation.Softmax}, …): a file that {@link Onnx#export} wrote from a Nabla
 * model computes the same bits as the model. Integers and booleans are held as doubles (exact up
 * to 2⁵³). The whole graph is checked when the file is read: every operator supported, every input
 * defined before use.
 */
public final class OnnxModule extends Module {
    private final String source;
    private final Graph graph;
    private final long opset;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Val> constants = new HashMap<>();
    private final List<ValueInfo> inputs = new ArrayList<>();

    OnnxModule(String source, Graph graph, long opset) {
        this.source = source;
        this.graph = graph;
        this.opset = opset;
        for (TensorData t : graph.initializers()) {
            Tensor value = Tensor.of(t.shape(), t.values());
            if (t.dataType() == OnnxProto.DOUBLE || t.dataType() == OnnxProto.FLOAT) {
                parameters.put(t.name(), register(t.name(), value));
            } else {
                constants.put(t.name(), Val.constant(value, t.dataType()));
            }
        }
        for (ValueInfo v : graph.inputs()) {
            if (!parameters.containsKey(v.name()) && !constants.containsKey(v.name())) {
                inputs.add(v);
            }
        }
        check();
    }

    /** Registers the initializer under its dotted name, creating holder sub-modules for the prefixes. */
    private Parameter register(String name, Tensor value) {
        String[] parts = name.split("\\.", -1);
        boolean nested = parts.length > 1 && Arrays.stream(parts).noneMatch(String::isEmpty);
        Module owner = this;
        if (nested) {
            for (int i = 0; i < parts.length - 1 && owner != null; i++) {
                Module child = owner.children().get(parts[i]);
                if (child == null && !hasParameter(owner, parts[i])) {
                    child = owner == this ? registerModule(parts[i], new Holder()) : ((Holder) owner).child(parts[i]);
                }
                owner = child instanceof Holder ? child : null;
            }
        }
        if (owner == null || !nested) {
            return registerParameter(name.replace('.', '_'), value);
        }
        String leaf = parts[parts.length - 1];
        if (owner.children().containsKey(leaf) || hasParameter(owner, leaf)) {
            return registerParameter(name.replace('.', '_'), value);
        }
        return owner == this ? registerParameter(leaf, value) : ((Holder) owner).parameter(leaf, value);
    }

    private static boolean hasParameter(Module m, String local) {
        return m.namedParameters().containsKey(local);
    }

    /** Holds initializers under a dotted prefix; it is not a layer of its own and is never run. */
    private static final class Holder extends Module {
        Holder child(String name) {
            return registerModule(name, new Holder());
        }

        Parameter parameter(String name, Tensor value) {
            return registerParameter(name, value);
        }

        @Override
        public Variable forward(Variable x) {
            throw new IllegalStateException("this sub-module only holds initializers of an ONNX graph;"
                    + " run the OnnxModule that contains it");
        }

        @Override
        protected String describe() {
            return "OnnxInitializers";
        }
    }

    private void check() {
        java.util.Set<String> defined = new java.util.HashSet<>(parameters.keySet());
        defined.addAll(constants.keySet());
        inputs.forEach(v -> defined.add(v.name()));
        defined.add("");
        for (Node n : graph.nodes()) {
            if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx")) {
                throw new OnnxFormatException(source + ": " + n.label() + ": operator domain '" + n.domain()
                        + "' is not supported, expected the default ONNX domain");
            }
            if (!TensorOps.OPERATORS.contains(n.opType()) && !NetworkOps.OPERATORS.contains(n.opType())) {
                throw new OnnxFormatException(source + ": " + n.label() + ": unknown operator '" + n.opType()
                        + "', expected one of " + operators());
            }
            for (String in : n.inputs()) {
                if (!defined.contains(in)) {
                    throw new OnnxFormatException(source + ": " + n.label() + ": input '" + in
                            + "' is not a graph input, an initializer or the output of an earlier node");
                }
            }
            defined.addAll(n.outputs());
        }
        for (ValueInfo v : graph.outputs()) {
            if (!defined.contains(v.name())) {
                throw new OnnxFormatException(source + ": graph output '" + v.name() + "' is computed by no node");
            }
        }
        if (inputs.isEmpty() || graph.outputs().isEmpty()) {
            throw new OnnxFormatException(source + ": expected a graph with at least one input and one output, got "
                    + inputs.size() + " inputs and " + graph.outputs().size() + " outputs");
        }
    }

    /** The operators this reader supports, sorted. */
    public static List<String> operators() {
        List<String> all = new ArrayList<>(TensorOps.OPERATORS);
        all.addAll(NetworkOps.OPERATORS);
        all.sort(null);
        return all;
    }

    /** The ai.onnx opset the file declares. */
    public long opset() {
        return opset;
    }

    /** The names of the graph's inputs (initializers excluded), in order. */
    public List<String> inputNames() {
        return inputs.stream().map(ValueInfo::name).toList();
    }

    /** The names of the graph's outputs, in order. */
    public List<String> outputNames() {
        return graph.outputs().stream().map(ValueInfo::name).toList();
    }

    /** The operator types of the nodes, in order. */
    public List<String> nodeOperators() {
        return graph.nodes().stream().map(Node::opType).toList();
    }

    /** The first output for a graph with one input. */
    @Override
    public Variable forward(Variable x) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(describe() + ": the graph has " + inputs.size() + " inputs " + inputNames()
                    + "; use run(Map) to give each");
        }
        return run(Map.of(inputs.get(0).name(), x)).get(outputNames().get(0));
    }

    /**
     * Every output of the graph for the given inputs (by name). Integer inputs (INT64 indices) are
     * given as whole-number doubles.
     *
     * @throws OnnxFormatException when an input is missing or does not have the declared shape, or a
     *                             node's inputs do not fit it (naming the node)
     */
    public Map<String, Variable> run(Map<String, Variable> feed) {
        Map<String, Val> values = new HashMap<>(constants);
        parameters.forEach((name, p) -> values.put(name, new Val(p.variable(), OnnxProto.DOUBLE)));
        for (ValueInfo v : inputs) {
            Variable x = feed.get(v.name());
            if (x == null) {
                throw new OnnxFormatException(source + ": no value given for graph input '" + v.name() + "' (inputs: "
                        + inputNames() + ")");
            }
            int[] d = x.shape().dims();
            boolean fits = d.length == v.dims().length;
            for (int i = 0; fits && i < d.length; i++) {
                fits = v.dims()[i] < 0 || v.dims()[i] == d[i];
            }
            if (!fits) {
                throw new OnnxFormatException(source + ": graph input '" + v.name() + "': expected shape "
                        + Arrays.toString(v.dims()) + " (−1 = any), got " + x.shape());
            }
            values.put(v.name(), new Val(x, v.elemType() == 0 ? OnnxProto.DOUBLE : v.elemType()));
        }
        for (Node n : graph.nodes()) {
            Val[] in = new Val[n.inputs().size()];
            for (int i = 0; i < in.length; i++) {
                in[i] = n.inputs().get(i).isEmpty() ? null : values.get(n.inputs().get(i));
            }
            Val[] out = evaluate(n, in);
            for (int i = 0; i < n.outputs().size() && i < out.length; i++) {
                values.put(n.outputs().get(i), out[i]);
            }
        }
        Map<String, Variable> result = new LinkedHashMap<>();
        for (ValueInfo v : graph.outputs()) {
            result.put(v.name(), values.get(v.name()).v());
        }
        return result;
    }

    private Val[] evaluate(Node n, Val[] in) {
        Val.Attrs at = new Val.Attrs(n);
        try {
            return NetworkOps.OPERATORS.contains(n.opType()) ? NetworkOps.apply(n, in, at) : TensorOps.apply(n, in, at);
        } catch (OnnxFormatException e) {
            throw new OnnxFormatException(source + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            StringBuilder shapes = new StringBuilder();
            for (int i = 0; i < in.length; i++) {
                shapes.append(i == 0 ? "" : ", ").append(n.inputs().get(i)).append(' ')
                        .append(in[i] == null ? "(absent)" : in[i].v().shape());
            }
            throw new OnnxFormatException(source + ": " + n.label() + ": the inputs do not fit (" + shapes + "): "
                    + e.getMessage(), e);
        }
    }

    @Override
    protected String describe() {
        return "OnnxModule(" + source + ", opset " + opset + ", " + graph.nodes().size() + " nodes)";
    }
}
