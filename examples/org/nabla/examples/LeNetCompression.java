package org.nabla.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.nabla.compress.CPConv2d;
import org.nabla.compress.LowRankLinear;
import org.nabla.compress.RandomMatrixPruning;
import org.nabla.compress.TuckerConv2d;
import org.nabla.data.DataLoader;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Conv2d;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.module.Module;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.viz.ScatterPlot;

/**
 * The LeNet-5 part of {@link FashionCompression}: Tucker-2 and CP decompositions of the two convolutions,
 * low-rank factorization and Marchenko–Pastur pruning of the two hidden fully connected layers, and the
 * Tucker-2 convolution together with the pruned layers; each fine-tuned with the same Trainer.
 * Layer indices in {@link LeNet5#model}: conv1 0, conv2 3, fc1 (400 → 120) 7, fc2 (120 → 84) 9.
 */
public final class LeNetCompression {
    private static final int CONV1 = 0;
    private static final int CONV2 = 3;
    private static final int FC1 = 7;
    private static final int FC2 = 9;

    private LeNetCompression() {
    }

    /** Training and test images of {@code data} as standardized (n, 1, 28, 28) tensors. */
    public static TensorDataset[] images(FashionCompression.Data data) {
        Tensor f = data.train().features();
        double mean = f.mean().item();
        double std = Math.sqrt(f.sub(mean).square().mean().item());
        return new TensorDataset[] {
            data.train().withFeatures(FashionCompression.images(f, data.side(), mean, std)),
            data.test().withFeatures(FashionCompression.images(data.test().features(), data.side(), mean, std))};
    }

    /** LeNet-5 from seed 5 trained on the images (Adam η = 2·10⁻³, batches of 64, shuffle seed 1). */
    public static Sequential train(TensorDataset train, int epochs) {
        Sequential model = LeNet5.model(new Rng(5));
        CompressionRuns.trainer(model, 2e-3, epochs).fit(DataLoader.shuffled(train, 64, 1));
        return model;
    }

    /** A copy of the trained network with some layers replaced. */
    private static Sequential replaced(Sequential trained, UnaryOperator<List<Module>> change) {
        Sequential copy = CompressionRuns.copy(trained, () -> LeNet5.model(new Rng(0)));
        return new Sequential(change.apply(new ArrayList<>(copy.layers())));
    }

    /** Trains, compresses, fine-tunes; returns the printed lines and adds the points to the plot. */
    static List<String> run(FashionCompression.Data data, ScatterPlot plot) {
        TensorDataset[] xy = images(data);
        TensorDataset train = xy[0];
        TensorDataset test = xy[1];
        Sequential model = train(train, data.epochs(3));
        List<String> out = new ArrayList<>();
        out.add("LeNet-5, " + data.epochs(3) + " epoch(s); fine-tuning " + data.epochs(1) + " epoch(s)");
        Conv2d conv1 = (Conv2d) model.get(CONV1);
        Conv2d conv2 = (Conv2d) model.get(CONV2);
        Linear fc1 = (Linear) model.get(FC1);
        Linear fc2 = (Linear) model.get(FC2);
        List<String> names = new ArrayList<>();
        List<Sequential> variants = new ArrayList<>();
        List<String> method = new ArrayList<>();
        for (int[] r : new int[][] {{3, 8}, {2, 4}}) {
            TuckerConv2d t = TuckerConv2d.of(conv2, r[0], r[1], 50);
            out.add(String.format(Locale.ROOT, "conv2 Tucker-2 (%d, %d): kernel relative error %.4f", r[0], r[1],
                    t.decomposition().relativeError()));
            names.add("Tucker-2 conv2 (" + r[0] + ", " + r[1] + ")");
            variants.add(replaced(model, l -> {
                l.set(CONV2, t.module());
                return l;
            }));
            method.add("Tucker-2");
        }
        for (int[] r : new int[][] {{4, 8}, {2, 4}}) {
            CPConv2d c1 = CPConv2d.of(conv1, r[0], new Rng(11), 200, 1e-10);
            CPConv2d c2 = CPConv2d.of(conv2, r[1], new Rng(11), 200, 1e-10);
            out.add(String.format(Locale.ROOT, "conv1 CP %d: kernel relative error %.4f; conv2 CP %d: %.4f", r[0],
                    c1.decomposition().relativeError(), r[1], c2.decomposition().relativeError()));
            names.add("CP conv1 " + r[0] + ", conv2 " + r[1]);
            variants.add(replaced(model, l -> {
                l.set(CONV1, c1.module());
                l.set(CONV2, c2.module());
                return l;
            }));
            method.add("CP");
        }
        for (int r : new int[] {8, 16, 32}) {
            names.add("low rank fc " + r + ", " + r);
            variants.add(replaced(model, l -> {
                l.set(FC1, LowRankLinear.of(fc1, r).module());
                l.set(FC2, LowRankLinear.of(fc2, r).module());
                return l;
            }));
            method.add("low rank (SVD)");
        }
        RandomMatrixPruning f1 = RandomMatrixPruning.of(fc1.weight().value());
        RandomMatrixPruning f2 = RandomMatrixPruning.of(fc2.weight().value());
        out.add(CompressionRuns.fitLine(fc1, f1));
        out.add(CompressionRuns.fitLine(fc2, f2));
        int k1 = Math.max(1, f1.kept());
        int k2 = Math.max(1, f2.kept());
        TuckerConv2d t38 = TuckerConv2d.of(conv2, 3, 8, 50);
        for (boolean withTucker : new boolean[] {false, true}) {
            names.add((withTucker ? "Tucker (3, 8) + MP " : "MP pruning fc ") + k1 + ", " + k2);
            variants.add(replaced(model, l -> {
                l.set(FC1, LowRankLinear.of(fc1, k1).module());
                l.set(FC2, LowRankLinear.of(fc2, k2).module());
                if (withTucker) {
                    l.set(CONV2, t38.module());
                }
                return l;
            }));
            method.add(withTucker ? "Tucker-2 + MP pruning" : "MP pruning");
        }
        out.add(CompressionRuns.HEADER);
        double trained = CompressionRuns.accuracy(model, test);
        int all = CompressionRuns.parameters(model);
        out.add(CompressionRuns.row("trained LeNet-5", all, trained, Double.NaN));
        plot.series("trained", new double[] {all}, new double[] {trained});
        List<String> methods = new ArrayList<>();
        List<List<double[]>> points = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            Sequential v = variants.get(i);
            double before = CompressionRuns.accuracy(v, test);
            CompressionRuns.trainer(v, CompressionRuns.FINE_TUNING_RATE, data.epochs(1)).fit(DataLoader.shuffled(train, 64, 2));
            double after = CompressionRuns.accuracy(v, test);
            int p = CompressionRuns.parameters(v);
            out.add(CompressionRuns.row(names.get(i), p, before, after));
            int m = methods.indexOf(method.get(i));
            if (m < 0) {
                methods.add(method.get(i));
                points.add(new ArrayList<>());
                m = methods.size() - 1;
            }
            points.get(m).add(new double[] {p, after});
        }
        for (int m = 0; m < methods.size(); m++) {
            List<double[]> pts = points.get(m);
            plot.series(methods.get(m) + ", fine-tuned", pts.stream().mapToDouble(q -> q[0]).toArray(),
                    pts.stream().mapToDouble(q -> q[1]).toArray());
        }
        return out;
    }
}
