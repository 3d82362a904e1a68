package org.nabla.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.nabla.activation.ReLU;
import org.nabla.compress.LowRankLinear;
import org.nabla.compress.RandomMatrixPruning;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.FashionMnist;
import org.nabla.data.Mnist;
import org.nabla.data.Split;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.viz.Figure;
import org.nabla.viz.ScatterPlot;

/**
 * Accuracy against parameter count on Fashion-MNIST for the three compressions of docs/compression.md:
 * low-rank factorization (Eckart–Young), Tucker-2 and CP decompositions of convolutions (Kim et al. 2016,
 * Lebedev et al. 2015) and random-matrix pruning at the Marchenko–Pastur edge (Berlyand et al. 2024),
 * on the MLP 784 → 256 → 128 → 10 of {@link FashionMnistMlp} and on {@link LeNet5}; every compressed
 * network is fine-tuned for one epoch with the same {@link org.nabla.train.Trainer}.
 *
 * <p>Budget (one core, a couple of minutes per training): the first 10,000 training images and the first
 * 2,000 test images; the MLP is trained 3 epochs (Adam η = 10⁻³), LeNet-5 3 epochs (η = 2·10⁻³), batches of
 * 64; fine-tuning is one epoch with η = 5·10⁻⁴.
 * {@code --quick}: 1,000 training and 500 test images, one epoch each. When Fashion-MNIST is absent the
 * example says so and runs the same networks on the embedded digits (80/20 split; the MLP takes 64 inputs,
 * LeNet-5 the 8×8 images scaled 3× by repetition and padded to 28×28).
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.FashionCompression
 * -Dargs="[--quick] [--pictures DIR] [DATA_DIR]"}; with {@code --pictures} the spectrum of each MLP layer
 * ({@code spectrum-fashion-784-256.svg}, …) and the accuracy-against-parameters picture
 * ({@code compression-fashion.png}) are written to DIR.
 */
public final class FashionCompression {
    /** Training images, test images and the epochs of the first training in the full run. */
    static final int TRAIN = 10_000;
    static final int TEST = 2_000;

    private FashionCompression() {
    }

    /**
     * The data a run uses.
     *
     * @param train flat training images (n, pixels) in [0, 1]
     * @param test flat test images
     * @param side the images' side (28 for Fashion-MNIST, 8 for the digits)
     * @param name what the data are, for the printed lines and the file names
     * @param quick whether the quick budget is used
     */
    public record Data(TensorDataset train, TensorDataset test, int side, String name, boolean quick) {
        /** Epochs of the first training (MLP, LeNet-5) and of fine-tuning. */
        int epochs(int full) {
            return quick ? 1 : full;
        }
    }

    /**
     * Fashion-MNIST from {@code directory} (the first 10,000 / 2,000 images, or 1,000 / 500 when quick), or
     * the embedded digits with a line saying why when the directory holds no Fashion-MNIST.
     */
    public static Data load(Path directory, boolean quick, List<String> out) {
        if (Files.isRegularFile(directory.resolve("train-images-idx3-ubyte.gz"))
                || Files.isRegularFile(directory.resolve("train-images-idx3-ubyte"))) {
            try {
                Mnist.TrainTest d = FashionMnist.load(directory);
                int n = quick ? 1000 : TRAIN;
                int m = quick ? 500 : TEST;
                out.add("Fashion-MNIST from " + directory + ": the first " + n + " training and " + m
                        + " test images");
                return new Data(first(d.train(), n), first(d.test(), m), 28, "fashion", quick);
            } catch (IOException e) {
                out.add("Fashion-MNIST in " + directory + " is unreadable (" + e.getMessage() + ")");
            }
        } else {
            out.add("No Fashion-MNIST in " + directory + " (apt-get install dataset-fashion-mnist)");
        }
        Split<TensorDataset> split = Digits.trainTest(0.8, 42);
        TensorDataset train = split.train();
        TensorDataset test = split.test();
        if (quick) {
            train = first(train, 500);
            test = first(test, 200);
        }
        out.add("falling back to the embedded digits: " + train.size() + " training and " + test.size()
                + " test images");
        return new Data(train, test, 8, "digits", quick);
    }

    static TensorDataset first(TensorDataset d, int n) {
        return n >= d.size() ? d : d.subset(IntStream.range(0, n).toArray());
    }

    /** The MLP in → 256 → 128 → 10 (ReLU) of {@link FashionMnistMlp}, weights from seed 1. */
    static Sequential mlp(int in, Rng rng) {
        return new Sequential(new Linear(in, 256, rng), new ReLU(), new Linear(256, 128, rng), new ReLU(),
                new Linear(128, 10, rng));
    }

