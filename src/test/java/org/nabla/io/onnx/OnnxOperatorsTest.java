package org.nabla.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nabla.autodiff.GradCheck;
import org.nabla.io.onnx.OnnxProto.Attribute;
import org.nabla.io.onnx.OnnxProto.Graph;
import org.nabla.io.onnx.OnnxProto.Model;
import org.nabla.io.onnx.OnnxProto.Node;
import org.nabla.io.onnx.OnnxProto.TensorData;
import org.nabla.io.onnx.OnnxProto.ValueInfo;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The interpreter's operators that the exporters do not write, on hand-built one-node graphs,
 * against values computed by hand from the ONNX operator definitions (onnx.ai/onnx/operators).
 */
class OnnxOperatorsTest {
    /** One node "op" on input x (shape of x) and the given constant inputs; returns the output. */
    private static Tensor run(String op, Tensor x, List<Tensor> constants, List<Integer> constantTypes, Attribute... attrs) {
        List<Node> nodes = new ArrayList<>();
        List<String> inputs = new ArrayList<>(List.of("x"));
        for (int i = 0; i < constants.size(); i++) {
            Tensor c = constants.get(i);
            TensorData t = new TensorData("", constantTypes.get(i), GraphBuilder.longs(c.dims()), c.toArray());
            nodes.add(new Node("c" + i, "Constant", "", List.of(), List.of("k" + i), Map.of("value",
                    Attribute.ofTensor("value", t))));
            inputs.add("k" + i);
        }
        Map<String, Attribute> a = new LinkedHashMap<>();
        for (Attribute at : attrs) {
            a.put(at.name(), at);
        }
        nodes.add(new Node("n", op, "", inputs, List.of("y"), a));
        Graph g = new Graph("g", nodes, List.of(), List.of(new ValueInfo("x", OnnxProto.DOUBLE, GraphBuilder.longs(x.dims()))),
                List.of(new ValueInfo("y", OnnxProto.DOUBLE, new long[0])));
        return Onnx.read(OnnxProto.encode(new Model(8, Map.of("", 17L), "t", g)), op).forward(x);
    }

    private static Tensor run(String op, Tensor x, Attribute... attrs) {
        return run(op, x, List.of(), List.of(), attrs);
    }

    private static Tensor ints(long... v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return Tensor.of(new int[] {v.length}, d);
    }

    private static final Tensor X = Tensor.of(new int[] {2, 3}, -2, -0.5, 0, 0.25, 1, 4);

    @Test
    void elementwise() {
        assertThat(run("Abs", X).dataView()).containsExactly(2, 0.5, 0, 0.25, 1, 4);
        assertThat(run("Sqrt", run("Abs", X)).dataView()).containsExactly(Math.sqrt(2), Math.sqrt(0.5), 0, 0.5, 1, 2);
        assertThat(run("Log", Tensor.of(new int[] {2}, 1, Math.E)).dataView()).containsExactly(0, 1);
        assertThat(run("Reciprocal", Tensor.of(new int[] {2}, 4, -0.5)).dataView()).containsExactly(0.25, -2);
        // HardSigmoid: max(0, min(1, αx + β)), defaults α = 0.2, β = 0.5
        assertThat(run("HardSigmoid", X).allClose(Tensor.of(new int[] {2, 3}, 0.1, 0.4, 0.5, 0.55, 0.7, 1), 1e-15, 1e-15))
                .isTrue();
        assertThat(run("Less", X, List.of(Tensor.scalar(0)), List.of(OnnxProto.DOUBLE)).dataView())
                .containsExactly(1, 1, 0, 0, 0, 0);
        assertThat(run("Equal", X, List.of(Tensor.scalar(1)), List.of(OnnxProto.DOUBLE)).dataView())
                .containsExactly(0, 0, 0, 0, 1, 0);
        assertThat(run("Clip", X, List.of(Tensor.scalar(-1), Tensor.scalar(2)), List.of(OnnxProto.DOUBLE, OnnxProto.DOUBLE))
                .dataView()).containsExactly(-1, -0.5, 0, 0.25, 1, 2);
    }

