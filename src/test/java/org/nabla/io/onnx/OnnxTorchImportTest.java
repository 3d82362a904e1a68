package org.nabla.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.nabla.activation.GELU;
import org.nabla.activation.ReLU;
import org.nabla.activation.Softmax;
import org.nabla.autodiff.Parameter;
import org.nabla.io.Npz;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files written by torch.onnx.export (PyTorch 1.13, opset 17; src/test/resources/onnx/make_torch_onnx.py):
 * an MLP, a small CNN (Conv, MaxPool, Conv folded with BatchNorm, AvgPool, Flatten, Gemm,
 * LogSoftmax) and a TransformerEncoderLayer (MatMul, Shape, Gather, Slice, Reshape, Transpose,
 * Softmax, LayerNormalization, …), read into Nabla and run on the inputs PyTorch ran them on.
 */
class OnnxTorchImportTest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OnnxTorchImportTest.class);
    private static Map<String, Tensor> ref;

    @BeforeAll
    static void load() throws Exception {
        ref = Npz.read(resource("torch_outputs.npz"));
    }

    static Path resource(String name) throws Exception {
        return Paths.get(OnnxTorchImportTest.class.getResource("/onnx/" + name).toURI());
    }

    private static double check(String name) throws Exception {
        OnnxModule m = Onnx.read(resource("torch_" + name + ".onnx"));
        Tensor y = m.forward(ref.get(name + ".x"));
        Tensor expected = ref.get(name + ".y");
        assertThat(y.shape()).isEqualTo(expected.shape());
        double d = OrtRunner.relativeDifference(y, expected);
        LOG.info("torch_{}.onnx read into Nabla vs PyTorch, max |a − b| / max |b|: {}", name, String.format("%.1e", d));
        return d;
    }

    @Test
    void theMlpComputesWhatPyTorchComputed() throws Exception {
        assertThat(check("mlp")).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void theCnnComputesWhatPyTorchComputed() throws Exception {
        assertThat(check("cnn")).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void theTransformerEncoderLayerComputesWhatPyTorchComputed() throws Exception {
        assertThat(check("encoder")).isLessThanOrEqualTo(1e-12);
        OnnxModule m = Onnx.read(resource("torch_encoder.onnx"));
        assertThat(m.nodeOperators()).contains("Shape", "Gather", "Slice", "LayerNormalization", "Softmax");
        assertThat(m.namedParameters()).containsKeys("self_attn.in_proj_bias", "self_attn.out_proj.weight", "norm1.weight");
    }

    @Test
    void theMlpWeightsLoadIntoTheEquivalentNablaModuleByName() throws Exception {
        OnnxModule m = Onnx.read(resource("torch_mlp.onnx"));
        Rng rng = new Rng(1);
        Sequential nabla = new Sequential(new Linear(6, 8, rng), new ReLU(), new Linear(8, 8, rng), new GELU(),
                new Linear(8, 3, rng), new Softmax(1));
        Map<String, Parameter> imported = m.namedParameters();
        assertThat(imported.keySet()).containsExactlyElementsOf(nabla.namedParameters().keySet());
        nabla.namedParameters().forEach((k, p) -> p.set(imported.get(k).value()));
        Tensor y = nabla.forward(ref.get("mlp.x"));
        assertThat(OrtRunner.relativeDifference(y, ref.get("mlp.y"))).isLessThanOrEqualTo(1e-12);
        assertThat(y.equals(m.forward(ref.get("mlp.x")))).isTrue();
    }
}