    /** The MLP part: trained, its layers' spectra, low rank and MP pruning with fine-tuning. */
    static List<String> mlpPart(Data data, Path pictures, ScatterPlot plot) {
        List<String> out = new ArrayList<>();
        int in = data.train().features().dim(1);
        Sequential model = mlp(in, new Rng(1));
        CompressionRuns.trainer(model, 1e-3, data.epochs(3)).fit(DataLoader.shuffled(data.train(), 64, 1));
        Linear l1 = (Linear) model.get(0);
        Linear l2 = (Linear) model.get(2);
        Linear l3 = (Linear) model.get(4);
        String arch = in + "-256-128-10";
        out.add("MLP " + arch + ", " + data.epochs(3) + " epoch(s); fine-tuning " + data.epochs(1) + " epoch(s)");
        out.add(CompressionRuns.HEADER);
        double trained = CompressionRuns.accuracy(model, data.test());
        int all = CompressionRuns.parameters(model);
        out.add(CompressionRuns.row("trained " + arch, all, trained, Double.NaN));
        for (Linear l : List.of(l1, l2, l3)) {
            RandomMatrixPruning fit = RandomMatrixPruning.of(l.weight().value());
            out.add(CompressionRuns.fitLine(l, fit));
            if (pictures != null) {
                String name = l.inFeatures() + "-" + l.outFeatures();
                write(pictures.resolve("spectrum-" + data.name() + "-" + name + ".svg"),
                        SpectrumPicture.svg(fit, "Linear " + name.replace("-", "→") + " (" + data.name() + ")", 40));
            }
        }
        List<int[]> ranks = new ArrayList<>();
        for (int r : new int[] {8, 16, 32, 64}) {
            ranks.add(new int[] {Math.min(r, in), r});
        }
        ranks.add(new int[] {Math.max(1, RandomMatrixPruning.of(l1.weight().value()).kept()),
            Math.max(1, RandomMatrixPruning.of(l2.weight().value()).kept())});
        double[][] lowRank = new double[2][ranks.size() - 1];
        double[][] pruned = new double[2][1];
        for (int i = 0; i < ranks.size(); i++) {
            int[] r = ranks.get(i);
            Sequential c = new Sequential(LowRankLinear.of(l1, r[0]).module(), new ReLU(),
                    LowRankLinear.of(l2, r[1]).module(), new ReLU(), CompressionRuns.copy(l3, () -> new Linear(128, 10,
                            new Rng(0))));
            double before = CompressionRuns.accuracy(c, data.test());
            CompressionRuns.trainer(c, CompressionRuns.FINE_TUNING_RATE, data.epochs(1)).fit(DataLoader.shuffled(data.train(), 64, 2));
            double after = CompressionRuns.accuracy(c, data.test());
            int p = CompressionRuns.parameters(c);
            boolean mp = i == ranks.size() - 1;
            out.add(CompressionRuns.row((mp ? "MP pruning: ranks " : "low rank ") + r[0] + ", " + r[1], p, before,
                    after));
            double[][] target = mp ? pruned : lowRank;
            int k = mp ? 0 : i;
            target[0][k] = p;
            target[1][k] = after;
        }
        plot.series("trained", new double[] {all}, new double[] {trained});
        plot.series("low rank (SVD), fine-tuned", lowRank[0], lowRank[1]);
        plot.series("MP pruning, fine-tuned", pruned[0], pruned[1]);
        return out;
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs both parts on the data in {@code directory} (or the digits) and returns the printed lines. */
    public static List<String> run(Path directory, boolean quick, Path pictures) {
        List<String> out = new ArrayList<>();
        Data data = load(directory, quick, out);
        ScatterPlot mlpPlot = new ScatterPlot().size(560, 420).logX().title("MLP on " + data.name()).xLabel("parameters")
                .yLabel("test accuracy");
        out.addAll(mlpPart(data, pictures, mlpPlot));
        ScatterPlot lenetPlot = new ScatterPlot().size(560, 420).logX().title("LeNet-5 on " + data.name()).xLabel("parameters")
                .yLabel("test accuracy");
        out.addAll(LeNetCompression.run(data, lenetPlot));
        if (pictures != null) {
            try {
                Files.createDirectories(pictures);
                Figure.row(mlpPlot, lenetPlot).writePng(pictures.resolve("compression-" + data.name() + ".png"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * Prints the tables.
     *
     * @param args {@code [--quick] [--pictures DIR] [DATA_DIR]}
     */
    public static void main(String[] args) {
        boolean quick = false;
        Path pictures = null;
        Path dir = FashionMnist.DEBIAN_DIRECTORY;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].equals("--pictures") && i + 1 < args.length) {
                pictures = Path.of(args[++i]);
            } else {
                dir = Path.of(args[i]);
            }
        }
        run(dir, quick, pictures).forEach(System.out::println);
    }

    /** Flat images (n, side²) → (n, 1, 28, 28) standardized by the training mean and deviation. */
    static Tensor images(Tensor flat, int side, double mean, double std) {
        Tensor x = flat.sub(mean).div(std);
        int n = flat.dim(0);
        if (side == 28) {
            return x.reshape(n, 1, 28, 28);
        }
        // the 8×8 digits: each pixel repeated 3×3 (24×24), then 2 pixels of background (the mean) on each side
        double[] v = x.contiguous().toArray();
        double background = -mean / std;
        double[] y = new double[n * 784];
        java.util.Arrays.fill(y, background);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 24; r++) {
                for (int c = 0; c < 24; c++) {
                    y[i * 784 + (r + 2) * 28 + c + 2] = v[i * 64 + (r / 3) * 8 + c / 3];
                }
            }
        }
        return Tensor.of(y).reshape(n, 1, 28, 28);
    }
}
