package org.nabla.examples.course;

import java.io.PrintStream;
import java.util.Locale;
import org.nabla.activation.ReLU;
import org.nabla.activation.Tanh;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Linear;
import org.nabla.module.Module;
import org.nabla.layer.Sequential;
import org.nabla.loss.MeanSquaredError;
import org.nabla.optim.Closure;
import org.nabla.optim.LBFGS;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Course chapter 2, the network as a composition of maps: layers and activations, and the
 * universal-approximation intuition (fit sin on [−π, π] with one hidden layer of growing width).
 * Every method body is quoted verbatim in {@code docs/course/02-composition.md}.
 */
public final class Chapter2 {
    private Chapter2() {
    }

    /** §2.1 A network is the composition of its layers. */
    public static void composition(PrintStream out) {
        Rng rng = new Rng(1);
        Linear first = new Linear(3, 4, rng);
        Tanh tanh = new Tanh();
        Linear second = new Linear(4, 2, rng);
        Sequential f = new Sequential(first, tanh, second);              // f = L₂ ∘ tanh ∘ L₁
        Tensor x = Tensor.of(new double[][] {{1, -1, 0.5}});
        Tensor composed = second.forward(tanh.forward(first.forward(x)));
        // the affine map by its formula: L₁(x) = x W₁ᵀ + b₁
        Tensor byFormula = x.matmul(first.weight().value().t()).add(first.bias().value());
        out.println("f(x)              = " + f.forward(x));
        out.println("L2(tanh(L1(x)))   = " + composed);
        out.println("L1(x) by formula equals the layer: " + byFormula.allClose(first.forward(x)));
        out.println("parameters: " + f.parameterCount() + " = (3·4 + 4) + (4·2 + 2)");
    }

    /** §2.2 Fits sin on [−π, π] with 1 → width → 1 tanh networks; returns the training MSE per width. */
    public static double[] universalApproximation(PrintStream out) {
        Tensor x = Tensor.linspace(-Math.PI, Math.PI, 64).reshape(64, 1);
        Tensor y = x.sin();
        int[] widths = {1, 2, 3, 4, 8};
        double[] mse = new double[widths.length];
        for (int i = 0; i < widths.length; i++) {
            Rng rng = new Rng(3);
            Sequential net = new Sequential(new Linear(1, widths[i], rng), new Tanh(), new Linear(widths[i], 1, rng));
            LBFGS lbfgs = LBFGS.builder(net.parameters()).maxIter(2000).historySize(20).toleranceGrad(1e-12).toleranceChange(1e-15)
                    .lineSearch(LBFGS.LineSearch.STRONG_WOLFE).build();
            MeanSquaredError loss = new MeanSquaredError();
            lbfgs.step(Closure.of(() -> loss.forward(net.forward(Variable.constant(x)), Variable.constant(y))));
            mse[i] = loss.forward(net.forward(x), y).item();
            out.printf(Locale.ROOT, "width %d: %3d parameters, training MSE %.2e%n", widths[i], net.parameterCount(),
                    mse[i]);
        }
        return mse;
    }

    /** Exercise 2.1: the number of parameters of the 64 → 128 → 64 → 10 digits classifier. */
    public static long exercise1() {
        Rng rng = new Rng(0);
        Module model = new Sequential(new Linear(64, 128, rng), new ReLU(), new Linear(128, 64, rng), new ReLU(),
                new Linear(64, 10, rng));
        return model.parameterCount();
    }

    /** Exercise 2.2: without an activation, L₂ ∘ L₁ is one affine map x ↦ x (W₂W₁)ᵀ + (W₂b₁ + b₂). */
    public static double exercise2() {
        Rng rng = new Rng(5);
        Linear l1 = new Linear(3, 4, rng);
        Linear l2 = new Linear(4, 2, rng);
        Tensor w = l2.weight().value().matmul(l1.weight().value());
        Tensor b = l2.weight().value().matmul(l1.bias().value()).add(l2.bias().value());
        Tensor x = Tensor.randn(new Rng(6), 10, 3);
        Tensor composed = l2.forward(l1.forward(x));
        Tensor single = x.matmul(w.t()).add(b);
        return composed.sub(single).abs().max().item();
    }

    /** Runs the chapter, printing what it quotes. */
    public static void run(PrintStream out) {
        composition(out);
        universalApproximation(out);
        out.println("exercise 2.1: " + exercise1());
        out.println("exercise 2.2: max |difference| < 1e-15: " + (exercise2() < 1e-15));
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
