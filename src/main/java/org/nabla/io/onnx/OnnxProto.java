package org.nabla.io.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of onnx.proto (onnx/onnx, onnx.proto3, IR version 8) that Nabla writes and reads:
 * ModelProto, OperatorSetIdProto, GraphProto, NodeProto, AttributeProto, TensorProto,
 * ValueInfoProto with its TypeProto.Tensor and TensorShapeProto — as records, with their encoding
 * and decoding. Field numbers are onnx.proto's; fields this reader does not use are skipped.
 * Tensor entries are held as doubles whatever their type (exact for int64 up to 2⁵³, for
 * float32 and for booleans).
 */
final class OnnxProto {
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int BOOL = 9;
    static final int DOUBLE = 11;

    static final int ATTR_FLOAT = 1;
    static final int ATTR_INT = 2;
    static final int ATTR_STRING = 3;
    static final int ATTR_TENSOR = 4;
    static final int ATTR_FLOATS = 6;
    static final int ATTR_INTS = 7;

    private OnnxProto() {
    }

    /** A TensorProto: name, element type, dimensions and entries. */
    record TensorData(String name, int dataType, long[] dims, double[] values) {
        int[] shape() {
            int[] s = new int[dims.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = Math.toIntExact(dims[i]);
            }
            return s;
        }
    }

    /** An AttributeProto of one of the types used here. */
    record Attribute(String name, int type, double f, long i, String s, TensorData t, double[] floats, long[] ints) {
        static Attribute ofInt(String name, long v) {
            return new Attribute(name, ATTR_INT, 0, v, null, null, null, null);
        }

        static Attribute ofFloat(String name, double v) {
            return new Attribute(name, ATTR_FLOAT, v, 0, null, null, null, null);
        }

        static Attribute ofInts(String name, long... v) {
            return new Attribute(name, ATTR_INTS, 0, 0, null, null, null, v);
        }

        static Attribute ofString(String name, String v) {
            return new Attribute(name, ATTR_STRING, 0, 0, v, null, null, null);
        }

        static Attribute ofTensor(String name, TensorData v) {
            return new Attribute(name, ATTR_TENSOR, 0, 0, null, v, null, null);
        }
    }

