package org.nabla.examples.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nabla.activation.ReLU;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.Split;
import org.nabla.data.Splits;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.train.AccuracyStable;
import org.nabla.train.GradientNormBelow;
import org.nabla.train.History;
import org.nabla.train.MaxEpochs;
import org.nabla.train.NoValidationImprovement;
import org.nabla.train.Progress;
import org.nabla.train.RelativeLossChangeBelow;
import org.nabla.train.StoppingRule;
import org.nabla.train.Trainer;

/**
 * When is a network trained? The stopping rules of {@code org.nabla.train} side by side on the digits
 * MLP 64 → 128 → 64 → 10 (ReLU, cross-entropy, Adam 3·10⁻³, mini-batches of 32, seeds fixed): the
 * 1,797 digits split 60/20/20 (seed 42) into training, validation and test sets; one run of
 * {@value #EPOCHS} epochs records the validation loss and confidence distribution and the test
 * accuracy after every epoch; each rule is then asked, epoch by epoch, when it would have stopped
 * ({@link History#firstStop}) and the test accuracy of the network at that epoch is read off. The
 * rules: a fixed budget, first-order stationarity of the last batch, a stalled training loss, early
 * stopping on the validation loss, and {@link AccuracyStable} (the fraction of validation digits with
 * confidence δ(x) = p_y(x) − max_{j≠y} p_j(x) below δ under τ for k epochs). It prints the per-epoch
 * table (F(0.5) = fraction of validation digits with δ &lt; 0.5) and, per rule, the epoch after which it
 * stops and the test accuracy there (docs/training-theory.md quotes it).
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexample=org.nabla.examples.training.WhenIsANetworkTrained}.
 */
public final class WhenIsANetworkTrained {
    /** The epoch budget of the recorded run. */
    public static final int EPOCHS = 30;

    private WhenIsANetworkTrained() {
    }

    /** The rules compared, by name. */
    public static Map<String, StoppingRule> rules() {
        Map<String, StoppingRule> r = new LinkedHashMap<>();
        r.put("MaxEpochs(30)", new MaxEpochs(EPOCHS));
        r.put("GradientNormBelow(0.1)", new GradientNormBelow(0.1));
        r.put("RelativeLossChangeBelow(0.05)", new RelativeLossChangeBelow(0.05));
        r.put("NoValidationImprovement(3)", new NoValidationImprovement(3));
        r.put("AccuracyStable(δ=0.5, τ=0.10, k=3)", new AccuracyStable(0.5, 0.10, 3));
        r.put("AccuracyStable(δ=0.5, τ=0.05, k=3)", new AccuracyStable(0.5, 0.05, 3));
        return r;
    }

    /** The recorded run and the test accuracy after each epoch. */
    public record Run(History history, double[] testAccuracy) {
    }

    /** Trains the MLP for {@link #EPOCHS} epochs, recording the confidence and the test accuracy per epoch. */
    public static Run run() {
        Split<TensorDataset> split = Splits.split(Digits.load(), 0.6, 0.2, 42);
        Rng rng = new Rng(7);
        Sequential model = new Sequential(
                new Linear(64, 128, rng), new ReLU(),
                new Linear(128, 64, rng), new ReLU(),
                new Linear(64, 10, rng));
        Adam adam = Adam.builder(model.parameters()).learningRate(3e-3).build();
        DataLoader test = DataLoader.sequential(split.test(), 512);
        List<Double> testAcc = new ArrayList<>();
        Trainer[] self = new Trainer[1];
        self[0] = Trainer.builder(model, new CrossEntropy(), adam)
                .classes(10)
                .validation(DataLoader.sequential(split.validation(), 512))
                .trackConfidence()
                .epochs(EPOCHS)
                .progress(Progress.silent())
                .onEpoch((record, m) -> testAcc.add(self[0].evaluate(test).accuracy()))
                .build();
        History h = self[0].fit(DataLoader.shuffled(split.train(), 32, 1));
        return new Run(h, testAcc.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public static void main(String[] args) {
        Run run = run();
        History h = run.history();
        System.out.println("epoch  train loss  ‖∇L‖    val loss  val acc  F(0.5)   test acc");
        for (int i = 0; i < h.size(); i++) {
            var r = h.epochs().get(i);
            System.out.printf(Locale.ROOT, "%5d  %.4f      %.4f  %.4f    %.4f   %.4f   %.4f%n", r.epoch(), r.trainLoss(),
                    r.gradientNorm(), r.validationLoss(), r.validationAccuracy(), r.confidence().fractionBelow(0.5),
                    run.testAccuracy()[i]);
        }
        System.out.println();
        System.out.println("rule                                   stops after epoch  test accuracy");
        for (Map.Entry<String, StoppingRule> e : rules().entrySet()) {
            int stop = h.firstStop(e.getValue());
            if (stop < 0) {
                System.out.printf(Locale.ROOT, "%-38s %-18s %s%n", e.getKey(), "not within " + EPOCHS, "-");
            } else {
                System.out.printf(Locale.ROOT, "%-38s %-18d %.4f%n", e.getKey(), stop, run.testAccuracy()[stop - 1]);
            }
        }
    }
}
