package org.nabla.examples.theory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nabla.activation.ReLU;
import org.nabla.data.DataLoader;
import org.nabla.data.Splits;
import org.nabla.data.Standardizer;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.theory.FeatureMachine;
import org.nabla.theory.RfmHistory;
import org.nabla.theory.RfmKernel;
import org.nabla.theory.RfmOptions;
import org.nabla.train.Progress;
import org.nabla.train.Trainer;

/**
 * RFM on tabular data against kernel ridge regression (M = I) and a trained MLP (Radhakrishnan et al.,
 * Science 383, 2024, whose tabular benchmark is the paper's Fig. 4): two classic data sets that the
 * Debian package {@code python3-sklearn} ships as CSV — Wisconsin breast cancer (569 × 30, 2 classes)
 * and wine (178 × 13, 3 classes). Each is split 60/20/20 (seeded), standardized on its training part;
 * targets are one-hot. Laplace kernel L = 10, λ = 10⁻³; RFM runs 5 updates and keeps the round with the
 * best validation accuracy ({@link RfmHistory#bestByValidationAccuracy}); the MLP is d–64–c (ReLU), Adam
 * (η = 10⁻³, batches of 32, 100 epochs), cross-entropy. A data set whose file is absent is skipped,
 * with a message.
 * Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.theory.RfmOnTabular}.
 */
public final class RfmOnTabular {
    /** Where python3-sklearn puts its bundled data sets. */
    static final Path SKLEARN = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data");

    private RfmOnTabular() {
    }

    /** Test accuracies of one data set; {@code rfmRound} is the round RFM chose on validation. */
    public record Row(String name, int n, int d, int classes, double krr, double rfm, int rfmRound, double mlp) {
    }

    /** Reads an sklearn CSV: a header "n, d, class names…", then rows of d features and an integer label. */
    static TensorDataset readSklearnCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] head = lines.get(0).split(",");
        int n = Integer.parseInt(head[0].trim());
        int d = Integer.parseInt(head[1].trim());
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            if (f.length != d + 1) {
                throw new IOException(file + ": line " + (i + 2) + " has " + f.length + " fields, expected " + (d + 1));
            }
            for (int k = 0; k < d; k++) {
                x[i * d + k] = Double.parseDouble(f[k]);
            }
            y[i] = Double.parseDouble(f[d]);
        }
        return new TensorDataset(Tensor.of(new int[] {n, d}, x), Tensor.of(y));
    }

    public static Row run(String name, Path file, long seed) throws IOException {
        TensorDataset all = readSklearnCsv(file);
        int n = all.size();
        int[][] idx = Splits.indices(n, 0.6, 0.2, seed);
        TensorDataset train = all.subset(idx[0]);
        Standardizer s = Standardizer.fit(train);
        TensorDataset[] parts = {s.transform(train), s.transform(all.subset(idx[1])), s.transform(all.subset(idx[2]))};
        int classes = (int) all.targets().max().item() + 1;
        FeatureMachine.Split[] sp = new FeatureMachine.Split[3];
        for (int i = 0; i < 3; i++) {
            sp[i] = new FeatureMachine.Split(parts[i].features(), Tensor.oneHot(RfmOnDigits.toInts(parts[i].targets()), classes));
        }
        RfmOptions o = RfmOptions.builder().kernel(new RfmKernel.Laplace(10)).ridge(1e-3).iterations(5).build();
        RfmHistory h = FeatureMachine.train(sp[0], o, sp[1], sp[2]);
        RfmHistory.Round best = h.bestByValidationAccuracy();

        Rng rng = new Rng(seed + 1);
        int d = all.features().dim(1);
        Sequential mlp = new Sequential(new Linear(d, 64, rng), new ReLU(), new Linear(64, classes, rng));
        Adam adam = Adam.builder(mlp.parameters()).learningRate(1e-3).build();
        Trainer.builder(mlp, new CrossEntropy(), adam).classes(classes).epochs(100).progress(Progress.silent()).build()
                .fit(DataLoader.shuffled(parts[0], 32, seed + 2));
        double mlpAcc = DigitsMlp.accuracy(mlp.forward(parts[2].features()), parts[2].targets());
        Row row = new Row(name, n, d, classes, h.rounds().get(0).test().accuracy(), best.test().accuracy(), best.t(),
                mlpAcc);
        System.out.printf(Locale.ROOT, "%-14s n = %d, d = %d, %d classes: test accuracy KRR (M = I) %.4f, RFM %.4f "
                + "(round %d of 0–5, by validation), MLP %.4f%n", name, n, d, classes, row.krr(), row.rfm(), row.rfmRound(),
                row.mlp());
        System.out.printf(Locale.ROOT, "%-14s per round t = 0…5: validation %s, test %s%n", "", fmt(h.perRound(
                r -> r.validation().accuracy())), fmt(h.perRound(r -> r.test().accuracy())));
        return row;
    }

    private static String fmt(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", x));
        }
        return b.toString();
    }

    /** Every data set whose file exists. */
    public static List<Row> runAll(long seed) throws IOException {
        List<Row> rows = new ArrayList<>();
        String[][] sets = {{"breast cancer", "breast_cancer.csv"}, {"wine", "wine_data.csv"}};
        for (String[] set : sets) {
            Path file = SKLEARN.resolve(set[1]);
            if (!Files.isRegularFile(file)) {
                System.out.println(set[0] + ": skipped, " + file + " is absent (Debian package python3-sklearn)");
                continue;
            }
            rows.add(run(set[0], file, seed));
        }
        return rows;
    }

    public static void main(String[] args) throws IOException {
        runAll(42);
    }
}
