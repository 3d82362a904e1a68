package org.nabla.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nabla.io.onnx.OnnxProto.Attribute;
import org.nabla.io.onnx.OnnxProto.Graph;
import org.nabla.io.onnx.OnnxProto.Model;
import org.nabla.io.onnx.OnnxProto.Node;
import org.nabla.io.onnx.OnnxProto.TensorData;
import org.nabla.io.onnx.OnnxProto.ValueInfo;
import org.nabla.layer.Linear;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Bad ONNX files: refused with an exception naming the file or node and what was expected. */
class OnnxBadFilesTest {
    private static final Rng RNG = new Rng(2);

    private static byte[] model(long opset, String domain, Node... nodes) {
        TensorData w = new TensorData("w", OnnxProto.DOUBLE, new long[] {2, 3}, new double[6]);
        Graph g = new Graph("g", List.of(nodes), List.of(w), List.of(new ValueInfo("x", OnnxProto.DOUBLE, new long[] {4, 3})),
                List.of(new ValueInfo("y", OnnxProto.DOUBLE, new long[] {4, 2})));
        return OnnxProto.encode(new Model(8, Map.of(domain, opset), "test", g));
    }

    private static Node gemm(String weight) {
        return new Node("fc", "Gemm", "", List.of("x", weight), List.of("y"), Map.of("transB", Attribute.ofInt("transB", 1)));
    }

    @Test
    void aWellFormedHandWrittenModelRuns() {
        Tensor y = Onnx.read(model(17, "", gemm("w")), "ok.onnx").forward(Tensor.ones(4, 3));
        assertThat(y.shape().dims()).containsExactly(4, 2);
    }

    @Test
    void aTruncatedFileIsRefusedWithItsName() {
        byte[] good = Onnx.toBytes(new Linear(3, 2, RNG), Tensor.zeros(1, 3), Onnx.Precision.DOUBLE);
        int refused = 0;
        for (int k = 1; k <= 10; k++) {
            int cut = good.length * k / 11;
            byte[] bad = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> Onnx.read(bad, "cut.onnx")).as("cut at " + cut)
                    .isInstanceOf(OnnxFormatException.class).hasMessageContaining("cut.onnx");
            refused++;
        }
        assertThat(refused).isEqualTo(10);
        assertThatThrownBy(() -> Onnx.read(Arrays.copyOf(good, 3), "three.onnx"))
                .hasMessageContaining("three.onnx").hasMessageContaining("truncated");
    }

    @Test
    void anUnknownOperatorIsNamedWithItsNode() {
        byte[] bad = model(17, "", new Node("mystery", "Frobnicate", "", List.of("x"), List.of("y"), Map.of()));
        assertThatThrownBy(() -> Onnx.read(bad, "op.onnx")).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("node 'mystery' (Frobnicate)").hasMessageContaining("unknown operator")
                .hasMessageContaining("Gemm");
        byte[] custom = model(17, "", new Node("c", "Relu", "com.example", List.of("x"), List.of("y"), Map.of()));
        assertThatThrownBy(() -> Onnx.read(custom, "domain.onnx")).hasMessageContaining("node 'c' (Relu)")
                .hasMessageContaining("com.example");
    }

    @Test
    void aWrongOpsetIsRefused() {
        assertThatThrownBy(() -> Onnx.read(model(18, "", gemm("w")), "new.onnx")).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("new.onnx").hasMessageContaining("opset 18").hasMessageContaining("expected 13 to 17");
        assertThatThrownBy(() -> Onnx.read(model(9, "", gemm("w")), "old.onnx")).hasMessageContaining("opset 9");
        assertThatThrownBy(() -> Onnx.read(model(17, "com.example", gemm("w")), "none.onnx"))
                .hasMessageContaining("opset_import of the default ONNX domain");
    }

    @Test
    void aShapeThatDoesNotFitNamesTheNodeAndTheShapes() {
        OnnxModule m = Onnx.read(model(17, "", gemm("w")), "shape.onnx");
        assertThatThrownBy(() -> m.forward(Tensor.ones(4, 5))).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("graph input 'x'").hasMessageContaining("[4, 3]").hasMessageContaining("[4, 5]");
        // the weight (2, 3) does not fit a Gemm on x (4, 3) without transB
        Node plain = new Node("fc", "Gemm", "", List.of("x", "w"), List.of("y"), Map.of());
        OnnxModule bad = Onnx.read(model(17, "", plain), "gemm.onnx");
        assertThatThrownBy(() -> bad.forward(Tensor.ones(4, 3))).isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("node 'fc' (Gemm)").hasMessageContaining("x [4, 3]").hasMessageContaining("w [2, 3]");
        Node pool = new Node("p", "MaxPool", "", List.of("x"), List.of("y"),
                Map.of("kernel_shape", Attribute.ofInts("kernel_shape", 2, 3)));
        assertThatThrownBy(() -> Onnx.read(model(17, "", pool), "pool.onnx").forward(Tensor.ones(4, 3)))
                .hasMessageContaining("node 'p' (MaxPool)");
    }

    @Test
    void anUndefinedInputIsNamed() {
        byte[] bad = model(17, "", new Node("fc", "Gemm", "", List.of("x", "nowhere"), List.of("y"), Map.of()));
        assertThatThrownBy(() -> Onnx.read(bad, "dangling.onnx")).hasMessageContaining("node 'fc' (Gemm)")
                .hasMessageContaining("'nowhere'");
    }

    @Test
    void notAModelAtAll() {
        assertThatThrownBy(() -> Onnx.read("plain text, not protobuf".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text.onnx")).isInstanceOf(OnnxFormatException.class).hasMessageContaining("text.onnx");
    }
}
