package org.nabla.examples.course;

import java.io.PrintStream;
import java.util.Locale;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Linalg;
import java.util.ArrayList;
import java.util.List;
import org.nabla.theory.Agop;
import org.nabla.theory.CirculantStructure;
import org.nabla.theory.DeepNeuralFeatureAnsatz;
import org.nabla.theory.FeatureMachine;
import org.nabla.theory.ModularArithmetic;
import org.nabla.theory.RecursiveFeatureMachine;
import org.nabla.theory.RfmHistory;
import org.nabla.theory.RfmKernel;
import org.nabla.theory.RfmOptions;
import org.nabla.theory.ScalarActivation;

/**
 * Course chapter 8, features: the average gradient outer product (AGOP) and the Recursive Feature
 * Machine, which learns the relevant directions of a target by iterating kernel regression and
 * AGOP. Every method body is quoted verbatim in {@code docs/course/08-features.md}.
 */
public final class Chapter8 {
    private Chapter8() {
    }

    /** §8.1 The AGOP of a linear map is wwᵀ; of f(x) = x₁x₂ it is ≈ diag(1, 1, 0, …) on Gaussian inputs. */
    public static void agop(PrintStream out) {
        Tensor x = Tensor.randn(new Rng(8), 2000, 4);
        Tensor w = Tensor.of(1, -2, 0, 0.5);
        Tensor linear = Agop.of(v -> v.matmul(Variable.constant(w)), x);
        out.println("AGOP of x ↦ wᵀx equals wwᵀ: " + linear.allClose(w.outer(w)));
        Tensor product = Agop.of(v -> v.select(1, 0).mul(v.select(1, 1)), x);
        // ∇(x₁x₂) = (x₂, x₁, 0, 0), so AGOP = E[(x₂, x₁, 0, 0)(x₂, x₁, 0, 0)ᵀ]
        out.println("AGOP of x ↦ x₁x₂ =\n" + product);
    }

    /** §8.2 A Recursive Feature Machine on y = x₁x₂ in ℝ¹⁰: test error per round and the learned feature matrix. */
    public static double[] recursiveFeatureMachine(PrintStream out) {
        Rng rng = new Rng(12);
        Tensor xTrain = Tensor.randn(rng, 400, 10);
        Tensor xTest = Tensor.randn(rng, 200, 10);
        Tensor yTrain = xTrain.select(1, 0).mul(xTrain.select(1, 1)).reshape(400, 1);
        Tensor yTest = xTest.select(1, 0).mul(xTest.select(1, 1)).reshape(200, 1);
        RecursiveFeatureMachine.Result rfm = RecursiveFeatureMachine.train(xTrain, yTrain, xTest, yTest, 10.0, 1e-3, 5,
                false);
        for (int t = 0; t < rfm.testMse().length; t++) {
            out.printf(Locale.ROOT, "round %d: test MSE %.4f%n", t, rfm.testMse()[t]);
        }
        Tensor m = rfm.finalFeatureMatrix();
        double onRelevant = (m.get(0, 0) + m.get(1, 1)) / Linalg.norm(m, "nuc").item();
        out.printf(Locale.ROOT, "share of tr M on the coordinates x₁, x₂: %.4f%n", onRelevant);
        return rfm.testMse();
    }

    /** §8.3 Grokking x + y mod 13 with RFM: test accuracy jumps while the a–b block of M turns circulant. */
    public static int grokking(PrintStream out) {
        ModularArithmetic task = ModularArithmetic.of(ModularArithmetic.Operation.ADD, 13);
        FeatureMachine.Split[] split = task.split(task.randomTrainPairs(0.8, new Rng(2)));
        RfmOptions options = RfmOptions.builder().kernel(new RfmKernel.Gaussian(2.5)).ridge(0).iterations(14)
                .centered(true).agopPower(0.5).fitAfterLastUpdate(false).build();
        RfmHistory h = FeatureMachine.train(split[0], options, null, split[1]);
        for (RfmHistory.Round r : h.rounds()) {
            out.printf(Locale.ROOT, "iteration %2d: train acc %.2f, test acc %.3f, circulant %.3f%n", r.t(),
                    r.train().accuracy(), r.test().accuracy(),
                    CirculantStructure.crossBlockCirculantFraction(r.featureMatrix()));
        }
        int first = h.firstRoundReachingTestAccuracy(1.0);
        out.println("test accuracy first reaches 1 at iteration " + first);
        return first;
    }

    /** §8.4 The deep ansatz at initialization: ρ(W_ℓᵀW_ℓ, AGOP_ℓ) per layer of a random network. */
    public static double[] deepAnsatzAtInitialization(PrintStream out) {
        Rng rng = new Rng(7);
        int[] widths = {10, 500, 500, 1};
        List<Tensor> net = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            net.add(Tensor.randn(rng, widths[l + 1], widths[l]).mul(Math.sqrt(2.0 / widths[l])));
            net.add(Tensor.zeros(widths[l + 1]));
        }
        Tensor x = Tensor.randn(rng, 200, 10);
        double[] linear = DeepNeuralFeatureAnsatz.correlations(net, ScalarActivation.LINEAR, x, 1.0);
        double[] relu = DeepNeuralFeatureAnsatz.correlations(net, ScalarActivation.RELU, x, 1.0);
        for (int l = 0; l < linear.length; l++) {
            out.printf(Locale.ROOT, "layer %d: ρ linear %.3f, ρ relu %.3f%n", l + 1, linear[l], relu[l]);
        }
        out.printf(Locale.ROOT, "1/√d₀ = %.3f%n", 1 / Math.sqrt(10));
        return relu;
    }

    /** Exercise 8.1: the rank of the AGOP of f(x) = (x₁ + x₂, x₃) on Gaussian points in ℝ⁵. */
    public static int exercise1() {
        Tensor x = Tensor.randn(new Rng(3), 100, 5);
        Tensor agop = Agop.of(v -> Variable.stack(1, v.select(1, 0).add(v.select(1, 1)), v.select(1, 2)), x);
        return Linalg.matrixRank(agop);
    }

    /** Exercise 8.2: the AGOP of f(x) = ½|x|² on points x is the second-moment matrix (1/n) XᵀX. */
    public static boolean exercise2() {
        Tensor x = Tensor.randn(new Rng(4), 50, 3);
        Tensor agop = Agop.of(v -> v.square().sum(1).mul(0.5), x);
        return agop.allClose(x.t().matmul(x).div(50));
    }

    /** Runs the chapter, printing what it quotes. */
    public static void run(PrintStream out) {
        agop(out);
        recursiveFeatureMachine(out);
        grokking(out);
        deepAnsatzAtInitialization(out);
        out.println("exercise 8.1: " + exercise1());
        out.println("exercise 8.2: " + exercise2());
    }

    public static void main(String[] args) {
        run(System.out);
    }
}
