package org.nabla.examples;

import java.util.Locale;
import org.nabla.activation.Tanh;
import org.nabla.autodiff.Variable;
import org.nabla.data.Synthetic;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.BinaryCrossEntropyWithLogits;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * XOR, the smallest problem a linear model cannot solve: no line separates {(0,1), (1,0)} from
 * {(0,0), (1,1)} (Minsky &amp; Papert, <i>Perceptrons</i>, 1969). One hidden layer suffices
 * (Goodfellow, Bengio &amp; Courville, <i>Deep Learning</i>, §6.1): here a 2 → 8 → 1 network
 * f(x) = w₂ᵀ tanh(W₁x + b₁) + b₂ whose output is a logit, trained on the four points with the binary
 * cross-entropy on logits ℓ = log(1 + e^(−f)) for y = 1, log(1 + e^(f)) for y = 0, by full-batch Adam
 * (η = 0.05, 300 steps). It prints p = σ(f(x)) for each point and the accuracy, 100%.
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.Xor}.
 */
public final class Xor {
    private Xor() {
    }

    /** Trains and returns the accuracy on the four points. */
    public static double run(boolean quick) {
        TensorDataset data = Synthetic.xor();
        Variable x = Variable.constant(data.features());
        Variable y = Variable.constant(data.targets().reshape(4, 1));
        Rng rng = new Rng(3);
        Sequential model = new Sequential(new Linear(2, 8, rng), new Tanh(), new Linear(8, 1, rng));
        Adam adam = Adam.builder(model.parameters()).learningRate(0.05).build();
        BinaryCrossEntropyWithLogits bce = new BinaryCrossEntropyWithLogits();
        int steps = 300;
        for (int step = 1; step <= steps; step++) {
            Variable loss = bce.forward(model.forward(x), y);
            if (step == 1 || step % 50 == 0) {
                System.out.printf(Locale.ROOT, "step %3d  loss %.6f%n", step, loss.item());
            }
            adam.step(loss.backward());
        }
        model.eval();
        Tensor p = model.forward(data.features()).sigmoid().reshape(4);
        int correct = 0;
        for (int i = 0; i < 4; i++) {
            int predicted = p.get(i) > 0.5 ? 1 : 0;
            correct += predicted == (int) data.targets().get(i) ? 1 : 0;
            System.out.printf(Locale.ROOT, "x = (%.0f, %.0f)  y = %.0f  p = %.4f  predicted %d%n",
                    data.features().get(i, 0), data.features().get(i, 1), data.targets().get(i), p.get(i), predicted);
        }
        double accuracy = correct / 4.0;
        System.out.printf(Locale.ROOT, "accuracy: %.2f%n", accuracy);
        return accuracy;
    }

    public static void main(String[] args) {
        run(args.length > 0 && args[0].equals("--quick"));
    }
}
