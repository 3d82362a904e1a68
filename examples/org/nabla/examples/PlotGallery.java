package org.nabla.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nabla.activation.ReLU;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.Split;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.train.Evaluation;
import org.nabla.train.History;
import org.nabla.train.Trainer;
import org.nabla.viz.Histogram;
import org.nabla.viz.LinePlot;
import org.nabla.viz.ScatterPlot;
import org.nabla.viz.TrainingPlots;

/**
 * One picture of each plot type of {@code org.nabla.viz}, the ones shown in docs/seeing.md:
 * <ul>
 *   <li>{@code plot-line.png}: gradient descent on f(x) = x²/2 from x₀ = 1, f(x_t) = (1 − η)^(2t)/2, for four
 *       steps η (log axis: each curve is a straight line of slope 2 log₁₀|1 − η| per step);</li>
 *   <li>{@code plot-scatter.png}: 200 draws from each of two Gaussians N((0, 0), I) and N((3, 2), ½I);</li>
 *   <li>{@code plot-histogram.png}: 1,000 draws from N(0, 1) as a density histogram (Sturges: 11 bins);</li>
 *   <li>{@code plot-heatmap.png} and {@code plot-training.png}: the confusion matrix and the loss and
 *       accuracy curves of a 64-32-10 MLP trained on the digits.</li>
 * </ul>
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.PlotGallery -Dargs=docs/img}
 * (default directory {@code target/plots}; add {@code --quick} for two epochs).
 */
public final class PlotGallery {
    private PlotGallery() {
    }

    /** Draws every picture into {@code dir}; returns the files written. */
    public static List<Path> run(Path dir, boolean quick) throws Exception {
        List<Path> written = new ArrayList<>();
        LinePlot descent = new LinePlot().title("gradient descent on f(x) = x^2 / 2").xLabel("step t")
                .yLabel("f(x_t)").logY();
        for (double eta : new double[] {0.05, 0.2, 0.5, 1.9}) {
            double[] t = new double[31];
            double[] f = new double[31];
            for (int k = 0; k <= 30; k++) {
                t[k] = k;
                f[k] = 0.5 * Math.pow(1 - eta, 2 * k);
            }
            descent.series(String.format(Locale.ROOT, "eta = %.2f", eta), t, f);
        }
        written.add(write(descent, dir, "plot-line.png"));

        Rng rng = new Rng(3);
        double[][] a = new double[2][200];
        double[][] b = new double[2][200];
        for (int i = 0; i < 200; i++) {
            a[0][i] = rng.nextGaussian();
            a[1][i] = rng.nextGaussian();
            b[0][i] = 3 + Math.sqrt(0.5) * rng.nextGaussian();
            b[1][i] = 2 + Math.sqrt(0.5) * rng.nextGaussian();
        }
        written.add(write(new ScatterPlot().title("two Gaussian classes").xLabel("x1").yLabel("x2")
                .series("N((0, 0), I)", a[0], a[1]).series("N((3, 2), I/2)", b[0], b[1]), dir, "plot-scatter.png"));

        double[] z = new double[1000];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextGaussian();
        }
        written.add(write(Histogram.of(z).density().title("1,000 draws from N(0, 1)").xLabel("z").yLabel("density"), dir,
                "plot-histogram.png"));

        Split<TensorDataset> split = Digits.trainTest(0.8, 42);
        Rng init = new Rng(7);
        Sequential model = new Sequential(new Linear(64, 32, init), new ReLU(), new Linear(32, 10, init));
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), Adam.builder(model.parameters()).learningRate(3e-3).build())
                .classes(10).validation(DataLoader.sequential(split.test(), 256)).epochs(quick ? 2 : 12).build();
        History history = trainer.fit(DataLoader.shuffled(split.train(), 32, 1));
        Evaluation e = trainer.evaluate(DataLoader.sequential(split.test(), 256));
        written.add(write(TrainingPlots.confusion(e.confusion()), dir, "plot-heatmap.png"));
        written.add(write(TrainingPlots.curves(history), dir, "plot-training.png"));
        return written;
    }

    private static Path write(org.nabla.viz.Plot<?> plot, Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        plot.writePng(file);
        System.out.println("wrote " + file + " (" + plot.width() + " x " + plot.height() + ")");
        return file;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path dir = Path.of("target", "plots");
        for (String a : args) {
            if (!a.startsWith("--")) {
                dir = Path.of(a);
            }
        }
        run(dir, quick);
    }
}
