package org.nabla.theory;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.nabla.tensor.Tensor;

/**
 * Every round of a {@link FeatureMachine} run. Round t is the predictor fitted with M_t (t = 0 is
 * M = I, plain kernel ridge regression); {@code updates} holds M₁ … M_T, the matrices the rounds
 * produced.
 *
 * @param rounds the fits, in order
 * @param updates M_{t+1} for t = 0 … T − 1
 */
public record RfmHistory(List<Round> rounds, List<Tensor> updates) {
    /** One fit: its feature matrix, predictor and metrics (validation and test null when not given). */
    public record Round(int t, Tensor featureMatrix, KernelPredictor predictor, FeatureMachine.Metrics train,
            FeatureMachine.Metrics validation, FeatureMachine.Metrics test) {
    }

    /** Copies the lists. */
    public RfmHistory {
        rounds = List.copyOf(rounds);
        updates = List.copyOf(updates);
    }

    /** The last fit. */
    public Round last() {
        return rounds.get(rounds.size() - 1);
    }

    /** The feature matrix after the last update (I when there was none). */
    public Tensor finalFeatureMatrix() {
        return updates.isEmpty() ? rounds.get(0).featureMatrix() : updates.get(updates.size() - 1);
    }

    /** A metric of every round, e.g. {@code h.perRound(r -> r.test().accuracy())}. */
    public double[] perRound(ToDoubleFunction<Round> metric) {
        return rounds.stream().mapToDouble(metric).toArray();
    }

    /** Test accuracy per round. */
    public double[] testAccuracy() {
        return perRound(r -> requireTest(r).accuracy());
    }

    /** Test MSE per round. */
    public double[] testMse() {
        return perRound(r -> requireTest(r).mse());
    }

    /** The first round whose test accuracy is at least {@code level} (e.g. 1.0), or −1 when none is. */
    public int firstRoundReachingTestAccuracy(double level) {
        for (Round r : rounds) {
            if (requireTest(r).accuracy() >= level) {
                return r.t();
            }
        }
        return -1;
    }

    /** The round with the lowest validation MSE (the first of equals). */
    public Round bestByValidationMse() {
        return best(r -> -requireValidation(r).mse());
    }

    /** The round with the highest validation accuracy (the first of equals). */
    public Round bestByValidationAccuracy() {
        return best(r -> requireValidation(r).accuracy());
    }

    private Round best(ToDoubleFunction<Round> score) {
        Round best = rounds.get(0);
        for (Round r : rounds) {
            if (score.applyAsDouble(r) > score.applyAsDouble(best)) {
                best = r;
            }
        }
        return best;
    }

    private static FeatureMachine.Metrics requireTest(Round r) {
        if (r.test() == null) {
            throw new IllegalStateException("RfmHistory: no test split was given to FeatureMachine.train");
        }
        return r.test();
    }

    private static FeatureMachine.Metrics requireValidation(Round r) {
        if (r.validation() == null) {
            throw new IllegalStateException("RfmHistory: no validation split was given to FeatureMachine.train");
        }
        return r.validation();
    }
}
