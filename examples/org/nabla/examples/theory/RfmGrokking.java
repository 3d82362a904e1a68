package org.nabla.examples.theory;

import java.nio.file.Path;
import java.util.Locale;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.viz.Figure;
import org.nabla.viz.HeatMap;
import org.nabla.theory.CirculantStructure;
import org.nabla.theory.FeatureMachine;
import org.nabla.theory.ModularArithmetic;
import org.nabla.theory.RfmHistory;
import org.nabla.theory.RfmKernel;
import org.nabla.theory.RfmOptions;

/**
 * Grokking modular addition with a Recursive Feature Machine (Mallinar, Beaglehole, Zhu,
 * Radhakrishnan, Pandit &amp; Belkin, "Emergence in non-neural models: grokking modular arithmetic via
 * average gradient outer product", arXiv 2407.20199, 2024): inputs [onehot(a), onehot(b)] ∈ ℝ²ᵖ,
 * targets onehot((a + b) mod p), half of the p² pairs for training, and the authors' settings
 * <pre>
 *   K_M(x, z) = exp(−(x − z)ᵀM(x − z)/(2·2.5²)),  ridge 0,  centred AGOP,  M ← AGOP^½
 * </pre>
 * Test accuracy stays at chance for several iterations although training accuracy is 1 from the
 * start, then climbs to 1 while the a–b block of M becomes circulant (the cross-block circulant
 * fraction of {@link CirculantStructure}; the Hankel fraction is the control).
 *
 * <p>Writes {@code target/theory/rfm-grokking-M.png}: M at iteration 0 (= I), at the iteration where test
 * accuracy first exceeds ½, and at the end, with the diagonal removed as in the paper's figure.
 * Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.RfmGrokking}
 * (p = 61, about a minute; {@code -Dargs=--quick}: p = 13 with 80 % of the pairs, seconds). The split
 * is a seeded shuffle of this library (Rng 0; Rng 2 in the quick mode), not the authors' torch permutation, so the
 * iteration counts differ slightly from theory2.json's.
 */
public final class RfmGrokking {
    private RfmGrokking() {
    }

    /** Per-iteration test accuracy and cross-block circulant and Hankel fractions, and the first iteration at 1. */
    public record Result(double[] testAccuracy, double[] circulant, double[] hankel, int firstAtOne) {
    }

    public static Result run(boolean quick, Path png) throws Exception {
        int p = quick ? 13 : 61;
        double fraction = quick ? 0.8 : 0.5;
        int iterations = quick ? 15 : 30;
        ModularArithmetic task = ModularArithmetic.of(ModularArithmetic.Operation.ADD, p);
        FeatureMachine.Split[] split = task.split(task.randomTrainPairs(fraction, new Rng(quick ? 2 : 0)));
        RfmOptions options = RfmOptions.builder().kernel(new RfmKernel.Gaussian(2.5)).ridge(0).iterations(iterations)
                .centered(true).agopPower(0.5).fitAfterLastUpdate(false).build();
        RfmHistory h = FeatureMachine.train(split[0], options, null, split[1]);
        double[] acc = h.testAccuracy();
        double[] circ = new double[acc.length];
        double[] hank = new double[acc.length];
        int half = -1;
        System.out.printf(Locale.ROOT, "p = %d, %d training pairs, %d test pairs%n", p, split[0].x().dim(0),
                split[1].x().dim(0));
        System.out.println("iter  train acc  test acc  test MSE   circulant  Hankel");
        for (int t = 0; t < acc.length; t++) {
            RfmHistory.Round r = h.rounds().get(t);
            circ[t] = CirculantStructure.crossBlockCirculantFraction(r.featureMatrix());
            hank[t] = CirculantStructure.crossBlockHankelFraction(r.featureMatrix());
            if (half < 0 && acc[t] > 0.5) {
                half = t;
            }
            System.out.printf(Locale.ROOT, "%4d  %9.3f  %8.3f  %.6f  %9.3f  %6.3f%n", t, r.train().accuracy(), acc[t],
                    r.test().mse(), circ[t], hank[t]);
        }
        int first = h.firstRoundReachingTestAccuracy(1.0);
        System.out.printf(Locale.ROOT, "test accuracy first reaches 1 at iteration %d; final M: circulant %.3f, "
                + "Hankel %.4f%n", first, CirculantStructure.crossBlockCirculantFraction(h.finalFeatureMatrix()),
                CirculantStructure.crossBlockHankelFraction(h.finalFeatureMatrix()));
        if (png != null) {
            java.util.List<HeatMap> panels = new java.util.ArrayList<>();
            panels.add(HeatMap.of(offDiagonal(h.rounds().get(0).featureMatrix())).title("M, iteration 0 (= I)"));
            if (half > 0) {
                panels.add(HeatMap.of(offDiagonal(h.rounds().get(half).featureMatrix())).title("M, iteration " + half
                        + " (test acc " + String.format(Locale.ROOT, "%.2f", acc[half]) + ")"));
            }
            panels.add(HeatMap.of(offDiagonal(h.finalFeatureMatrix())).title("M after " + iterations + " updates"));
            Figure.row(panels.toArray(new HeatMap[0])).write(png);
        }
        return new Result(acc, circ, hank, first);
    }

    /** M with its diagonal set to 0 (the diagonal dwarfs the structure, as in the paper's figures). */
    static Tensor offDiagonal(Tensor m) {
        return m.sub(m.mul(Tensor.eye(m.dim(0))));
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick, Path.of("target", "theory", "rfm-grokking-M.png"));
    }
}
