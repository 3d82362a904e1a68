package org.nabla.examples.course;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.nabla.activation.LogSoftmax;
import org.nabla.activation.Softmax;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.loss.CrossEntropy;
import org.nabla.loss.KLDivergence;
import org.nabla.optim.SGD;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * Course chapter 11, probability: softmax as a distribution, maximum likelihood for a categorical
 * model, and cross-entropy = entropy + KL divergence. Every method body is quoted verbatim in
 * {@code docs/course/11-probability.md}.
 */
public final class Chapter11 {
    private Chapter11() {
    }

    /** §11.1 softmax(z)_c = e^(z_c) / Σ_k e^(z_k) is a probability vector; shift invariance; temperature. */
    public static void softmaxAsDistribution(PrintStream out) {
        Tensor z = Tensor.of(2.0, 1.0, -1.0);
        Tensor p = Softmax.softmax(Variable.constant(z)).value();
        Tensor shifted = Softmax.softmax(Variable.constant(z.add(100))).value();
        out.printf(Locale.ROOT, "softmax(z) = %s, sum %.6f%n", p, p.sum().item());
        out.println("softmax(z + 100) = softmax(z): " + shifted.allClose(p));
        for (double temperature : new double[] {10.0, 1.0, 0.1}) {
            Tensor pT = Softmax.softmax(Variable.constant(z.div(temperature))).value();
            out.printf(Locale.ROOT, "T = %4.1f: softmax(z/T) = %s%n", temperature, pT);
        }
    }

    /** §11.2 Maximum likelihood: minimizing the cross-entropy over logits θ recovers the empirical frequencies. */
    public static Tensor maximumLikelihood(PrintStream out) {
        int[] observations = new int[50];                                // 5 zeros, 15 ones, 30 twos
        for (int i = 0; i < 50; i++) {
            observations[i] = i < 5 ? 0 : i < 20 ? 1 : 2;
        }
        Parameter theta = new Parameter("θ", Tensor.zeros(3));
        SGD gd = SGD.builder(List.of(theta)).learningRate(1.0).build();
        CrossEntropy nll = new CrossEntropy();
        for (int step = 0; step < 500; step++) {
            Variable logits = theta.variable().reshape(1, 3).broadcastTo(50, 3);   // the same model for every draw
            gd.step(nll.forward(logits, observations).backward());
        }
        Tensor fitted = Softmax.softmax(theta.variable()).value();
        out.println("maximum-likelihood softmax(θ) = " + fitted);
        double minimum = nll.forward(theta.variable().reshape(1, 3).broadcastTo(50, 3), observations).item();
        double entropy = -(0.1 * Math.log(0.1) + 0.3 * Math.log(0.3) + 0.6 * Math.log(0.6));
        out.printf(Locale.ROOT, "minimal cross-entropy %.6f = entropy of (0.1, 0.3, 0.6) %.6f%n", minimum, entropy);
        return fitted;
    }

    /** §11.3 Cross-entropy = entropy + KL divergence: H(p, q) = H(p) + KL(p ‖ q). */
    public static void crossEntropyDecomposition(PrintStream out) {
        Tensor p = Tensor.of(new double[][] {{0.1, 0.3, 0.6}});
        Tensor logits = Tensor.of(new double[][] {{0.5, 0.0, 1.0}});
        Tensor logQ = LogSoftmax.logSoftmax(Variable.constant(logits), 1).value();
        double crossEntropy = -p.mul(logQ).sum().item();                 // H(p, q) = −Σ p log q
        double entropy = -p.mul(p.log()).sum().item();                   // H(p) = −Σ p log p
        double kl = new KLDivergence().forward(logQ, p).item();         // KL(p ‖ q) = Σ p (log p − log q)
        out.printf(Locale.ROOT, "H(p, q) = %.6f, H(p) + KL(p ‖ q) = %.6f + %.6f = %.6f%n", crossEntropy, entropy, kl,
                entropy + kl);
    }

    /** Exercise 11.1: the entropy of the uniform distribution on 10 classes, as the cross-entropy of zero logits against it. */
    public static double exercise1() {
        Tensor uniform = Tensor.full(Shape.of(1, 10), 0.1);
        Tensor logQ = LogSoftmax.logSoftmax(Variable.constant(Tensor.zeros(1, 10)), 1).value();
        return -uniform.mul(logQ).sum().item();
    }

    /** Exercise 11.2: the gradient of the cross-entropy in the logits is softmax(z) − onehot(y). */
    public static boolean exercise2() {
        Variable z = Variable.leaf(Tensor.of(new double[][] {{2.0, 1.0, -1.0}}));
        Tensor gradient = new CrossEntropy().forward(z, new int[] {1}).backward().of(z);
        Tensor expected = Softmax.softmax(z, 1).value().sub(Tensor.oneHot(new int[] {1}, 3));
        return gradient.allClose(expected);
    }

    /** Runs the chapter, printing what it quotes. */
    public static void run(PrintStream out) {
        softmaxAsDistribution(out);
        maximumLikelihood(out);
        crossEntropyDecomposition(out);
        out.printf(Locale.ROOT, "exercise 11.1: %.6f%n", exercise1());
        out.println("exercise 11.2: " + exercise2());
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
