package org.nabla.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.nabla.activation.ELU;
import org.nabla.activation.GELU;
import org.nabla.activation.Hardtanh;
import org.nabla.activation.Identity;
import org.nabla.activation.LeakyReLU;
import org.nabla.activation.LogSigmoid;
import org.nabla.activation.LogSoftmax;
import org.nabla.activation.Mish;
import org.nabla.activation.PReLU;
import org.nabla.activation.ReLU;
import org.nabla.activation.SELU;
import org.nabla.activation.SiLU;
import org.nabla.activation.Sigmoid;
import org.nabla.activation.Softmax;
import org.nabla.activation.Softplus;
import org.nabla.activation.Tanh;
import org.nabla.layer.AdaptiveAvgPool2d;
import org.nabla.layer.AvgPool2d;
import org.nabla.layer.BatchNorm1d;
import org.nabla.layer.BatchNorm2d;
import org.nabla.layer.Conv1d;
import org.nabla.layer.Conv2d;
import org.nabla.layer.Dropout;
import org.nabla.layer.Embedding;
import org.nabla.layer.Flatten;
import org.nabla.layer.LayerNorm;
import org.nabla.layer.Linear;
import org.nabla.layer.MaxPool2d;
import org.nabla.module.Module;
import org.nabla.layer.MultiHeadAttention;
import org.nabla.layer.Sequential;
import org.nabla.layer.TransformerEncoderLayer;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every exportable module, exported and run in ONNX Runtime on the same input as in Nabla; and the
 * exported file read back into Nabla, which must give the original's output to the last bit.
 */