    @Test
    void reductionsAndShapes() {
        assertThat(run("ReduceSum", X, List.of(ints(1)), List.of(OnnxProto.INT64), Attribute.ofInt("keepdims", 0)).dataView())
                .containsExactly(-2.5, 5.25);
        assertThat(run("ReduceMax", X, Attribute.ofInts("axes", 0)).dataView()).containsExactly(0.25, 1, 4);
        Tensor u = run("Unsqueeze", X, List.of(ints(0, -1)), List.of(OnnxProto.INT64));
        assertThat(u.dims()).containsExactly(1, 2, 3, 1);
        assertThat(run("Squeeze", u).dims()).containsExactly(2, 3);
        assertThat(run("Flatten", u, Attribute.ofInt("axis", 2)).dims()).containsExactly(2, 3);
        assertThat(run("Transpose", X).dims()).containsExactly(3, 2);
        assertThat(run("Shape", u, Attribute.ofInt("start", 1), Attribute.ofInt("end", -1)).dataView()).containsExactly(2, 3);
        // Slice of axis 1 from −3 (= 0) to the end with step 2: columns 0 and 2
        assertThat(run("Slice", X, List.of(ints(-3), ints(Long.MAX_VALUE), ints(1), ints(2)),
                List.of(OnnxProto.INT64, OnnxProto.INT64, OnnxProto.INT64, OnnxProto.INT64)).dataView())
                .containsExactly(-2, 0, 0.25, 4);
        assertThat(run("Gather", X, List.of(ints(-1, 0)), List.of(OnnxProto.INT64), Attribute.ofInt("axis", 1)).dataView())
                .containsExactly(0, -2, 4, 0.25);
        assertThat(run("Reshape", X, List.of(ints(0, -1, 1)), List.of(OnnxProto.INT64)).dims()).containsExactly(2, 3, 1);
    }

    @Test
    void castsAndConstants() {
        // Cast to INT64 truncates toward zero; Div of integers truncates
        Tensor c = run("Cast", X, Attribute.ofInt("to", OnnxProto.INT64));
        assertThat(c.dataView()).containsExactly(-2, 0, 0, 0, 1, 4);
        assertThat(run("ConstantOfShape", ints(2, 1), Attribute.ofTensor("value",
                new TensorData("", OnnxProto.DOUBLE, new long[] {1}, new double[] {7}))).dataView()).containsExactly(7, 7);
    }

    @Test
    void generalGemmAndAsymmetricConvPads() {
        Rng rng = new Rng(3);
        Tensor a = Tensor.randn(rng, 3, 2);
        Tensor b = Tensor.randn(rng, 3, 4);
        Tensor cc = Tensor.randn(rng, 2, 4);
        // Y = α·Aᵀ·B + β·C
        Tensor y = run("Gemm", a, List.of(b, cc), List.of(OnnxProto.DOUBLE, OnnxProto.DOUBLE), Attribute.ofInt("transA", 1),
                Attribute.ofFloat("alpha", 0.5), Attribute.ofFloat("beta", 2));
        Tensor expected = a.transpose().matmul(b).mul(0.5).add(cc.mul(2));
        assertThat(y.allClose(expected, 1e-15, 1e-15)).isTrue();
        // pads [1, 0] before, [0, 2] after on a 1-d signal with a kernel of ones: sums of windows of the padded signal
        Tensor s = Tensor.of(new int[] {1, 1, 3}, 1, 2, 3);
        Tensor conv = run("Conv", s, List.of(Tensor.ones(1, 1, 2)), List.of(OnnxProto.DOUBLE), Attribute.ofInts("pads", 1, 2));
        assertThat(conv.dataView()).containsExactly(1, 3, 5, 3, 0);
        Tensor padded = run("Pad", s, List.of(ints(0, 0, 2, 0, 0, 1), Tensor.scalar(9)), List.of(OnnxProto.INT64,
                OnnxProto.DOUBLE));
        assertThat(padded.dataView()).containsExactly(9, 9, 1, 2, 3, 9);
    }

    @Test
    void theInterpretedGraphDifferentiatesLikeNabla() {
        // d/dx of the interpreted composition matches central differences
        Rng rng = new Rng(5);
        Tensor x = Tensor.randn(rng, 2, 3);
        GradCheck.check(in -> interpreted().forward(in.get(0)).sum(), x).assertPassed();
    }

    private static OnnxModule interpreted() {
        List<Node> nodes = List.of(
                new Node("a", "Softplus", "", List.of("x"), List.of("h"), Map.of()),
                new Node("b", "HardSigmoid", "", List.of("h"), List.of("g"), Map.of()),
                new Node("c", "Mul", "", List.of("g", "x"), List.of("y"), Map.of()));
        Graph g = new Graph("g", nodes, List.of(), List.of(new ValueInfo("x", OnnxProto.DOUBLE, new long[] {2, 3})),
                List.of(new ValueInfo("y", OnnxProto.DOUBLE, new long[] {2, 3})));
        return Onnx.read(OnnxProto.encode(new Model(8, Map.of("", 17L), "t", g)), "composite");
    }

}
