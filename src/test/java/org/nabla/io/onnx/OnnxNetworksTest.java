package org.nabla.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nabla.activation.ReLU;
import org.nabla.data.Digits;
import org.nabla.examples.LeNet5;
import org.nabla.layer.LayerNorm;
import org.nabla.layer.Linear;
import org.nabla.module.Module;
import org.nabla.layer.Sequential;
import org.nabla.layer.TransformerEncoder;
import org.nabla.layer.TransformerEncoderLayer;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three whole networks through ONNX: the digits MLP of examples/DigitsClassifier, LeNet-5 of
 * examples/LeNet5 and a two-layer Transformer encoder — in ONNX Runtime on the same inputs as in
 * Nabla, and read back from the file.
 */
class OnnxNetworksTest {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxNetworksTest.class);

    @TempDir
    Path dir;

    static Sequential digitsMlp(Rng rng) {
        return new Sequential(new Linear(64, 128, rng), new ReLU(), new Linear(128, 64, rng), new ReLU(),
                new Linear(64, 10, rng));
    }

    static TransformerEncoder encoder(Rng rng) {
        TransformerEncoderLayer.Builder b = TransformerEncoderLayer.builder(16, 4).feedForward(32).rng(rng);
        return new TransformerEncoder(List.of(b.build(), b.build()), new LayerNorm(16));
    }

    private double[] roundTrip(String name, Module model, Tensor x, boolean ortDouble) throws Exception {
        model.eval();
        Tensor expected = model.forward(x);
        Path file = dir.resolve(name + ".onnx");
        Path file32 = dir.resolve(name + "32.onnx");
        Onnx.export(model, x, file);
        Onnx.export(model, x, file32, Onnx.Precision.FLOAT);
        assertThat(Onnx.read(file).forward(x).equals(expected)).as(name + " read back").isTrue();
        byte[] bytes = Files.readAllBytes(file);
        double d = ortDouble ? OrtRunner.relativeDifference(OrtRunner.run(bytes, x, OrtRunner.Feed.DOUBLE), expected)
                : Double.NaN;
        double f = OrtRunner.relativeDifference(OrtRunner.run(Files.readAllBytes(file32), x, OrtRunner.Feed.FLOAT), expected);
        LOG.info("{}: ONNX Runtime vs Nabla, max |a − b| / max |b|: double {}, float {} ({} bytes)", name,
                ortDouble ? String.format("%.1e", d) : "not run (no double kernel)", String.format("%.1e", f), bytes.length);
        return new double[] {d, f};
    }

    @Test
    void theDigitsMlp() throws Exception {
        Tensor x = Digits.trainTest(0.8, 42).test().features().slice(0, 0, 32);
        double[] r = roundTrip("digits-mlp", digitsMlp(new Rng(7)), x, true);
        assertThat(r[0]).isLessThanOrEqualTo(1e-12);
        assertThat(r[1]).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void leNet5() throws Exception {
        // ONNX Runtime's CPU provider has no double Conv kernel: compared in float32
        Tensor x = Tensor.randn(new Rng(3), 4, 1, 28, 28);
        Module net = LeNet5.model(new Rng(5));
        assertThatThrownBy(() -> OrtRunner.run(Onnx.toBytes(net, x, Onnx.Precision.DOUBLE), x, OrtRunner.Feed.DOUBLE))
                .hasMessageContaining("Conv");
        double[] r = roundTrip("lenet5", net, x, false);
        assertThat(r[1]).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void aTwoLayerTransformerEncoder() throws Exception {
        Tensor x = Tensor.randn(new Rng(11), 6, 3, 16);
        double[] r = roundTrip("encoder", encoder(new Rng(13)), x, true);
        assertThat(r[0]).isLessThanOrEqualTo(1e-12);
        assertThat(r[1]).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void exportLeavesTheTrainingModeAsItWas() {
        Sequential model = digitsMlp(new Rng(1));
        Onnx.toBytes(model, Tensor.zeros(2, 64), Onnx.Precision.DOUBLE);
        assertThat(model.isTraining()).isTrue();
    }
}
