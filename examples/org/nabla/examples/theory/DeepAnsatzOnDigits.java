package org.nabla.examples.theory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nabla.activation.ReLU;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.Split;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.viz.Figure;
import org.nabla.viz.HeatMap;
import org.nabla.theory.DeepNeuralFeatureAnsatz;
import org.nabla.theory.NeuralFeatureAnsatz;
import org.nabla.theory.ScalarActivation;
import org.nabla.train.Progress;
import org.nabla.train.Trainer;

/**
 * The Deep Neural Feature Ansatz layer by layer on the digits (Beaglehole, Radhakrishnan, Pandit &amp;
 * Belkin, arXiv 2212.13881): an MLP 64–128–128–10 (ReLU) trained by Adam on cross-entropy, and for
 * every layer ℓ the correlation ρ(W_ℓᵀW_ℓ, AGOP_ℓ^α), α = ½ and 1, the AGOP taken with respect to the
 * layer's input over the training digits, at initialization and after each block of epochs.
 *
 * <p>Writes {@code target/theory/deep-ansatz.png}: W_ℓᵀW_ℓ and AGOP_ℓ^½ of the first two layers after
 * training. Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.DeepAnsatzOnDigits}
 * ({@code -Dargs=--quick}: 300 digits, 2 epochs).
 */
public final class DeepAnsatzOnDigits {
    private DeepAnsatzOnDigits() {
    }

    /** ρ per layer (rows: reports; columns: layers) for α = ½, and the final test accuracy. */
    public record Result(double[][] rhoSqrt, double[][] rhoLinear, double testAccuracy) {
    }

    public static Result run(boolean quick, Path png) throws Exception {
        Split<TensorDataset> split = Digits.trainTest(0.8, 42);
        TensorDataset train = quick ? split.train().subset(java.util.stream.IntStream.range(0, 300).toArray())
                : split.train();
        Rng rng = new Rng(5);
        Sequential model = new Sequential(new Linear(64, 128, rng), new ReLU(), new Linear(128, 128, rng), new ReLU(),
                new Linear(128, 10, rng));
        int blocks = quick ? 1 : 4;
        int epochsPerBlock = quick ? 2 : 10;
        List<double[]> sqrt = new ArrayList<>();
        List<double[]> linear = new ArrayList<>();
        Tensor x = train.features();
        System.out.println("epoch   ρ(W_l^T W_l, AGOP_l^1/2) for l = 1, 2, 3    ρ(·, AGOP_l) for l = 1, 2, 3");
        for (int b = 0; b <= blocks; b++) {
            if (b > 0) {
                Adam adam = Adam.builder(model.parameters()).learningRate(3e-3).build();
                Trainer.builder(model, new CrossEntropy(), adam).classes(10).epochs(epochsPerBlock)
                        .progress(Progress.silent()).build().fit(DataLoader.shuffled(train, 32, 100 + b));
            }
            List<Tensor> w = DigitsMlp.weights(model);
            double[] rs = DeepNeuralFeatureAnsatz.correlations(w, ScalarActivation.RELU, x, 0.5);
            double[] rl = DeepNeuralFeatureAnsatz.correlations(w, ScalarActivation.RELU, x, 1.0);
            sqrt.add(rs);
            linear.add(rl);
            System.out.printf(Locale.ROOT, "%5d   %.3f  %.3f  %.3f                          %.3f  %.3f  %.3f%n",
                    b * epochsPerBlock, rs[0], rs[1], rs[2], rl[0], rl[1], rl[2]);
        }
        Tensor logits = model.forward(split.test().features());
        double accuracy = DigitsMlp.accuracy(logits, split.test().targets());
        System.out.printf(Locale.ROOT, "test accuracy %.4f%n", accuracy);
        if (png != null) {
            List<Tensor> w = DigitsMlp.weights(model);
            List<HeatMap> panels = new ArrayList<>();
            for (int l = 0; l < 2; l++) {
                panels.add(HeatMap.of(NeuralFeatureAnsatz.neuralFeatureMatrix(w.get(2 * l)))
                        .title("W" + (l + 1) + "^T W" + (l + 1)));
                panels.add(HeatMap.of(NeuralFeatureAnsatz.matrixPower(
                        DeepNeuralFeatureAnsatz.layerAgop(w, ScalarActivation.RELU, x, l), 0.5))
                        .title("AGOP" + (l + 1) + "^1/2"));
            }
            Figure.grid(2, panels.toArray(new HeatMap[0])).write(png);
        }
        return new Result(sqrt.toArray(new double[0][]), linear.toArray(new double[0][]), accuracy);
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick, Path.of("target", "theory", "deep-ansatz.png"));
    }
}
