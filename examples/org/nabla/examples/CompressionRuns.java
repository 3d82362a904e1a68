package org.nabla.examples;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.nabla.autodiff.Parameter;
import org.nabla.compress.RandomMatrixPruning;
import org.nabla.data.DataLoader;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.loss.CrossEntropy;
import org.nabla.module.Module;
import org.nabla.optim.Adam;
import org.nabla.train.Progress;
import org.nabla.train.Trainer;

/** What the compression examples share: training, evaluation, copies of trained layers and the table rows. */
final class CompressionRuns {
    /** The table's header line. */
    static final String HEADER = String.format(Locale.ROOT, "%-28s %10s %9s %12s", "model", "parameters", "accuracy",
            "fine-tuned");

    /** Adam's learning rate for fine-tuning after compression. */
    static final double FINE_TUNING_RATE = 5e-4;

    private CompressionRuns() {
    }

    static int parameters(Module m) {
        return m.parameters().stream().mapToInt(Parameter::size).sum();
    }

    /** A silent Trainer: Adam with the given learning rate, cross-entropy over 10 classes. */
    static Trainer trainer(Module model, double learningRate, int epochs) {
        Adam adam = Adam.builder(model.parameters()).learningRate(learningRate).build();
        return Trainer.builder(model, new CrossEntropy(), adam).classes(10).epochs(epochs)
                .progress(Progress.silent()).build();
    }

    static double accuracy(Module model, TensorDataset test) {
        return trainer(model, 1e-3, 1).evaluate(DataLoader.sequential(test, 250)).accuracy();
    }

    /** A fresh model from {@code factory} holding the trained model's parameter values. */
    static <M extends Module> M copy(M trained, Supplier<M> factory) {
        M c = factory.get();
        List<Parameter> from = trained.parameters();
        List<Parameter> to = c.parameters();
        if (from.size() != to.size()) {
            throw new IllegalArgumentException("CompressionRuns.copy: the factory's model has " + to.size()
                    + " parameters, the trained one " + from.size());
        }
        for (int i = 0; i < from.size(); i++) {
            to.get(i).set(from.get(i).value());
        }
        return c;
    }

    /** A table row: name, parameter count, accuracy before and after fine-tuning (NaN: not fine-tuned). */
    static String row(String name, int parameters, double before, double after) {
        return String.format(Locale.ROOT, "%-28s %10d %9.4f %12s", name, parameters, before,
                Double.isNaN(after) ? "-" : String.format(Locale.ROOT, "%.4f", after));
    }

    /** The line describing the Marchenko–Pastur fit of a layer. */
    static String fitLine(Linear l, RandomMatrixPruning fit) {
        return String.format(Locale.ROOT, "layer %d->%d: MP sigma^2 = %.5f, gamma = %.2f, edge %.5f,"
                + " largest eigenvalue %.5f, kept %d of %d", l.inFeatures(), l.outFeatures(),
                fit.law().variance(), fit.law().ratio(), fit.edge(),
                fit.eigenvalues().get(fit.eigenvalues().size() - 1), fit.kept(), fit.eigenvalues().size());
    }
}
