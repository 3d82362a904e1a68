package org.nabla.examples.theory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nabla.data.FashionMnist;
import org.nabla.data.TensorDataset;
import org.nabla.examples.FashionCompression;
import org.nabla.examples.LeNet5;
import org.nabla.examples.LeNetCompression;
import org.nabla.layer.Conv2d;
import org.nabla.layer.Sequential;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.theory.ConvolutionalFeatureAnsatz;

/**
 * The convolutional feature ansatz for LeNet-5 on Fashion-MNIST (Beaglehole, Radhakrishnan, Pandit &amp;
 * Belkin, arXiv 2309.00570): for each of the two convolutions, ρ(W̄ᵀW̄, patch AGOP^½) between the filter
 * covariance and the AGOP over the layer's input patches (the first 200 training images, every output
 * position, the gradients of all ten logits), at initialization and after training. The network and its
 * training are those of {@link LeNetCompression#train} (the first 10,000 training images, 3 epochs, Adam
 * η = 2·10⁻³); {@code --quick}: 1,000 images, one epoch. Without Fashion-MNIST the example says so and uses the
 * embedded digits, scaled to 28×28 as in {@link FashionCompression}.
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.ConvAnsatzOnFashion
 * -Dargs="[--quick] [DATA_DIR]"}.
 */
public final class ConvAnsatzOnFashion {
    /** Images over which the patch AGOP is averaged. */
    static final int AGOP_IMAGES = 200;

    private ConvAnsatzOnFashion() {
    }

    /**
     * ρ for the two convolutions, before and after training, the test accuracy and the printed lines.
     *
     * @param data which data were used ("fashion" or "digits")
     */
    public record Result(double[] before, double[] after, double testAccuracy, String data, List<String> lines) {
    }

    public static Result run(Path directory, boolean quick) {
        List<String> out = new ArrayList<>();
        FashionCompression.Data data = FashionCompression.load(directory, quick, out);
        TensorDataset[] xy = LeNetCompression.images(data);
        Tensor x = xy[0].features().slice(0, 0, Math.min(AGOP_IMAGES, xy[0].size()));
        double[] before = correlations(LeNet5.model(new Rng(5)), x);
        int epochs = quick ? 1 : 3;
        Sequential model = LeNetCompression.train(xy[0], epochs);
        double[] after = correlations(model, x);
        double correct = 0;
        for (int i = 0; i < xy[1].size(); i += 250) { // the test images in batches of 250
            int j = Math.min(i + 250, xy[1].size());
            correct += (j - i) * DigitsMlp.accuracy(model.forward(xy[1].features().slice(0, i, j)),
                    xy[1].targets().slice(0, i, j));
        }
        double accuracy = correct / xy[1].size();
        out.add(String.format(Locale.ROOT, "LeNet-5 on %s, %d epoch(s): rho(W^T W, patch AGOP^1/2) over %d images: "
                + "conv1 %.3f -> %.3f, conv2 %.3f -> %.3f; test accuracy %.4f", data.name(), epochs, x.dim(0),
                before[0], after[0], before[1], after[1], accuracy));
        return new Result(before, after, accuracy, data.name(), out);
    }

    /** ρ for conv1 (layer 0) and conv2 (layer 3) of a LeNet-5, patch AGOPs over the images x. */
    static double[] correlations(Sequential lenet, Tensor x) {
        List<Module> layers = lenet.layers();
        Conv2d conv1 = (Conv2d) layers.get(0);
        Conv2d conv2 = (Conv2d) layers.get(3);
        Sequential after1 = new Sequential(layers.subList(1, layers.size()));
        Sequential upTo2 = new Sequential(layers.subList(0, 3));
        Sequential after2 = new Sequential(layers.subList(4, layers.size()));
        Tensor agop1 = ConvolutionalFeatureAnsatz.patchAgop(x, conv1.weight().value(), conv1.bias().value(), 1, 2,
                after1::forward);
        Tensor agop2 = ConvolutionalFeatureAnsatz.patchAgop(upTo2.forward(x), conv2.weight().value(),
                conv2.bias().value(), 1, 0, after2::forward);
        return new double[] {ConvolutionalFeatureAnsatz.ansatzCorrelation(conv1.weight().value(), agop1, 0.5),
            ConvolutionalFeatureAnsatz.ansatzCorrelation(conv2.weight().value(), agop2, 0.5)};
    }

    /**
     * Prints the correlations.
     *
     * @param args {@code [--quick] [DATA_DIR]}
     */
    public static void main(String[] args) {
        boolean quick = false;
        Path dir = FashionMnist.DEBIAN_DIRECTORY;
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else {
                dir = Path.of(a);
            }
        }
        run(dir, quick).lines().forEach(System.out::println);
    }
}
