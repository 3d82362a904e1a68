package org.nabla.io.onnx;

import java.util.Arrays;
import java.util.Map;
import org.nabla.autodiff.Variable;
import org.nabla.io.onnx.OnnxProto.Attribute;
import org.nabla.io.onnx.OnnxProto.Node;
import org.nabla.tensor.Tensor;

/**
 * A value while a graph is interpreted: a Nabla variable and the ONNX element type it stands for
 * (floating point, INT64 or BOOL — integers and booleans are held as whole-number doubles), with
 * the helpers the operators share for reading inputs and attributes.
 */
record Val(Variable v, int type) {
    boolean isInteger() {
        return type == OnnxProto.INT64 || type == OnnxProto.INT32 || type == OnnxProto.BOOL || type == OnnxProto.UINT8
                || type == OnnxProto.INT8;
    }

    Tensor tensor() {
        return v.value();
    }

    int[] dims() {
        return v.shape().dims();
    }

    /** The entries as longs (for shapes, axes, bounds). */
    long[] longs() {
        double[] d = v.value().toArray();
        long[] r = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            r[i] = (long) d[i];
        }
        return r;
    }

    static Val constant(Tensor t, int type) {
        return new Val(Variable.constant(t), type);
    }

    static Val ints(int type, long[] dims, long... values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        int[] s = new int[dims.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = (int) dims[i];
        }
        return constant(Tensor.of(s, d), type);
    }

    /** The attributes of one node, with defaults and errors that name the node. */
    static final class Attrs {
        private final Node node;
        private final Map<String, Attribute> a;

        Attrs(Node node) {
            this.node = node;
            this.a = node.attributes();
        }

        long i(String name, long dflt) {
            Attribute x = a.get(name);
            return x == null ? dflt : x.i();
        }

        /**
         * A float attribute read back as the shortest decimal that rounds to it (so ε = 1e-5, stored
         * as the float 9.99999975e-6, reads as 1e-5 again).
         */
        double f(String name, double dflt) {
            Attribute x = a.get(name);
            return x == null ? dflt : Double.parseDouble(Float.toString((float) x.f()));
        }

        long[] ints(String name, long[] dflt) {
            Attribute x = a.get(name);
            return x == null ? dflt : x.ints();
        }

        String s(String name, String dflt) {
            Attribute x = a.get(name);
            return x == null || x.s() == null ? dflt : x.s();
        }

        boolean has(String name) {
            return a.containsKey(name);
        }

        OnnxFormatException error(String expected) {
            return new OnnxFormatException(node.label() + ": expected " + expected);
        }

        /** Refuses an attribute value this reader does not support. */
        void require(boolean ok, String expected, Object got) {
            if (!ok) {
                throw error(expected + ", got " + (got instanceof long[] l ? Arrays.toString(l) : got));
            }
        }
    }
}
