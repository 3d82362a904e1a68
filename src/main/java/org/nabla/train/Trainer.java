package org.nabla.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.NoGrad;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.data.Batch;
import org.nabla.data.DataLoader;
import org.nabla.module.Module;
import org.nabla.optim.LearningRateSchedule;
import org.nabla.optim.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mini-batch training by empirical risk minimization (Goodfellow, Bengio &amp; Courville, Deep
 * Learning, §8.1–8.3): for each epoch and each mini-batch B,
 * <pre>
 *   L_B(θ) = (1/|B|) Σ_{(x, y) ∈ B} ℓ(f(x; θ), y),   g = ∇_θ L_B(θ) (one backward sweep),   θ ← optimizer step(θ, g),
 * </pre>
 * in training mode; then, in evaluation mode and without recording a graph, the loss (and accuracy)
 * on the validation set. The run stops when any {@link StoppingRule} fires. Every epoch is recorded
 * in the {@link History}; progress and the per-epoch lines are the trainer's output and go to a
 * {@link Progress} reporter (default {@link Progress#automatic()}: standard output), never through a
 * logging framework — SLF4J is used only for diagnostics (the reason for stopping, at DEBUG).
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, new CrossEntropy(), adam)
 *         .classes(10).validation(testLoader).stopWhen(new MaxEpochs(20)).build();
 * History history = trainer.fit(trainLoader);
 * Evaluation test = trainer.evaluate(testLoader);
 * }</pre>
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private final Module model;
    private final BinaryOperator<Variable> loss;
    private final Optimizer<?> optimizer;
    private final DataLoader validation;
    private final List<StoppingRule> rules;
    private final int classes;
    private final Progress progress;
    private final LearningRateSchedule schedule;
    private final EpochListener listener;
    private final boolean trackConfidence;
    private String stopReason = "";
    /** The confidence distribution of the last evaluation that asked for one. */
    private ClassificationConfidence lastConfidence;

    /** Called after every epoch (for checkpoints, plots, custom logging). */
    @FunctionalInterface
    public interface EpochListener {
        /** Called with the epoch's record and the model as it stands after the epoch. */
        void afterEpoch(EpochRecord record, Module model);
    }

    private Trainer(Builder b) {
        this.model = b.model;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.validation = b.validation;
        this.rules = List.copyOf(b.rules);
        this.classes = b.classes;
        this.progress = b.progress;
        this.schedule = b.schedule;
        this.listener = b.listener;
        this.trackConfidence = b.trackConfidence;
    }

    /**
     * A builder for training {@code model} by minimizing {@code loss} (prediction, target) ↦ scalar
     * with {@code optimizer} (built over the model's parameters).
     */
    public static Builder builder(Module model, BinaryOperator<Variable> loss, Optimizer<?> optimizer) {
        return new Builder(model, loss, optimizer);
    }

    /** Builder of a {@link Trainer}. */
    public static final class Builder {
        private final Module model;
        private final BinaryOperator<Variable> loss;
        private final Optimizer<?> optimizer;
        private DataLoader validation;
        private final List<StoppingRule> rules = new ArrayList<>();
        private int classes;
        private Progress progress = Progress.automatic();
        private LearningRateSchedule schedule;
        private EpochListener listener;
        private boolean trackConfidence;

        private Builder(Module model, BinaryOperator<Variable> loss, Optimizer<?> optimizer) {
            this.model = Objects.requireNonNull(model, "model");
            this.loss = Objects.requireNonNull(loss, "loss");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        }

        /** Evaluate on this loader after every epoch. */
        public Builder validation(DataLoader loader) {
            this.validation = loader;
            return this;
        }

        /** Stop when any of these rules fires (default: 10 epochs). */
        public Builder stopWhen(StoppingRule... r) {
            this.rules.addAll(List.of(r));
            return this;
        }

        /** Shorthand for {@code stopWhen(new MaxEpochs(n))}. */
        public Builder epochs(int n) {
            return stopWhen(new MaxEpochs(n));
        }

        /** Treat the model as a classifier over k classes (outputs (n, k) scores, targets whole-number labels). */
        public Builder classes(int k) {
            if (k < 2) {
                throw new IllegalArgumentException("Trainer: a classifier needs at least 2 classes, got " + k);
            }
            this.classes = k;
            return this;
        }

        /**
         * Where progress and the epoch lines go (default {@link Progress#automatic()}, standard output;
         * {@link Progress#silent()} for none, {@link Progress#to} for a custom sink).
         */
        public Builder progress(Progress p) {
            this.progress = Objects.requireNonNull(p, "progress");
            return this;
        }

        /** A learning-rate schedule stepped once after every epoch. */
        public Builder schedule(LearningRateSchedule s) {
            this.schedule = s;
            return this;
        }

        /** A callback after every epoch. */
        public Builder onEpoch(EpochListener l) {
            this.listener = l;
            return this;
        }

        /**
         * Measure after every epoch, in the same evaluation pass as the validation loss, the
         * distribution of the {@link ClassificationConfidence} δ(x) = p_y(x) − max_{j≠y} p_j(x) of the
         * validation objects (p = softmax of the model's outputs) and store it in each
         * {@link EpochRecord#confidence()}; the epoch line is unchanged. Needs {@link #classes} and
         * {@link #validation} (pass the training set, sequentially, as validation set to watch the
         * training data). Switched on by itself when an {@link AccuracyStable} rule is given.
         */
        public Builder trackConfidence() {
            this.trackConfidence = true;
            return this;
        }

        /** The trainer. */
        public Trainer build() {
            for (StoppingRule r : rules) {
                if (r instanceof AccuracyStable) {
                    trackConfidence = true;
                }
            }
            if (trackConfidence && (classes == 0 || validation == null)) {
                throw new IllegalStateException("Trainer: tracking the classification confidence (trackConfidence() or an"
                        + " AccuracyStable rule) needs a classifier (builder.classes(k)) and a validation loader"
                        + " (builder.validation(loader)); got classes " + classes + ", validation "
                        + (validation == null ? "none" : "given"));
            }
            for (StoppingRule r : rules) {
                if (r instanceof NoValidationImprovement && validation == null) {
                    throw new IllegalStateException("Trainer: the stopping rule NoValidationImprovement watches the"
                            + " validation loss, but no validation loader was given (builder.validation(loader))");
                }
            }
            if (rules.isEmpty()) {
                rules.add(new MaxEpochs(10));
            }
            return new Trainer(this);
        }
    }

    /** Trains on the loader's mini-batches until a stopping rule fires; returns the history. */
    public History fit(DataLoader train) {
        if (train.numBatches() == 0) {
            throw new IllegalArgumentException("Trainer.fit: the training loader has no batches (empty data set, or dropLast with "
                    + "fewer examples than one batch)");
        }
        History history = new History();
        List<Parameter> params = model.parameters();
        int epoch = 0;
        while (true) {
            epoch++;
            long start = System.nanoTime();
            progress.startEpoch(epoch);
            model.train();
            double lossSum = 0;
            long seen = 0;
            long correct = 0;
            double gradNorm = Double.NaN;
            int k = 0;
            int n = train.numBatches();
            for (Batch b : train.epoch(epoch - 1)) {
                Variable out = model.forward(Variable.constant(b.features()));
                Variable l = loss.apply(out, Variable.constant(b.targets()));
                if (l.shape().size() != 1) {
                    throw new IllegalStateException("Trainer: the loss must be a scalar, got shape " + l.shape()
                            + " (use a mean or sum reduction)");
                }
                double lv = l.item();
                if (!Double.isFinite(lv)) {
                    throw new ArithmeticException("Trainer: the loss became " + lv + " at epoch " + epoch + ", batch " + (k + 1)
                            + " (try a smaller learning rate, or run the batch under Anomaly.detect() to find the operation)");
                }
                Gradients g = l.backward();
                optimizer.step(g);
                int bs = b.size();
                lossSum += lv * bs;
                seen += bs;
                if (classes > 0) {
                    correct += countCorrect(out, b);
                }
                k++;
                if (k == n) {
                    gradNorm = norm(g, params);
                }
                progress.batch(epoch, k, n, lossSum / seen, seen);
            }
            double trainLoss = lossSum / seen;
            double trainAcc = classes > 0 ? (double) correct / seen : Double.NaN;
            double valLoss = Double.NaN;
            double valAcc = Double.NaN;
            ClassificationConfidence confidence = null;
            if (validation != null) {
                Evaluation e = evaluate(validation, trackConfidence);
                valLoss = e.loss();
                valAcc = e.accuracy();
                confidence = lastConfidence;
            }
            EpochRecord r = new EpochRecord(epoch, trainLoss, trainAcc, valLoss, valAcc, gradNorm,
                    (System.nanoTime() - start) / 1e9, confidence);
            history.add(r);
            progress.endEpoch(r, Progress.line(r, classes > 0, validation != null));
            if (schedule != null) {
                schedule.step();
            }
            if (listener != null) {
                listener.afterEpoch(r, model);
            }
            for (StoppingRule rule : rules) {
                if (rule.shouldStop(history)) {
                    stopReason = rule.reason();
                    LOG.debug("stopping after epoch {}: {}", epoch, stopReason);
                    return history;
                }
            }
        }
    }

    /** Why the last {@link #fit} stopped. */
    public String stopReason() {
        return stopReason;
    }

    /** Mean loss (and accuracy and confusion matrix for a classifier) in evaluation mode, recording no graph. */
    public Evaluation evaluate(DataLoader loader) {
        return evaluate(loader, false);
    }

    /**
     * The confidence distribution of the model on {@code loader}'s objects, in evaluation mode
     * recording no graph (the model's outputs are taken as logits, p = softmax). Needs {@link Builder#classes}.
     */
    public ClassificationConfidence confidence(DataLoader loader) {
        if (classes == 0) {
            throw new IllegalStateException("Trainer.confidence: the trainer is not a classifier (builder.classes(k))");
        }
        evaluate(loader, true);
        return lastConfidence;
    }

    private Evaluation evaluate(DataLoader loader, boolean withConfidence) {
        lastConfidence = null;
        List<double[]> deltas = withConfidence ? new ArrayList<>() : null;
        boolean wasTraining = model.isTraining();
        model.eval();
        try (NoGrad scope = NoGrad.enter()) {
            double lossSum = 0;
            long seen = 0;
            ConfusionMatrix cm = classes > 0 ? new ConfusionMatrix(classes) : null;
            for (Batch b : loader.epoch(0)) {
                Variable out = model.forward(Variable.constant(b.features()));
                double lv = loss.apply(out, Variable.constant(b.targets())).item();
                lossSum += lv * b.size();
                seen += b.size();
                if (cm != null) {
                    cm.add(out.value(), b.targets().reshape(b.size()));
                }
                if (deltas != null) {
                    deltas.add(ClassificationConfidence.confidences(out.value(), b.targets(), true));
                }
            }
            if (seen == 0) {
                throw new IllegalArgumentException("Trainer.evaluate: the loader has no examples");
            }
            if (deltas != null) {
                double[] all = new double[(int) seen];
                int at = 0;
                for (double[] d : deltas) {
                    System.arraycopy(d, 0, all, at, d.length);
                    at += d.length;
                }
                lastConfidence = ClassificationConfidence.ofValues(all);
            }
            return new Evaluation(lossSum / seen, cm == null ? Double.NaN : cm.accuracy(), cm, (int) seen);
        } finally {
            model.train(wasTraining);
        }
    }

    private long countCorrect(Variable out, Batch b) {
        double[] pred = out.value().argmax(1).toArray();
        double[] y = b.targets().toArray();
        long c = 0;
        for (int i = 0; i < pred.length; i++) {
            if (pred[i] == y[i]) {
                c++;
            }
        }
        return c;
    }

    private static double norm(Gradients g, List<Parameter> params) {
        double s = 0;
        for (Parameter p : params) {
            double n = g.of(p).norm();
            s += n * n;
        }
        return Math.sqrt(s);
    }
}
