package org.nabla.theory;

import java.util.ArrayList;
import java.util.List;
import org.nabla.tensor.Tensor;

/**
 * The Recursive Feature Machine with the options of its authors' code (Radhakrishnan, Beaglehole,
 * Pandit &amp; Belkin, Science 383, 2024, Algorithm 1; Mallinar, Beaglehole, Zhu, Radhakrishnan,
 * Pandit &amp; Belkin, "Emergence in non-neural models: grokking modular arithmetic via average gradient
 * outer product", arXiv 2407.20199, 2024, Algorithm 1). From M₀ = I, round t = 0, 1, … :
 * <pre>
 *   f_t(x) = Σᵢ α_i K_{M_t}(x, xᵢ),   α = (K_{M_t}(X, X) + λI)⁻¹ Y         ({@link KernelPredictor})
 *   record MSE and accuracy of f_t on the training, validation and test sets
 *   A = (1/n) Σⱼ Σ_c (∇f_c(xⱼ) − ḡ_c)(∇f_c(xⱼ) − ḡ_c)ᵀ                  (ḡ_c = 0 unless centred)
 *   M_{t+1} = N(A^β)                                                  ({@link RfmOptions})
 * </pre>
 * The MSE is the mean over all entries of (f − y)²; the accuracy, for c ≥ 2 outputs (one-hot
 * classification), is the fraction of rows whose argmax (first index on ties) matches the target's
 * argmax, and for one output the fraction with 1[f &gt; ½] = 1[y &gt; ½] (the authors' {@code eval}).
 * {@link RfmHistory} holds every round; the best round is chosen on the validation split.
 */
public final class FeatureMachine {
    private FeatureMachine() {
    }

    /** Inputs (n, d) and targets (n) or (n, c) of one split. */
    public record Split(Tensor x, Tensor y) {
        /** Checks the shapes and makes y a matrix. */
        public Split {
            if (x == null || y == null || x.rank() != 2 || y.rank() < 1 || y.rank() > 2 || y.dim(0) != x.dim(0)) {
                throw new IllegalArgumentException("FeatureMachine.Split: expected x (n, d) and y (n) or (n, c), got "
                        + (x == null ? null : x.shape()) + " and " + (y == null ? null : y.shape()));
            }
            y = y.rank() == 1 ? y.reshape(y.dim(0), 1) : y;
        }
    }

    /** MSE and accuracy of a predictor on one split. */
    public record Metrics(double mse, double accuracy) {
        /** The metrics of predictions against targets, both (n, c). */
        public static Metrics of(Tensor predictions, Tensor targets) {
            if (!predictions.shape().equals(targets.shape())) {
                throw new IllegalArgumentException("FeatureMachine.Metrics: predictions " + predictions.shape()
                        + " and targets " + targets.shape() + " differ in shape");
            }
            double mse = predictions.sub(targets).square().mean().item();
            int n = predictions.dim(0);
            int c = predictions.dim(1);
            double[] p = predictions.contiguous().toArray();
            double[] y = targets.contiguous().toArray();
            int right = 0;
            for (int i = 0; i < n; i++) {
                if (c == 1) {
                    right += (p[i] > 0.5) == (y[i] > 0.5) ? 1 : 0;
                } else {
                    right += argmax(p, i * c, c) == argmax(y, i * c, c) ? 1 : 0;
                }
            }
            return new Metrics(mse, n == 0 ? Double.NaN : (double) right / n);
        }

        private static int argmax(double[] v, int off, int c) {
            int best = 0;
            for (int k = 1; k < c; k++) {
                if (v[off + k] > v[off + best]) {
                    best = k;
                }
            }
            return best;
        }
    }

    /**
     * Runs the RFM.
     *
     * @param train the training split (X, Y)
     * @param options the kernel, ridge, iterations, centring, normalisation and power
     * @param validation a split to choose the best round on, or null
     * @param test a split to report, or null
     */
    public static RfmHistory train(Split train, RfmOptions options, Split validation, Split test) {
        int d = train.x().dim(1);
        for (Split s : new Split[] {validation, test}) {
            if (s != null && s.x().dim(1) != d) {
                throw new IllegalArgumentException("FeatureMachine.train: training inputs have " + d
                        + " columns but another split has inputs " + s.x().shape());
            }
            if (s != null && s.y().dim(1) != train.y().dim(1)) {
                throw new IllegalArgumentException("FeatureMachine.train: training targets " + train.y().shape()
                        + " and another split's targets " + s.y().shape() + " have different widths");
            }
        }
        Tensor m = Tensor.eye(d);
        List<RfmHistory.Round> rounds = new ArrayList<>();
        List<Tensor> updates = new ArrayList<>();
        int fits = Math.max(1, options.iterations() + (options.fitAfterLastUpdate() ? 1 : 0));
        KernelPredictor f = null;
        for (int t = 0; t < fits; t++) {
            f = KernelPredictor.fit(train.x(), train.y(), m, options.kernel(), options.ridge());
            rounds.add(new RfmHistory.Round(t, m, f, Metrics.of(f.trainPredictions(), train.y()),
                    evaluate(f, validation), evaluate(f, test)));
            if (t < options.iterations()) {
                m = update(f.trainAgop(options.centered()), options);
                updates.add(m);
            }
        }
        return new RfmHistory(rounds, updates);
    }

    /** M ← N(A^β), keeping only the diagonal first when asked. */
    public static Tensor update(Tensor agop, RfmOptions options) {
        Tensor a = agop;
        if (options.diagonal()) {
            a = a.mul(Tensor.eye(a.dim(0)));
        }
        a = NeuralFeatureAnsatz.matrixPower(a, options.agopPower());
        if (options.normalization() == RfmOptions.Normalization.MAX) {
            double max = a.max().item();
            if (!(max > 0)) {
                throw new IllegalStateException("FeatureMachine.update: the AGOP's largest entry is " + max
                        + "; it cannot be normalised by it (the predictor has zero gradient everywhere)");
            }
            a = a.div(max);
        }
        return a.add(a.transpose()).mul(0.5);
    }

    private static Metrics evaluate(KernelPredictor f, Split s) {
        return s == null ? null : Metrics.of(f.predict(s.x()), s.y());
    }
}
