package org.nabla.examples.course;

import java.io.PrintStream;
import java.util.Locale;
import org.nabla.activation.LogSoftmax;
import org.nabla.autodiff.Variable;
import org.nabla.loss.CrossEntropy;
import org.nabla.loss.MeanSquaredError;
import org.nabla.tensor.Tensor;

/**
 * Course chapter 3, loss and empirical risk: the mean squared error as a Gaussian negative
 * log-likelihood, and cross-entropy as the negative log-likelihood of a categorical model.
 * Every method body is quoted verbatim in {@code docs/course/03-loss.md}.
 */
public final class Chapter3 {
    private Chapter3() {
    }

    /** §3.1 Empirical risk with the squared loss, by hand and by the library. */
    public static void meanSquaredError(PrintStream out) {
        Tensor prediction = Tensor.of(2.5, 0.0, 2.0, 8.0);
        Tensor target = Tensor.of(3.0, -0.5, 2.0, 7.0);
        double byHand = prediction.sub(target).square().sum().item() / 4;    // (1/n) Σᵢ (ŷᵢ − yᵢ)²
        double byLibrary = new MeanSquaredError().forward(prediction, target).item();
        out.printf(Locale.ROOT, "MSE by hand %.4f, by MeanSquaredError %.4f%n", byHand, byLibrary);
        // Gaussian likelihood p(y | ŷ) = N(y; ŷ, σ²): −(1/n) Σ log p = MSE/(2σ²) + ½ log(2πσ²)
        double sigma = 1.0;
        double nll = prediction.sub(target).square().div(2 * sigma * sigma).add(0.5 * Math.log(2 * Math.PI))
                .mean().item();
        out.printf(Locale.ROOT, "Gaussian NLL %.4f = MSE/2 + log(2π)/2 = %.4f%n", nll,
                byLibrary / 2 + 0.5 * Math.log(2 * Math.PI));
    }

    /** §3.2 Cross-entropy is the negative log-likelihood of the softmax model. */
    public static void crossEntropy(PrintStream out) {
        Tensor logits = Tensor.of(new double[][] {{2.0, 1.0, 0.1}, {0.5, 2.5, 0.3}});
        int[] labels = {0, 2};
        Tensor logProbabilities = LogSoftmax.logSoftmax(Variable.constant(logits), 1).value();
        double nll = -(logProbabilities.get(0, labels[0]) + logProbabilities.get(1, labels[1])) / 2;
        double ce = new CrossEntropy().forward(Variable.constant(logits), labels).item();
        out.printf(Locale.ROOT, "log p(y | x): %.4f, %.4f%n", logProbabilities.get(0, 0), logProbabilities.get(1, 2));
        out.printf(Locale.ROOT, "−mean log p = %.4f, CrossEntropy = %.4f%n", nll, ce);
        // the naive form log(Σ exp) overflows; log-softmax subtracts the maximum first
        Tensor huge = Tensor.of(new double[][] {{1000.0, 0.0}});
        out.println("naive log-sum-exp of [1000, 0]: " + Math.log(Math.exp(1000.0) + Math.exp(0.0)));
        out.println("CrossEntropy for label 1: " + new CrossEntropy().forward(Variable.constant(huge), new int[] {1}).item());
    }

    /** Exercise 3.1: the cross-entropy of all-zero logits over 10 classes. */
    public static double exercise1() {
        return new CrossEntropy().forward(Variable.constant(Tensor.zeros(5, 10)), new int[] {0, 1, 2, 3, 4}).item();
    }

    /** Exercise 3.2: the constant c minimizing the empirical squared risk of y = (3, −0.5, 2, 7), and its risk. */
    public static double[] exercise2() {
        Tensor y = Tensor.of(3.0, -0.5, 2.0, 7.0);
        double c = y.mean().item();
        double risk = new MeanSquaredError().forward(Tensor.full(y.shape(), c), y).item();
        return new double[] {c, risk};
    }

    /** Runs the chapter, printing what it quotes. */
    public static void run(PrintStream out) {
        meanSquaredError(out);
        crossEntropy(out);
        out.printf(Locale.ROOT, "exercise 3.1: %.6f%n", exercise1());
        double[] e2 = exercise2();
        out.printf(Locale.ROOT, "exercise 3.2: c = %.4f, risk = %.4f%n", e2[0], e2[1]);
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
