package org.nabla.examples.theory;

import java.util.List;
import java.util.Locale;
import org.nabla.activation.ReLU;
import org.nabla.autodiff.Variable;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.Split;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Conv2d;
import org.nabla.layer.Flatten;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.theory.ConvolutionalFeatureAnsatz;
import org.nabla.train.Progress;
import org.nabla.train.Trainer;

/**
 * The convolutional feature ansatz on the digits (Beaglehole, Radhakrishnan, Pandit &amp; Belkin,
 * arXiv 2309.00570): a network conv 3×3 (1 → 16, padding 1) → ReLU → conv 3×3 (16 → 16, padding 1) → ReLU →
 * flatten → linear 1024 → 10 on the 8×8 digits, trained by Adam on cross-entropy; for each convolution the
 * correlation ρ(W̄ᵀW̄, patch AGOP^½) between its filter covariance and the AGOP over its input patches
 * (training images, all positions), before and after training.
 * Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.ConvAnsatzOnDigits}
 * ({@code -Dargs=--quick}: 300 digits, 2 epochs).
 */
public final class ConvAnsatzOnDigits {
    private ConvAnsatzOnDigits() {
    }

    /** ρ for the two convolutions, before and after training, and the test accuracy. */
    public record Result(double[] before, double[] after, double testAccuracy) {
    }

    public static Result run(boolean quick) {
        Split<TensorDataset> split = Digits.trainTest(0.8, 42);
        TensorDataset train = images(split.train());
        if (quick) {
            train = train.subset(java.util.stream.IntStream.range(0, 300).toArray());
        }
        TensorDataset test = images(split.test());
        Rng rng = new Rng(3);
        Conv2d c1 = new Conv2d(1, 16, 3, 1, 1, 1, 1, true, rng);
        Conv2d c2 = new Conv2d(16, 16, 3, 1, 1, 1, 1, true, rng);
        Linear head = new Linear(16 * 64, 10, rng);
        Sequential model = new Sequential(c1, new ReLU(), c2, new ReLU(), new Flatten(), head);
        Tensor x = train.features().slice(0, 0, Math.min(500, train.size()));
        double[] before = correlations(c1, c2, head, x);
        Adam adam = Adam.builder(model.parameters()).learningRate(1e-3).build();
        Trainer.builder(model, new CrossEntropy(), adam).classes(10).epochs(quick ? 2 : 15).progress(Progress.silent())
                .build().fit(DataLoader.shuffled(train, 32, 4));
        double[] after = correlations(c1, c2, head, x);
        double accuracy = DigitsMlp.accuracy(model.forward(test.features()), test.targets());
        System.out.printf(Locale.ROOT, "rho(W^T W, patch AGOP^1/2): conv1 %.3f -> %.3f, conv2 %.3f -> %.3f; "
                + "test accuracy %.4f%n", before[0], after[0], before[1], after[1], accuracy);
        return new Result(before, after, accuracy);
    }

    /** ρ for both convolutions at the current weights, patch AGOPs over the images x. */
    private static double[] correlations(Conv2d c1, Conv2d c2, Linear head, Tensor x) {
        Tensor w1 = c1.weight().value();
        Tensor w2 = c2.weight().value();
        Tensor b2 = c2.bias().value();
        int n = x.dim(0);
        // after conv1: ReLU → conv2 → ReLU → flatten → head; after conv2: ReLU → flatten → head
        java.util.function.Function<Variable, Variable> afterConv2 = z -> head.forward(z.relu().reshape(n, -1));
        java.util.function.Function<Variable, Variable> afterConv1 = z -> afterConv2.apply(
                Conv2d.conv2d(z.relu(), Variable.constant(w2), Variable.constant(b2), new int[] {1, 1},
                        new int[] {1, 1}, new int[] {1, 1}, 1));
        Tensor agop1 = ConvolutionalFeatureAnsatz.patchAgop(x, w1, c1.bias().value(), 1, 1, afterConv1);
        Tensor h1 = c1.forward(x).map(v -> Math.max(v, 0));
        Tensor agop2 = ConvolutionalFeatureAnsatz.patchAgop(h1, w2, b2, 1, 1, afterConv2);
        return new double[] {ConvolutionalFeatureAnsatz.ansatzCorrelation(w1, agop1, 0.5),
            ConvolutionalFeatureAnsatz.ansatzCorrelation(w2, agop2, 0.5)};
    }

    private static TensorDataset images(TensorDataset flat) {
        return new TensorDataset(flat.features().reshape(flat.size(), 1, 8, 8), flat.targets());
    }

    public static void main(String[] args) {
        run(args.length > 0 && args[0].equals("--quick"));
    }
}
