package org.nabla.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nabla.activation.ReLU;
import org.nabla.autodiff.Parameter;
import org.nabla.compress.LowRankLinear;
import org.nabla.compress.RandomMatrixPruning;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.Split;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.module.Module;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.train.Progress;
import org.nabla.train.Trainer;

/**
 * Accuracy against parameter count for the compression of a trained digits MLP 64 → 128 → 64 → 10:
 * low-rank factorization of the two hidden layers at several ranks (Eckart–Young), random-matrix
 * pruning of each layer at its Marchenko–Pastur edge (Berlyand et al., J. Mach. Learn. 2024), and two
 * epochs of fine-tuning after compression with the same {@link Trainer}. See docs/compression.md.
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.DigitsCompression}.
 */
public final class DigitsCompression {
    private DigitsCompression() {
    }

    private static int parameters(Module m) {
        return m.parameters().stream().mapToInt(Parameter::size).sum();
    }

    private static Trainer trainer(Module model, int epochs, TensorDataset test) {
        Adam adam = Adam.builder(model.parameters()).learningRate(3e-3).build();
        return Trainer.builder(model, new CrossEntropy(), adam).classes(10).epochs(epochs)
                .validation(DataLoader.sequential(test, 256)).progress(Progress.silent()).build();
    }

    private static double accuracy(Module model, TensorDataset test) {
        return trainer(model, 1, test).evaluate(DataLoader.sequential(test, 256)).accuracy();
    }

    /** Trains, compresses and returns the printed lines. */
    public static List<String> run() {
        return run(null);
    }

    /**
     * Trains, compresses and returns the printed lines; writes the spectrum picture of each hidden layer
     * ({@code spectrum-64-128.svg}, {@code spectrum-128-64.svg}) into {@code pictures} unless it is null.
     */
    public static List<String> run(Path pictures) {
        Split<TensorDataset> split = Digits.trainTest(0.8, 42);
        TensorDataset train = split.train();
        TensorDataset test = split.test();
        Rng rng = new Rng(7);
        Linear l1 = new Linear(64, 128, rng);
        Linear l2 = new Linear(128, 64, rng);
        Linear l3 = new Linear(64, 10, rng);
        Sequential model = new Sequential(l1, new ReLU(), l2, new ReLU(), l3);
        trainer(model, 10, test).fit(DataLoader.shuffled(train, 32, 1));
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-28s %10s %9s %12s", "model", "parameters", "accuracy", "fine-tuned"));
        out.add(String.format(Locale.ROOT, "%-28s %10d %9.4f %12s", "trained 64-128-64-10", parameters(model),
                accuracy(model, test), "-"));
        for (Linear l : List.of(l1, l2)) {
            RandomMatrixPruning fit = RandomMatrixPruning.of(l.weight().value());
            out.add(String.format(Locale.ROOT, "layer %d->%d: MP sigma^2 = %.5f, gamma = %.2f, edge %.5f,"
                    + " largest eigenvalue %.5f, kept %d of %d", l.inFeatures(), l.outFeatures(),
                    fit.law().variance(), fit.law().ratio(), fit.edge(),
                    fit.eigenvalues().get(fit.eigenvalues().size() - 1), fit.kept(), fit.eigenvalues().size()));
            if (pictures != null) {
                String name = l.inFeatures() + "-" + l.outFeatures();
                try {
                    Files.createDirectories(pictures);
                    Files.writeString(pictures.resolve("spectrum-" + name + ".svg"),
                            SpectrumPicture.svg(fit, "Linear " + name.replace("-", "→"), 40));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        List<int[]> ranks = new ArrayList<>();
        for (int r : new int[] {4, 8, 16, 32}) {
            ranks.add(new int[] {r, r});
        }
        int k1 = Math.max(1, RandomMatrixPruning.of(l1.weight().value()).kept());
        int k2 = Math.max(1, RandomMatrixPruning.of(l2.weight().value()).kept());
        ranks.add(new int[] {k1, k2});
        for (int i = 0; i < ranks.size(); i++) {
            int[] r = ranks.get(i);
            Sequential compressed = new Sequential(LowRankLinear.of(l1, r[0]).module(), new ReLU(),
                    LowRankLinear.of(l2, r[1]).module(), new ReLU(), copy(l3));
            double before = accuracy(compressed, test);
            trainer(compressed, 2, test).fit(DataLoader.shuffled(train, 32, 2));
            String name = i < 4 ? "low rank " + r[0] + ", " + r[1] : "MP pruning: ranks " + r[0] + ", " + r[1];
            out.add(String.format(Locale.ROOT, "%-28s %10d %9.4f %12.4f", name, parameters(compressed), before,
                    accuracy(compressed, test)));
        }
        return out;
    }

    /** A copy of a Linear layer (so that fine-tuning one compressed model leaves the others alone). */
    private static Linear copy(Linear l) {
        Linear c = new Linear(l.inFeatures(), l.outFeatures(), new Rng(0));
        c.weight().set(l.weight().value());
        c.bias().set(l.bias().value());
        return c;
    }

    /**
     * Prints the table.
     *
     * @param args optionally a directory for the spectrum pictures
     */
    public static void main(String[] args) {
        run(args.length > 0 ? Path.of(args[0]) : null).forEach(System.out::println);
    }
}
