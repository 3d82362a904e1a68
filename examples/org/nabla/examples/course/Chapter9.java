package org.nabla.examples.course;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Conv1d;
import org.nabla.layer.Conv2d;
import org.nabla.layer.RNN;
import org.nabla.layer.RecurrentCell;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Course chapter 9, convolution and recurrence: cross-correlation by hand and by Conv1d, translation
 * equivariance, an RNN unrolled by hand, and gradients through time. Every method body is quoted
 * verbatim in {@code docs/course/09-convolution-recurrence.md}.
 */
public final class Chapter9 {
    private Chapter9() {
    }

    /** §9.1 A convolution layer computes a cross-correlation y_i = Σ_j w_j x_{i+j} + b. */
    public static void crossCorrelation(PrintStream out) {
        Tensor x = Tensor.of(1, 4, 9, 16, 25, 36).reshape(1, 1, 6);      // (N, C, L): the squares
        Tensor w = Tensor.of(1, -2, 1).reshape(1, 1, 3);                  // the second difference
        double[] byHand = new double[4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                byHand[i] += w.get(0, 0, j) * x.get(0, 0, i + j);
            }
        }
        Variable y = Conv1d.conv1d(Variable.constant(x), Variable.constant(w), null, 1, 0, 1, 1);
        out.println("by hand: " + Tensor.of(byHand) + ", conv1d: " + y.value().reshape(4));
        Variable padded = Conv1d.conv1d(Variable.constant(x), Variable.constant(w), null, 1, 1, 1, 1);
        out.println("padding 1 keeps the length: " + padded.shape());
    }

    /** §9.2 Translation equivariance: shifting the input shifts the output. */
    public static void equivariance(PrintStream out) {
        Conv1d conv = new Conv1d(1, 2, 3, new Rng(4));
        Tensor x = Tensor.randn(new Rng(5), 1, 1, 12);
        Tensor shifted = Tensor.concat(2, Tensor.zeros(1, 1, 2), x.slice(2, 0, 10));   // x moved right by 2
        Tensor y = conv.forward(x);
        Tensor yShifted = conv.forward(shifted);
        out.println("conv(shift x) = shift conv(x) away from the border: "
                + yShifted.slice(2, 2, 10).allClose(y.slice(2, 0, 8)));
    }

    /** §9.3 An RNN is one cell h_t = tanh(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh) applied T times. */
    public static void unrolled(PrintStream out) {
        RNN rnn = new RNN(3, 5, new Rng(6));
        Tensor x = Tensor.randn(new Rng(7), 1, 6, 3);                   // (N, T, D), batch first
        Tensor hs = rnn.forward(x);                                      // (N, T, H)
        RecurrentCell cell = rnn.cells().get(0);
        Variable h = Variable.constant(Tensor.zeros(1, 5));
        for (int t = 0; t < 6; t++) {
            h = cell.step(Variable.constant(x.select(1, t)), List.of(h)).get(0);
        }
        out.println("h_6 by the loop equals the layer's last output: " + h.value().allClose(hs.select(1, 5)));
    }

    /** §9.4 Gradients through time: ‖∂h_T/∂x_t‖ for T = 30 with a contracting recurrence. */
    public static double[] gradientsThroughTime(PrintStream out) {
        RNN rnn = new RNN(3, 16, new Rng(8));
        Variable x = Variable.leaf(Tensor.randn(new Rng(9), 1, 30, 3));
        Variable last = rnn.forward(x).select(1, 29).sum();              // Σ_k h_T,k
        Gradients g = last.backward();
        int[] times = {29, 25, 20, 10, 0};
        double[] norms = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            norms[i] = g.of(x).select(1, times[i]).norm();
            out.printf(Locale.ROOT, "t = %2d: ‖∂(Σ h_T)/∂x_t‖ = %.3e%n", times[i], norms[i]);
        }
        return norms;
    }

    /** Exercise 9.1: the output side of a 5 × 5 convolution with stride 2 and padding 1 on a 28 × 28 image. */
    public static int exercise1() {
        Conv2d conv = new Conv2d(1, 1, 5, 2, 1, 1, 1, true, new Rng(0));
        return conv.forward(Tensor.zeros(1, 1, 28, 28)).dim(3);          // ⌊(28 + 2·1 − 5)/2⌋ + 1
    }

    /** Exercise 9.2: the number of parameters of Conv2d(3, 16, 3). */
    public static long exercise2() {
        return new Conv2d(3, 16, 3, new Rng(0)).parameterCount();        // 16·3·3·3 + 16
    }

    /** Runs the chapter, printing what it quotes. */
    public static void run(PrintStream out) {
        crossCorrelation(out);
        equivariance(out);
        unrolled(out);
        gradientsThroughTime(out);
        out.println("exercise 9.1: " + exercise1());
        out.println("exercise 9.2: " + exercise2());
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
