package org.nabla.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nabla.activation.ReLU;
import org.nabla.compress.LowRankLinear;
import org.nabla.compress.RandomMatrixPruning;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.Split;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
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

    private static Trainer trainer(Module model, int epochs) {
        return CompressionRuns.trainer(model, 3e-3, epochs);
    }

    /** Trains, compresses and returns the printed lines. */
    public static List<String> run() {
        return run(null);
    }

    /**
     * Trains, compresses and returns the printed lines; writes the spectrum picture of each hidden layer
     * ({@code spectrum-64-128.svg}, {@code spectrum-128-64.svg}, {@code spectrum-64-10.svg}) into {@code pictures} unless it is null.
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
        trainer(model, 10).fit(DataLoader.shuffled(train, 32, 1));
        List<String> out = new ArrayList<>();
        out.add(CompressionRuns.HEADER);
        out.add(CompressionRuns.row("trained 64-128-64-10", CompressionRuns.parameters(model),
                CompressionRuns.accuracy(model, test), Double.NaN));
        for (Linear l : List.of(l1, l2, l3)) {
            RandomMatrixPruning fit = RandomMatrixPruning.of(l.weight().value());
            out.add(CompressionRuns.fitLine(l, fit));
            if (pictures != null) {
                String name = l.inFeatures() + "-" + l.outFeatures();
                FashionCompression.write(pictures.resolve("spectrum-" + name + ".svg"),
                        SpectrumPicture.svg(fit, "Linear " + name.replace("-", "→"), 40));
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
                    LowRankLinear.of(l2, r[1]).module(), new ReLU(),
                    CompressionRuns.copy(l3, () -> new Linear(64, 10, new Rng(0))));
            double before = CompressionRuns.accuracy(compressed, test);
            trainer(compressed, 2).fit(DataLoader.shuffled(train, 32, 2));
            String name = i < 4 ? "low rank " + r[0] + ", " + r[1] : "MP pruning: ranks " + r[0] + ", " + r[1];
            out.add(CompressionRuns.row(name, CompressionRuns.parameters(compressed), before,
                    CompressionRuns.accuracy(compressed, test)));
        }
        return out;
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
