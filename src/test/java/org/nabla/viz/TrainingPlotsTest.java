package org.nabla.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nabla.viz.Pictures.elements;
import static org.nabla.viz.Pictures.rgb;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.activation.Tanh;
import org.nabla.data.DataLoader;
import org.nabla.data.Synthetic;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.loss.MeanSquaredError;
import org.nabla.optim.Adam;
import org.nabla.optim.SGD;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.train.ConfusionMatrix;
import org.nabla.train.History;
import org.nabla.train.Trainer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A History and a ConfusionMatrix drawn by the viz package (train must not know viz). */
class TrainingPlotsTest {
    @TempDir
    Path dir;

    private static History moons(int epochs) {
        TensorDataset moons = Synthetic.twoMoons(200, 0.1, 3);
        Rng rng = new Rng(1);
        Sequential model = new Sequential(new Linear(2, 16, rng), new Tanh(), new Linear(16, 2, rng));
        Trainer t = Trainer.builder(model, new CrossEntropy(), Adam.builder(model.parameters()).learningRate(0.02).build())
                .classes(2).validation(DataLoader.sequential(moons, 100)).epochs(epochs).build();
        return t.fit(DataLoader.shuffled(moons, 32, 5));
    }

    @Test
    void theCurvesOfAClassifierAreLossAndAccuracySideBySide() throws Exception {
        History h = moons(6);
        Figure f = TrainingPlots.curves(h);
        assertThat(f.panels()).hasSize(2);
        BufferedImage img = Pictures.png(f, dir, "curves");
        assertThat(img.getWidth()).isEqualTo(2 * 560);
        LinePlot loss = (LinePlot) f.panels().get(0);
        LinePlot accuracy = (LinePlot) f.panels().get(1);
        assertThat(loss.logY).isTrue();
        assertThat(accuracy.logY).isFalse();
        assertThat(loss.series).extracting(XYPlot.Series::name).containsExactly("train", "validation");
        assertThat(loss.series.get(0).y()).containsExactly(h.trainLosses());
        assertThat(accuracy.series.get(1).y()).containsExactly(h.validationAccuracies());
        // the last validation loss is drawn where it belongs, in the left panel (validation is drawn last, on top)
        Axes a = loss.layout().axes();
        double[] p = LinePlotTest.expected(a, h.size(), h.last().validationLoss());
        assertThat(Pictures.near(img, p[0], p[1], Painter.series(1), 1)).isTrue();
        // and the right panel's points are shifted by the width of the left one
        Axes b = accuracy.layout().axes();
        double[] q = LinePlotTest.expected(b, h.size(), h.last().validationAccuracy());
        assertThat(Pictures.near(img, 560 + q[0], q[1], Painter.series(1), 1)).isTrue();
        LinePlotTest.assertLegendCoversNoData(() -> TrainingPlots.accuracy(h), dir, "accuracy");
        LinePlotTest.assertLegendCoversNoData(() -> TrainingPlots.loss(h), dir, "loss");
        Document svg = Pictures.svg(f, dir, "curves");
        assertThat(elements(svg, "g")).extracting(e -> e.getAttribute("transform"))
                .containsExactly("translate(0 0)", "translate(560 0)");
    }

    @Test
    void aRegressionHasOnlyItsLossCurve() throws Exception {
        TensorDataset line = Synthetic.linearRegression(100, Tensor.of(2.0, -1.0), 0.5, 0.0, 4);
        Linear model = new Linear(2, 1, new Rng(2));
        History h = Trainer.builder(model, (p, y) -> new MeanSquaredError().forward(p, y.reshape(-1, 1)),
                SGD.builder(model.parameters()).learningRate(0.1).build()).epochs(4).build().fit(DataLoader.sequential(line, 50));
        Figure f = TrainingPlots.curves(h);
        assertThat(f.panels()).hasSize(1);
        assertThat(((LinePlot) f.panels().get(0)).series).extracting(XYPlot.Series::name).containsExactly("train");
        assertThat(Pictures.png(f, dir, "regression").getWidth()).isEqualTo(560);
    }

    @Test
    void theConfusionMatrixIsAHeatMapOfItsCounts() throws Exception {
        ConfusionMatrix c = new ConfusionMatrix(3);
        int[][] counts = {{5, 1, 0}, {0, 4, 2}, {1, 0, 7}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < counts[i][j]; k++) {
                    c.add(i, j);
                }
            }
        }
        HeatMap h = TrainingPlots.confusion(c);
        assertThat(h.title()).isEqualTo("confusion: n = 20, accuracy 0.8000");
        double[] g = h.geometry();
        BufferedImage img = Pictures.png(h, dir, "confusion");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                // colour range [0, max count = 7]; sampled near a cell corner, away from the number written in it
                int x = (int) (g[0] + (j + 0.1) * g[2]);
                int y = (int) (g[1] + (i + 0.1) * g[2]);
                assertThat(rgb(img, x, y)).as("C[%d][%d] = %d", i, j, counts[i][j]).isEqualTo(HeatMap.colour(counts[i][j] / 7.0));
            }
        }
        Document svg = Pictures.svg(h, dir, "confusion");
        List<String> texts = elements(svg, "text").stream().map(Element::getTextContent).toList();
        assertThat(texts).contains("predicted class", "true class", "confusion: n = 20, accuracy 0.8000");
        assertThat(texts).contains("5", "4", "7"); // the diagonal counts written in their cells
    }

    @Test
    void anEmptyHistoryIsRefused() {
        History empty = new History();
        assertThatThrownBy(() -> TrainingPlots.curves(empty)).hasMessageContaining("TrainingPlots")
                .hasMessageContaining("empty");
    }
}
