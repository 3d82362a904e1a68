package org.nabla.viz;

import java.util.Arrays;
import java.util.Locale;
import org.nabla.train.ConfusionMatrix;
import org.nabla.train.History;

/**
 * The pictures of a training run: its loss and accuracy curves and its confusion matrix.
 *
 * <p>Why here and not {@code history.plot(path)}: packages depend one way (tensor ← … ← train ←
 * viz), and {@code org.nabla.train} must not know the package above it, so {@link History} and
 * {@link ConfusionMatrix} are drawn by these factories in {@code viz}, which may use {@code train}:
 * <pre>{@code
 * TrainingPlots.curves(history).writePng(Path.of("curves.png"));
 * TrainingPlots.confusion(evaluation.confusion()).writePng(Path.of("confusion.png"));
 * }</pre>
 * Each returns the plot, so a title, size or labels can still be changed before writing.
 */
public final class TrainingPlots {
    private TrainingPlots() {
    }

    private static boolean anyFinite(double[] v) {
        return Arrays.stream(v).anyMatch(Double::isFinite);
    }

    private static LinePlot perEpoch(History history, String title, double[] train, double[] validation) {
        if (history.size() == 0) {
            throw new IllegalArgumentException("TrainingPlots: the history is empty (no epoch has been recorded yet)");
        }
        LinePlot p = new LinePlot().title(title).xLabel("epoch").series("train", train);
        return anyFinite(validation) ? p.series("validation", validation) : p;
    }

    /**
     * The mean training loss per epoch and, when there was a validation set, the validation loss, on
     * a logarithmic axis (a loss falling exponentially is a straight line).
     */
    public static LinePlot loss(History history) {
        return perEpoch(history, "loss", history.trainLosses(), history.validationLosses()).logY();
    }

    /** Training and (when measured) validation accuracy per epoch, on a linear axis. */
    public static LinePlot accuracy(History history) {
        return perEpoch(history, "accuracy", history.trainAccuracies(), history.validationAccuracies());
    }

    /**
     * The loss curves beside the accuracy curves (one row of two panels), or the loss alone when no
     * accuracy was measured (regression).
     */
    public static Figure curves(History history) {
        LinePlot loss = loss(history);
        if (!anyFinite(history.trainAccuracies()) && !anyFinite(history.validationAccuracies())) {
            return Figure.row(loss);
        }
        return Figure.row(loss, accuracy(history));
    }

    /**
     * The confusion matrix as a heat map: row i = true class, column j = predicted class, each cell
     * coloured by and labelled with its count Cᵢⱼ (colour range [0, max C]); the title gives the number
     * of examples and the accuracy Σᵢ Cᵢᵢ / Σᵢⱼ Cᵢⱼ.
     */
    public static HeatMap confusion(ConfusionMatrix c) {
        int k = c.classes();
        double[][] m = new double[k][k];
        double max = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                m[i][j] = c.count(i, j);
                max = Math.max(max, m[i][j]);
            }
        }
        return HeatMap.of(m).annotate().range(0, Math.max(max, 1)).xLabel("predicted class").yLabel("true class")
                .title(String.format(Locale.ROOT, "confusion: n = %d, accuracy %.4f", c.total(), c.accuracy()));
    }
}