    /** A NodeProto: an operator application. */
    record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                Map<String, Attribute> attributes) {
        /** "node 'name' (OpType)" for messages. */
        String label() {
            return "node '" + name + "' (" + opType + ")";
        }
    }

    /** A ValueInfoProto of a tensor: name, element type, dimensions (−1 where symbolic or unknown). */
    record ValueInfo(String name, int elemType, long[] dims) {
    }

    /** A GraphProto. */
    record Graph(String name, List<Node> nodes, List<TensorData> initializers, List<ValueInfo> inputs,
                 List<ValueInfo> outputs) {
    }

    /** A ModelProto: the IR version, the opset of each domain ("" = ai.onnx), the producer and the graph. */
    record Model(long irVersion, Map<String, Long> opsets, String producer, Graph graph) {
    }

    // ------------------------------------------------------------------ encoding

    static byte[] encode(Model m) {
        ProtoOutput o = new ProtoOutput().int64(1, m.irVersion()).string(2, m.producer());
        o.message(7, graph(m.graph()));
        for (Map.Entry<String, Long> e : m.opsets().entrySet()) {
            o.message(8, new ProtoOutput().string(1, e.getKey()).int64(2, e.getValue()));
        }
        return o.toByteArray();
    }

    private static ProtoOutput graph(Graph g) {
        ProtoOutput o = new ProtoOutput();
        for (Node n : g.nodes()) {
            o.message(1, node(n));
        }
        o.string(2, g.name());
        for (TensorData t : g.initializers()) {
            o.message(5, tensor(t));
        }
        for (ValueInfo v : g.inputs()) {
            o.message(11, valueInfo(v));
        }
        for (ValueInfo v : g.outputs()) {
            o.message(12, valueInfo(v));
        }
        return o;
    }

    private static ProtoOutput node(Node n) {
        ProtoOutput o = new ProtoOutput();
        n.inputs().forEach(s -> o.string(1, s));
        n.outputs().forEach(s -> o.string(2, s));
        o.string(3, n.name()).string(4, n.opType());
        for (Attribute a : n.attributes().values()) {
            o.message(5, attribute(a));
        }
        if (n.domain() != null && !n.domain().isEmpty()) {
            o.string(7, n.domain());
        }
        return o;
    }

    private static ProtoOutput attribute(Attribute a) {
        ProtoOutput o = new ProtoOutput().string(1, a.name());
        switch (a.type()) {
            case ATTR_FLOAT -> o.float32(2, (float) a.f());
            case ATTR_INT -> o.int64(3, a.i());
            case ATTR_STRING -> o.string(4, a.s());
            case ATTR_TENSOR -> o.message(5, tensor(a.t()));
            case ATTR_FLOATS -> {
                float[] f = new float[a.floats().length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) a.floats()[i];
                }
                o.packedFloat(7, f);
            }
            case ATTR_INTS -> o.packedInt64(8, a.ints());
            default -> throw new IllegalArgumentException("attribute " + a.name() + ": unsupported type " + a.type());
        }
        return o.int64(20, a.type());
    }

    private static ProtoOutput tensor(TensorData t) {
        ProtoOutput o = new ProtoOutput().packedInt64(1, t.dims()).int64(2, t.dataType()).string(8, t.name());
        double[] v = t.values();
        ByteBuffer b;
        switch (t.dataType()) {
            case DOUBLE -> {
                b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                b.asDoubleBuffer().put(v);
            }
            case FLOAT -> {
                b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                for (double e : v) {
                    b.putFloat((float) e);
                }
            }
            case INT64 -> {
                b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                for (double e : v) {
                    b.putLong((long) e);
                }
            }
            default -> throw new IllegalArgumentException("tensor " + t.name() + ": unsupported data type " + t.dataType());
        }
        return o.bytes(9, b.array());
    }

    private static ProtoOutput valueInfo(ValueInfo v) {
        ProtoOutput shape = new ProtoOutput();
        for (long d : v.dims()) {
            shape.message(1, new ProtoOutput().int64(1, d));
        }
        ProtoOutput tensorType = new ProtoOutput().int64(1, v.elemType()).message(2, shape);
        return new ProtoOutput().string(1, v.name()).message(2, new ProtoOutput().message(1, tensorType));
    }

    // ------------------------------------------------------------------ decoding

    static Model decode(byte[] bytes, String file) {
        ProtoInput in = new ProtoInput(bytes, file);
        long ir = -1;
        String producer = "";
        Graph graph = null;
        Map<String, Long> opsets = new LinkedHashMap<>();
        while (in.next()) {
            switch (in.field()) {
                case 1 -> ir = in.int64();
                case 2 -> producer = in.string();
                case 7 -> graph = graph(in.message("graph"));
                case 8 -> {
                    ProtoInput op = in.message("opset_import");
                    String domain = "";
                    long version = -1;
                    while (op.next()) {
                        switch (op.field()) {
                            case 1 -> domain = op.string();
                            case 2 -> version = op.int64();
                            default -> op.skip();
                        }
                    }
                    opsets.put(domain, version);
                }
                default -> in.skip();
            }
        }
        if (graph == null) {
            throw new OnnxFormatException(file + ": expected a ModelProto with a graph (field 7), found none"
                    + " (not an ONNX model, or truncated?)");
        }
        return new Model(ir, opsets, producer, graph);
    }

    private static Graph graph(ProtoInput in) {
        List<Node> nodes = new ArrayList<>();
        List<TensorData> inits = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        String name = "";
        while (in.next()) {
            switch (in.field()) {
                case 1 -> nodes.add(node(in.message("node " + nodes.size())));
                case 2 -> name = in.string();
                case 5 -> inits.add(tensor(in.message("initializer " + inits.size())));
                case 11 -> inputs.add(valueInfo(in.message("input")));
                case 12 -> outputs.add(valueInfo(in.message("output")));
                default -> in.skip();
            }
        }
        return new Graph(name, nodes, inits, inputs, outputs);
    }

    private static Node node(ProtoInput in) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        String name = "";
        String op = "";
        String domain = "";
        while (in.next()) {
            switch (in.field()) {
                case 1 -> inputs.add(in.string());
                case 2 -> outputs.add(in.string());
                case 3 -> name = in.string();
                case 4 -> op = in.string();
                case 5 -> {
                    Attribute a = attribute(in.message("attribute"));
                    attrs.put(a.name(), a);
                }
                case 7 -> domain = in.string();
                default -> in.skip();
            }
        }
        return new Node(name, op, domain, inputs, outputs, attrs);
    }

    private static Attribute attribute(ProtoInput in) {
        String name = "";
        int type = 0;
        double f = 0;
        long i = 0;
        String s = null;
        TensorData t = null;
        double[] floats = new double[0];
        long[] ints = new long[0];
        while (in.next()) {
            switch (in.field()) {
                case 1 -> name = in.string();
                case 2 -> f = in.float32();
                case 3 -> i = in.int64();
                case 4 -> s = in.string();
                case 5 -> t = tensor(in.message("tensor"));
                case 7 -> {
                    float[] more = in.float32s();
                    int k = floats.length;
                    floats = Arrays.copyOf(floats, k + more.length);
                    for (int j = 0; j < more.length; j++) {
                        floats[k + j] = more[j];
                    }
                }
                case 8 -> ints = concat(ints, in.int64s());
                case 20 -> type = (int) in.int64();
                default -> in.skip();
            }
        }
        return new Attribute(name, type, f, i, s, t, floats, ints);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static TensorData tensor(ProtoInput in) {
        long[] dims = new long[0];
        int type = 0;
        String name = "";
        byte[] raw = null;
        double[] values = new double[0];
        int start = in.position();
        while (in.next()) {
            switch (in.field()) {
                case 1 -> dims = concat(dims, in.int64s());
                case 2 -> type = (int) in.int64();
                case 4 -> values = append(values, in.float32s());
                case 5, 7 -> values = append(values, in.int64s());
                case 8 -> name = in.string();
                case 9 -> raw = in.bytes();
                case 10 -> {
                    double[] d = in.float64s();
                    int k = values.length;
                    values = Arrays.copyOf(values, k + d.length);
                    System.arraycopy(d, 0, values, k, d.length);
                }
                case 13, 14 -> throw new OnnxFormatException("tensor '" + name + "' (at byte " + start
                        + "): external data is not supported, expected the values inside the file");
                default -> in.skip();
            }
        }
        long count = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new OnnxFormatException("tensor '" + name + "': expected dimensions ≥ 0, got " + Arrays.toString(dims));
            }
            count *= d;
        }
        if (raw != null) {
            values = fromRaw(raw, type, name);
        }
        if (values.length != count) {
            throw new OnnxFormatException("tensor '" + name + "': dimensions " + Arrays.toString(dims) + " need " + count
                    + " values, found " + values.length);
        }
        return new TensorData(name, type, dims, values);
    }

    private static double[] append(double[] a, float[] b) {
        double[] r = Arrays.copyOf(a, a.length + b.length);
        for (int i = 0; i < b.length; i++) {
            r[a.length + i] = b[i];
        }
        return r;
    }

    private static double[] append(double[] a, long[] b) {
        double[] r = Arrays.copyOf(a, a.length + b.length);
        for (int i = 0; i < b.length; i++) {
            r[a.length + i] = b[i];
        }
        return r;
    }

    private static double[] fromRaw(byte[] raw, int type, String name) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int width = switch (type) {
            case DOUBLE, INT64 -> 8;
            case FLOAT, INT32 -> 4;
            case BOOL, UINT8, INT8 -> 1;
            default -> throw new OnnxFormatException("tensor '" + name + "': expected data type FLOAT (1), DOUBLE (11),"
                    + " INT64 (7), INT32 (6), BOOL (9), UINT8 (2) or INT8 (3), got " + type);
        };
        if (raw.length % width != 0) {
            throw new OnnxFormatException("tensor '" + name + "': raw data of " + raw.length + " bytes is not a whole number of "
                    + width + "-byte values");
        }
        double[] v = new double[raw.length / width];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (type) {
                case DOUBLE -> b.getDouble();
                case INT64 -> b.getLong();
                case FLOAT -> b.getFloat();
                case INT32 -> b.getInt();
                case INT8 -> b.get();
                default -> b.get() & 0xFF;
            };
        }
        return v;
    }

    private static ValueInfo valueInfo(ProtoInput in) {
        String name = "";
        int elem = 0;
        List<Long> dims = new ArrayList<>();
        while (in.next()) {
            if (in.field() == 1) {
                name = in.string();
            } else if (in.field() == 2) {
                ProtoInput type = in.message("type");
                while (type.next()) {
                    if (type.field() != 1) {
                        type.skip();
                        continue;
                    }
                    ProtoInput tensor = type.message("tensor_type");
                    while (tensor.next()) {
                        if (tensor.field() == 1) {
                            elem = (int) tensor.int64();
                        } else if (tensor.field() == 2) {
                            ProtoInput shape = tensor.message("shape");
                            while (shape.next()) {
                                if (shape.field() != 1) {
                                    shape.skip();
                                    continue;
                                }
                                ProtoInput dim = shape.message("dim");
                                long d = -1;
                                while (dim.next()) {
                                    if (dim.field() == 1) {
                                        d = dim.int64();
                                    } else {
                                        dim.skip();
                                    }
                                }
                                dims.add(d);
                            }
                        } else {
                            tensor.skip();
                        }
                    }
                }
            } else {
                in.skip();
            }
        }
        return new ValueInfo(name, elem, dims.stream().mapToLong(Long::longValue).toArray());
    }
}
