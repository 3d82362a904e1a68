package org.nabla.examples.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.nabla.examples.FashionCompression;
import org.nabla.examples.LeNet5;
import org.nabla.examples.LeNetCompression;
import org.nabla.layer.Conv2d;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.theory.ConvolutionalFeatureAnsatz;

/**
 * The LeNet-5 convolutional-ansatz correlations, fast (20 of the digits scaled to 28×28, untrained weights):
 * both in [0, 1], and conv2's is the one ConvolutionalFeatureAnsatz gives for conv2's input computed by hand.
 * The Fashion-MNIST run itself is quoted in docs/theory.md.
 */
class ConvAnsatzOnFashionExampleTest {
    @Test
    void correlationsOfBothConvolutionsOfLeNet5() {
        FashionCompression.Data d = FashionCompression.load(Path.of("target", "no-fashion-mnist-here"), true,
                new ArrayList<>());
        Tensor x = LeNetCompression.images(d)[0].features().slice(0, 0, 20);
        var model = LeNet5.model(new Rng(5));
        double[] rho = ConvAnsatzOnFashion.correlations(model, x);
        assertThat(rho).hasSize(2);
        for (double v : rho) {
            assertThat(v).isBetween(0.0, 1.0);
        }
        // conv2's input is maxpool(relu(conv1 x)); the rest of the network after it, by hand
        Conv2d conv2 = (Conv2d) model.get(3);
        Tensor h = model.get(2).forward(model.get(1).forward(model.get(0).forward(x)));
        Tensor agop = ConvolutionalFeatureAnsatz.patchAgop(h, conv2.weight().value(), conv2.bias().value(), 1, 0,
                z -> {
                    var y = z;
                    for (int i = 4; i < model.size(); i++) {
                        y = model.get(i).forward(y);
                    }
                    return y;
                });
        assertThat(rho[1]).isCloseTo(ConvolutionalFeatureAnsatz.ansatzCorrelation(conv2.weight().value(), agop, 0.5),
                within(1e-12));
    }
}
