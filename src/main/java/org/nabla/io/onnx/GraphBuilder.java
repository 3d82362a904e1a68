package org.nabla.io.onnx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.io.onnx.OnnxProto.Attribute;
import org.nabla.io.onnx.OnnxProto.Node;
import org.nabla.io.onnx.OnnxProto.TensorData;
import org.nabla.module.Module;
import org.nabla.tensor.Tensor;

/**
 * The graph being written by an export: nodes in order, initializers (the model's parameters and
 * buffers, under their state-dict names), Constant nodes for scalars and index lists, and unique
 * value names. Every floating-point tensor is written with one element type, DOUBLE or FLOAT.
 */
final class GraphBuilder {
    /** A value of the graph: its name and the Nabla value it has on the example input (for its shape). */
    record Value(String name, Variable value) {
    }

    final int elemType;
    private final List<Node> nodes = new ArrayList<>();
    private final List<TensorData> initializers = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<Parameter, String> parameterNames = new IdentityHashMap<>();
    private final Map<Module, String> modulePaths = new IdentityHashMap<>();
    private final Map<Parameter, String> exported = new IdentityHashMap<>();

    GraphBuilder(int elemType, Module root) {
        this.elemType = elemType;
        for (Map.Entry<String, Parameter> e : root.namedParameters().entrySet()) {
            parameterNames.putIfAbsent(e.getValue(), e.getKey());
        }
        walk(root, "");
    }

    private void walk(Module m, String path) {
        modulePaths.putIfAbsent(m, path);
        for (Map.Entry<String, Module> e : m.children().entrySet()) {
            walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
        }
    }

    List<Node> nodes() {
        return nodes;
    }

    List<TensorData> initializers() {
        return initializers;
    }

    /** The dotted path of a module inside the exported model ("" for the root). */
    String path(Module m) {
        String p = modulePaths.get(m);
        return p == null ? m.getClass().getSimpleName() : p;
    }

    /** A name not used yet, from a hint. */
    String unique(String hint) {
        String name = hint;
        for (int i = 1; !names.add(name); i++) {
            name = hint + "_" + i;
        }
        return name;
    }

    /** Marks a name as taken (graph inputs). */
    void reserve(String name) {
        names.add(name);
    }

    /** The parameter as an initializer named as in the state dict (once, however often it is used). */
    String parameter(Parameter p) {
        return exported.computeIfAbsent(p, q -> tensor(parameterNames.getOrDefault(q, q.name()), q.value()));
    }

    /** A floating-point initializer (a buffer such as a running mean) under a unique name. */
    String tensor(String name, Tensor t) {
        String n = unique(name);
        initializers.add(new TensorData(n, elemType, longs(t.dims()), t.toArray()));
        return n;
    }

    /** A Constant node with a floating-point scalar (0-d). */
    String scalar(String hint, double v) {
        return constant(hint, new TensorData("", elemType, new long[0], new double[] {v}));
    }

    /** A Constant node with a floating-point tensor. */
    String constantTensor(String hint, Tensor t) {
        return constant(hint, new TensorData("", elemType, longs(t.dims()), t.toArray()));
    }

    /** A Constant node with a 1-d int64 list (shapes, axes, slice bounds). */
    String ints(String hint, long... v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return constant(hint, new TensorData("", OnnxProto.INT64, new long[] {v.length}, d));
    }

    private String constant(String hint, TensorData t) {
        String out = unique(hint);
        nodes.add(new Node(unique(hint + "/Constant"), "Constant", "", List.of(), List.of(out),
                Map.of("value", Attribute.ofTensor("value", t))));
        return out;
    }

    /** A node with one output; returns the output's name. */
    String node(String op, String name, List<String> inputs, Attribute... attributes) {
        String nodeName = unique(name);
        String out = unique(nodeName + "_output");
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        for (Attribute a : attributes) {
            attrs.put(a.name(), a);
        }
        nodes.add(new Node(nodeName, op, "", List.copyOf(inputs), List.of(out), attrs));
        return out;
    }

    /** A node with one output carrying the Nabla value it computes on the example input. */
    Value node(String op, String name, Variable value, List<String> inputs, Attribute... attributes) {
        return new Value(node(op, name, inputs, attributes), value);
    }

    static long[] longs(int[] v) {
        long[] r = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i];
        }
        return r;
    }
}
