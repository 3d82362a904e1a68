package org.nabla.examples.training;

import java.nio.file.Path;
import java.util.Locale;
import org.nabla.data.DataLoader;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.SGD;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.train.ClassificationConfidence;
import org.nabla.train.History;
import org.nabla.train.Progress;
import org.nabla.train.StabilityMonitor;
import org.nabla.train.Trainer;
import org.nabla.viz.Histogram;
import org.nabla.viz.LinePlot;

/**
 * Loss down, accuracy down: the instability of Berlyand, Jabin &amp; Safsten (M3AS 2021, arXiv
 * 2002.04122) made to happen, and the data condition that prevents it.
 *
 * <p>A soft-max classifier on the line, logits s(x) = W x + b with W = (0, 1)ᵀ and b = 0 at the start
 * (boundary x = 0), trained by full-batch gradient descent (η = 0.5) on the mean cross-entropy; the
 * loss and the confidence δ(x) = p_y(x) − max_{j≠y} p_j(x) are measured on the training set itself.
 * Both data sets have 20 objects of class 0 and 20 of class 1 on either side of 0, and 4 objects of
 * class 1 at x = −3 (misclassified, carrying most of the loss):
 * <ul>
 * <li><b>flat</b>: classes 0 and 1 at x ∈ [−0.04, −0.01] and [0.01, 0.04] — a "flat portion": 91% of
 * the mass has |δ| &lt; 0.1. One gradient step lowers the loss by pulling the boundary towards the
 * outliers and carries the 20 barely-correct class-0 objects across it: the accuracy falls from
 * 0.9091 to 0.4545 while the loss falls.</li>
 * <li><b>gapped</b>: the same classes at x ∈ [−1.3, −1] and [1, 1.3] — no mass near the boundary
 * (m(0.1) = 0 at every epoch) and the accuracy never drops.</li>
 * </ul>
 * It prints the {@link StabilityMonitor} report of both runs and writes
 * {@code target/stability-curves.png} (accuracy per epoch) and {@code target/stability-confidence.png}
 * (histograms of δ at the start).
 */
public final class StabilityOfAccuracy {
    /** Epochs of each run. */
    public static final int EPOCHS = 12;

    private StabilityOfAccuracy() {
    }

    /** The data set: {@code flat} = objects at the boundary, else separated by a gap. */
    public static TensorDataset data(boolean flat) {
        int m = 20;
        int outliers = 4;
        double near = flat ? 0.01 : 1.0;
        double far = flat ? 0.04 : 1.3;
        double[] x = new double[2 * m + outliers];
        double[] y = new double[x.length];
        for (int i = 0; i < m; i++) {
            double t = far + (near - far) * i / (m - 1);
            x[i] = -t;
            y[i] = 0;
            x[m + i] = near + (far - near) * i / (m - 1);
            y[m + i] = 1;
        }
        for (int i = 2 * m; i < x.length; i++) {
            x[i] = -3;
            y[i] = 1;
        }
        return new TensorDataset(Tensor.of(new int[] {x.length, 1}, x), Tensor.of(y));
    }

    /** Trains on {@code data(flat)} and returns the monitor, with the initial state as epoch 0. */
    public static StabilityMonitor monitor(boolean flat) {
        TensorDataset data = data(flat);
        Linear model = new Linear(1, 2, new Rng(0));
        model.weight().set(Tensor.of(new int[] {2, 1}, 0, 1));
        model.bias().set(Tensor.of(0, 0));
        DataLoader all = DataLoader.sequential(data, data.size());
        Trainer trainer = Trainer.builder(model, new CrossEntropy(),
                        SGD.builder(model.parameters()).learningRate(0.5).build())
                .classes(2).validation(all).trackConfidence().epochs(EPOCHS).progress(Progress.silent()).build();
        StabilityMonitor monitor = new StabilityMonitor();
        monitor.record(0, trainer.evaluate(all).loss(), trainer.confidence(all));
        History h = trainer.fit(all);
        return monitor.record(h);
    }

    /** The accuracies per recorded epoch. */
    static double[] accuracies(StabilityMonitor m) {
        return m.entries().stream().mapToDouble(StabilityMonitor.Entry::accuracy).toArray();
    }

    public static void main(String[] args) throws Exception {
        StabilityMonitor flat = monitor(true);
        StabilityMonitor gapped = monitor(false);
        System.out.println("flat portion at the boundary (classes at ±[0.01, 0.04], 4 outliers at −3):");
        System.out.print(flat.report());
        System.out.println();
        System.out.println("gap at the boundary (classes at ±[1, 1.3], 4 outliers at −3):");
        System.out.print(gapped.report());
        System.out.printf(Locale.ROOT, "%nworst mass near the boundary over the run, m(0.1): flat %.4f, gapped %.4f%n",
                flat.worstMassNear()[3], gapped.worstMassNear()[3]);
        double[] epochs = new double[flat.entries().size()];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i;
        }
        Path curves = Path.of("target", "stability-curves.png");
        new LinePlot().title("accuracy while the loss falls").xLabel("epoch").yLabel("training accuracy")
                .series("flat portion", epochs, accuracies(flat))
                .series("gap", epochs, accuracies(gapped)).writePng(curves);
        ClassificationConfidence start = flat.entries().get(0).confidence();
        Path hist = Path.of("target", "stability-confidence.png");
        Histogram.of(start.values()).bins(40).range(-1, 1).title("confidence δ(x) at the start, flat data")
                .xLabel("δ(x) = p_y(x) − max_{j≠y} p_j(x)").writePng(hist);
        System.out.println("pictures written to " + curves + " and " + hist);
    }
}
