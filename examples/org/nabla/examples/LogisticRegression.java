package org.nabla.examples;

import java.util.Locale;
import org.nabla.autodiff.Variable;
import org.nabla.data.Synthetic;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.loss.BinaryCrossEntropyWithLogits;
import org.nabla.optim.SGD;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Logistic regression (Bishop, <i>Pattern Recognition and Machine Learning</i>, §4.3.2): the model
 * p(y = 1 | x) = σ(wᵀx + b), fitted by minimizing the mean binary cross-entropy
 * ℓ = −[y log σ(f) + (1 − y) log(1 − σ(f))], computed stably from the logit f as
 * max(f, 0) − y f + log(1 + e^(−|f|)) ({@link BinaryCrossEntropyWithLogits}); its gradient is
 * (1/n) Σ (σ(fᵢ) − yᵢ) xᵢ. Full-batch gradient descent ({@link SGD}, η = 1).
 *
 * <p>The data are the two moons ({@link Synthetic#twoMoons}, noise 0.1): 400 training and 400 test
 * points. They are <i>not</i> linearly separable, so a linear classifier levels off near 87% test
 * accuracy; the point of the example is what a linear boundary can and cannot do (compare
 * {@link LbfgsVsAdam}, where a 2-16-2 network fits the same moons).
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.LogisticRegression}.
 */
public final class LogisticRegression {
    private LogisticRegression() {
    }

    /** Trains and returns the test accuracy. */
    public static double run(boolean quick) {
        TensorDataset train = Synthetic.twoMoons(400, 0.1, 1);
        TensorDataset test = Synthetic.twoMoons(400, 0.1, 2);
        Linear model = new Linear(2, 1, new Rng(5));
        SGD sgd = SGD.builder(model.parameters()).learningRate(1.0).build();
        BinaryCrossEntropyWithLogits bce = new BinaryCrossEntropyWithLogits();
        Variable x = Variable.constant(train.features());
        Variable y = Variable.constant(train.targets().reshape(train.size(), 1));
        int steps = quick ? 200 : 1000;
        for (int step = 1; step <= steps; step++) {
            Variable loss = bce.forward(model.forward(x), y);
            if (step == 1 || step % (steps / 5) == 0) {
                System.out.printf(Locale.ROOT, "step %4d  loss %.6f  train accuracy %.4f%n", step, loss.item(),
                        accuracy(model, train));
            }
            sgd.step(loss.backward());
        }
        Tensor w = model.weight().value();
        System.out.printf(Locale.ROOT, "decision boundary: %.4f x₁ + %.4f x₂ + %.4f = 0%n", w.get(0, 0), w.get(0, 1),
                model.bias().value().get(0));
        double acc = accuracy(model, test);
        System.out.printf(Locale.ROOT, "train accuracy: %.4f%ntest accuracy: %.4f%n", accuracy(model, train), acc);
        return acc;
    }

    /** Fraction of points with (f(x) > 0) == y. */
    static double accuracy(Linear model, TensorDataset data) {
        double[] f = model.forward(data.features()).toArray();
        double[] y = data.targets().toArray();
        int correct = 0;
        for (int i = 0; i < f.length; i++) {
            correct += (f[i] > 0 ? 1 : 0) == (int) y[i] ? 1 : 0;
        }
        return (double) correct / f.length;
    }

    public static void main(String[] args) {
        run(args.length > 0 && args[0].equals("--quick"));
    }
}