class OnnxModulesTest {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxModulesTest.class);

    /** A module, an input, and whether ONNX Runtime's CPU provider has double kernels for its operators. */
    record Case(String name, Module module, Tensor input, boolean ortDouble) {
    }

    static List<Case> cases() {
        Rng rng = new Rng(20);
        Tensor v = Tensor.randn(rng, 4, 6);
        Tensor img = Tensor.randn(rng, 2, 3, 8, 8);
        Tensor seq = Tensor.randn(rng, 2, 3, 10);
        Tensor tokens = Tensor.randn(rng, 5, 2, 8);
        List<Case> c = new ArrayList<>();
        c.add(new Case("Linear", new Linear(6, 5, rng), v, true));
        c.add(new Case("Linear without bias", new Linear(6, 5, false, rng), v, true));
        c.add(new Case("Linear on rank 3", new Linear(8, 4, rng), tokens, true));
        c.add(new Case("Conv2d", new Conv2d(3, 4, 3, rng), img, false));
        c.add(new Case("Conv2d 3x5 strided dilated grouped", Conv2d.builder(3, 6, 3, 5).stride(2, 1).padding(1, 2)
                .dilation(1, 2).groups(3).rng(rng).build(), img, false));
        c.add(new Case("Conv2d same even kernel", Conv2d.builder(3, 2, 4, 2).padding("same").rng(rng).build(), img, false));
        c.add(new Case("Conv2d reflect", Conv2d.builder(3, 2, 3, 3).padding(1, 2).paddingMode("reflect").rng(rng).build(),
                img, false));
        c.add(new Case("Conv2d replicate", Conv2d.builder(3, 2, 3, 3).stride(2, 2).padding(2, 1).paddingMode("replicate")
                .rng(rng).build(), img, false));
        c.add(new Case("Conv2d circular same", Conv2d.builder(3, 2, 4, 3).padding("same").paddingMode("circular").rng(rng)
                .build(), img, false));
        c.add(new Case("Conv1d", Conv1d.builder(3, 4, 3).stride(2).padding(1).rng(rng).build(), seq, false));
        c.add(new Case("Conv1d same reflect", Conv1d.builder(3, 2, 4).padding("same").paddingMode("reflect").rng(rng)
                .build(), seq, false));
        c.add(new Case("Conv1d circular", Conv1d.builder(3, 2, 5).padding(2).paddingMode("circular").rng(rng).build(),
                seq, false));
        c.add(new Case("MaxPool2d", new MaxPool2d(3, 2, 1), img, true));
        c.add(new Case("AvgPool2d", new AvgPool2d(3, 2, 1), img, false));
        c.add(new Case("AdaptiveAvgPool2d 1x1", new AdaptiveAvgPool2d(1, 1), img, false));
        c.add(new Case("AdaptiveAvgPool2d 3x2", new AdaptiveAvgPool2d(3, 2), img, true));
        c.add(new Case("Flatten", new Flatten(), img, true));
        c.add(new Case("BatchNorm2d", trainedBatchNorm2d(rng), img, true));
        c.add(new Case("BatchNorm1d", trainedBatchNorm1d(rng), v, true));
        c.add(new Case("LayerNorm", new LayerNorm(6), v, true));
        c.add(new Case("LayerNorm over two axes", new LayerNorm(8, 8), img, true));
        c.add(new Case("Dropout", new Dropout(0.5, rng), v, true));
        c.add(new Case("Embedding", new Embedding(7, 3, rng), Tensor.of(new int[] {2, 3}, 0, 6, 2, 2, 5, 1), true));
        c.add(new Case("ReLU", new ReLU(), v, true));
        c.add(new Case("LeakyReLU", new LeakyReLU(0.1), v, true));
        c.add(new Case("PReLU", new PReLU(), v, true));
        c.add(new Case("PReLU per channel", new PReLU(3, 0.2), img, true));
        c.add(new Case("ELU", new ELU(0.7), v, false));
        c.add(new Case("SELU", new SELU(), v, false));
        c.add(new Case("Sigmoid", new Sigmoid(), v, true));
        c.add(new Case("Tanh", new Tanh(), v, true));
        c.add(new Case("Softplus", new Softplus(), v, false));
        c.add(new Case("Softplus beta 2", new Softplus(2, 1), v, false));
        c.add(new Case("Hardtanh", new Hardtanh(-0.5, 0.8), v, true));
        c.add(new Case("Identity", new Identity(), v, true));
        c.add(new Case("GELU", new GELU(), v, false));
        c.add(new Case("GELU tanh", new GELU(GELU.Approximation.TANH), v, true));
        c.add(new Case("SiLU", new SiLU(), v, true));
        c.add(new Case("Mish", new Mish(), v, false));
        c.add(new Case("LogSigmoid", new LogSigmoid(), v, false));
        c.add(new Case("Softmax", new Softmax(1), v, true));
        c.add(new Case("LogSoftmax", new LogSoftmax(), v, true));
        c.add(new Case("MultiHeadAttention", new MultiHeadAttention(8, 2, rng), tokens, true));
        c.add(new Case("MultiHeadAttention batch first", new MultiHeadAttention(8, 4, true, rng), tokens, true));
        c.add(new Case("TransformerEncoderLayer", TransformerEncoderLayer.builder(8, 2).feedForward(16).rng(rng).build(),
                tokens, true));
        c.add(new Case("TransformerEncoderLayer pre-norm GELU", TransformerEncoderLayer.builder(8, 2).feedForward(12)
                .normFirst(true).activation(GELU::gelu).batchFirst(true).rng(rng).build(), tokens, false));
        c.add(new Case("Sequential", new Sequential(new Linear(6, 4, rng), new Tanh(), new Linear(4, 2, rng)), v, true));
        return c;
    }

    private static BatchNorm2d trainedBatchNorm2d(Rng rng) {
        BatchNorm2d b = new BatchNorm2d(3);
        b.setRunningStatistics(Tensor.randn(rng, 3).mul(0.2), Tensor.uniform(rng, 0.5, 1.5, 3));
        b.weight().set(Tensor.uniform(rng, 0.5, 1.5, 3));
        b.bias().set(Tensor.randn(rng, 3));
        return b;
    }

    private static BatchNorm1d trainedBatchNorm1d(Rng rng) {
        BatchNorm1d b = new BatchNorm1d(6);
        b.setRunningStatistics(Tensor.randn(rng, 6).mul(0.2), Tensor.uniform(rng, 0.5, 1.5, 6));
        return b;
    }

    @Test
    void onnxRuntimeComputesWhatNablaComputes() throws Exception {
        StringBuilder report = new StringBuilder();
        for (Case c : cases()) {
            c.module().eval();
            Tensor expected = c.module().forward(c.input());
            boolean indices = c.module() instanceof Embedding;
            byte[] file = Onnx.toBytes(c.module(), c.input(), Onnx.Precision.DOUBLE);
            if (c.ortDouble()) {
                double d = OrtRunner.relativeDifference(OrtRunner.run(file, c.input(), indices ? OrtRunner.Feed.INT64
                        : OrtRunner.Feed.DOUBLE), expected);
                report.append(String.format("%-40s double %.1e%n", c.name(), d));
                assertThat(d).as(c.name() + " in double").isLessThanOrEqualTo(1e-12);
            } else {
                assertThatThrownBy(() -> OrtRunner.run(file, c.input(), OrtRunner.Feed.DOUBLE)).as(c.name())
                        .hasMessageContaining("NOT_IMPLEMENTED");
            }
            byte[] file32 = Onnx.toBytes(c.module(), c.input(), Onnx.Precision.FLOAT);
            double f = OrtRunner.relativeDifference(OrtRunner.run(file32, c.input(), indices ? OrtRunner.Feed.INT64
                    : OrtRunner.Feed.FLOAT), expected);
            report.append(String.format("%-40s float  %.1e%n", c.name(), f));
            assertThat(f).as(c.name() + " in float").isLessThanOrEqualTo(1e-5);
        }
        LOG.info("ONNX Runtime vs Nabla, max |a − b| / max |b|:\n{}", report);
    }

    @Test
    void theExportedFileReadBackComputesTheSameBits() {
        for (Case c : cases()) {
            c.module().eval();
            Tensor expected = c.module().forward(c.input());
            OnnxModule back = Onnx.read(Onnx.toBytes(c.module(), c.input(), Onnx.Precision.DOUBLE), c.name());
            assertThat(back.forward(c.input()).equals(expected)).as(c.name()).isTrue();
            // a float32 file holds the weights rounded to float: close, not equal
            OnnxModule back32 = Onnx.read(Onnx.toBytes(c.module(), c.input(), Onnx.Precision.FLOAT), c.name());
            assertThat(OrtRunner.relativeDifference(back32.forward(c.input()), expected)).as(c.name()).isLessThan(1e-5);
        }
    }

    @Test
    void theStateDictNamesBecomeTheImportedParameters() {
        Rng rng = new Rng(4);
        Sequential model = new Sequential(new Linear(3, 4, rng), new ReLU(), new Linear(4, 2, rng));
        OnnxModule back = Onnx.read(Onnx.toBytes(model, Tensor.randn(rng, 2, 3), Onnx.Precision.DOUBLE), "mlp");
        assertThat(back.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(back.namedParameters().get("2.weight").value().equals(model.get(2).parameters().get(0).value())).isTrue();
        assertThat(back.nodeOperators()).containsExactly("Gemm", "Relu", "Gemm", "Identity");
        assertThat(back.opset()).isEqualTo(17);
        BatchNorm2d bn = trainedBatchNorm2d(rng);
        OnnxModule bnBack = Onnx.read(Onnx.toBytes(bn, Tensor.randn(rng, 1, 3, 2, 2), Onnx.Precision.DOUBLE), "bn");
        assertThat(bnBack.namedParameters().keySet()).containsExactly("weight", "bias", "running_mean", "running_var");
    }

    @Test
    void anImportedModelTrains() {
        // the interpreter is made of Nabla operations, so gradients flow to the imported parameters
        Rng rng = new Rng(8);
        Sequential model = new Sequential(new Linear(3, 4, rng), new Tanh(), new Linear(4, 1, rng));
        Tensor x = Tensor.randn(rng, 5, 3);
        OnnxModule back = Onnx.read(Onnx.toBytes(model, x, Onnx.Precision.DOUBLE), "mlp");
        org.nabla.autodiff.Gradients g = back.forward(org.nabla.autodiff.Variable.constant(x)).square().sum().backward();
        org.nabla.autodiff.Gradients h = model.forward(org.nabla.autodiff.Variable.constant(x)).square().sum().backward();
        for (int i = 0; i < 4; i++) {
            assertThat(g.of(back.parameters().get(i)).equals(h.of(model.parameters().get(i)))).isTrue();
        }
    }

    @Test
    void aModuleWithoutAnOnnxFormIsNamed() {
        Rng rng = new Rng(1);
        Sequential model = new Sequential(new Linear(3, 3, rng), new org.nabla.layer.LSTM(3, 2, rng));
        assertThatThrownBy(() -> Onnx.toBytes(model, Tensor.randn(rng, 2, 4, 3), Onnx.Precision.DOUBLE))
                .hasMessageContaining("LSTM").hasMessageContaining("'1'").hasMessageContaining("supported");
    }
}
