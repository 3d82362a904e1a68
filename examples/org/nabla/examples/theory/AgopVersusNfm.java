package org.nabla.examples.theory;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.nabla.autodiff.Variable;
import org.nabla.data.Digits;
import org.nabla.data.Split;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Tensor;
import org.nabla.theory.Agop;
import org.nabla.theory.MultilayerPerceptron;
import org.nabla.theory.NeuralFeatureAnsatz;
import org.nabla.theory.ScalarActivation;
import org.nabla.viz.Figure;
import org.nabla.viz.HeatMap;

/**
 * The Neural Feature Ansatz on the digits (Radhakrishnan, Beaglehole, Pandit &amp; Belkin, Science 383,
 * 2024, eq. 1): after training f(x) = W₂ relu(W₁x + b₁) + b₂, the neural feature matrix W₁ᵀW₁ should
 * be close to a power of AGOP(f) = (1/n) Σᵢ Σ_c ∇ₓf_c(xᵢ)∇ₓf_c(xᵢ)ᵀ, measured by
 * ρ(A, B) = ⟨A, B⟩_F / (‖A‖_F‖B‖_F). Both are 64×64 matrices over the pixels; their diagonals, drawn
 * as 8×8 images, show which pixels the network uses.
 *
 * <p>Writes {@code target/theory/agop-nfm.png} (mean digit, diag W₁ᵀW₁, diag AGOP, and the two full
 * matrices) and prints ρ(W₁ᵀW₁, AGOP^α) for α = ½ and 1, trained and at initialization.
 * Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.AgopVersusNfm}
 * (add {@code -Dargs=--quick} for a few-second smoke run).
 */
public final class AgopVersusNfm {
    private AgopVersusNfm() {
    }

    /** The correlations the example reports. */
    public record Result(double rhoSqrt, double rhoLinear, double rhoSqrtAtInit, double testAccuracy) {
    }

    public static Result run(boolean quick, Path png) throws Exception {
        Split<TensorDataset> split = Digits.trainTest(0.8, 42);
        TensorDataset train = split.train();
        TensorDataset test = split.test();
        int epochs = quick ? 3 : 40;
        int hidden = 128;
        Sequential init = DigitsMlp.train(train, hidden, 0, 11);
        Sequential model = DigitsMlp.train(train, hidden, epochs, 11);
        double accuracy = DigitsMlp.accuracy(model.forward(test.features()), test.targets());

        List<Tensor> weights = DigitsMlp.weights(model);
        Function<Variable, Variable> f = MultilayerPerceptron.of(weights, ScalarActivation.RELU);
        Tensor x = quick ? train.features().slice(0, 0, 300) : train.features();
        Tensor agop = Agop.of(f, x);
        Tensor nfm = NeuralFeatureAnsatz.neuralFeatureMatrix(weights.get(0));
        Tensor nfmInit = NeuralFeatureAnsatz.neuralFeatureMatrix(DigitsMlp.weights(init).get(0));
        Tensor agopSqrt = NeuralFeatureAnsatz.matrixPower(agop, 0.5);
        double rhoSqrt = NeuralFeatureAnsatz.correlation(nfm, agopSqrt);
        double rhoLinear = NeuralFeatureAnsatz.correlation(nfm, agop);
        double rhoInit = NeuralFeatureAnsatz.correlation(nfmInit, agopSqrt);
        System.out.printf(Locale.ROOT, "MLP 64-%d-10 (relu), %d epochs: test accuracy %.4f%n", hidden, epochs, accuracy);
        System.out.printf(Locale.ROOT, "rho(W1^T W1, AGOP^1/2) = %.4f   rho(W1^T W1, AGOP) = %.4f%n", rhoSqrt, rhoLinear);
        System.out.printf(Locale.ROOT, "at initialization: rho(W1^T W1, AGOP^1/2 of the trained net) = %.4f%n", rhoInit);

        Tensor eye = Tensor.eye(64);
        Tensor diagNfm = nfm.mul(eye).sum(1).reshape(8, 8);
        Tensor diagAgop = agop.mul(eye).sum(1).reshape(8, 8);
        Figure.row(panel("mean training digit", train.features().mean(0).reshape(8, 8)),
                panel("diag W1^T W1 (8x8)", diagNfm),
                panel("diag AGOP (8x8)", diagAgop),
                panel(String.format(Locale.ROOT, "W1^T W1 (64x64), rho=%.2f", rhoSqrt), nfm),
                panel("AGOP^1/2 (64x64)", agopSqrt))
                .writePng(png);
        System.out.println("heat maps written to " + png);
        return new Result(rhoSqrt, rhoLinear, rhoInit, accuracy);
    }

    /** One heat map panel of the figure. */
    private static HeatMap panel(String title, Tensor matrix) {
        return HeatMap.of(matrix).title(title).size(300, 280);
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick, Path.of("target", "theory", "agop-nfm.png"));
    }
}
