package org.nabla.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nabla.viz.Pictures.elements;
import static org.nabla.viz.Pictures.rgb;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Figures: panels in a grid, each drawn in its own frame. */
class FigureTest {
    @TempDir
    Path dir;

    @Test
    void panelsAreLaidOutLeftToRightThenTopToBottom() throws Exception {
        ScatterPlot a = new ScatterPlot().series("a", new double[] {1.5, 2.5}, new double[] {1.5, 2.5});
        Histogram b = Histogram.of(1, 2, 2, 3).size(300, 200);
        HeatMap c = HeatMap.of(new double[][] {{0, 1}});
        Figure f = Figure.grid(2, a, b, c).title("three panels");
        assertThat(f.width()).isEqualTo(2 * 480);
        assertThat(f.height()).isEqualTo(28 + 2 * 400);
        assertThat(f.origin(1)).containsExactly(480, 28);
        assertThat(f.origin(2)).containsExactly(0, 28 + 400);
        BufferedImage img = Pictures.png(f, dir, "grid");
        // the first dot of panel a, shifted down by the title band
        double[] p = LinePlotTest.expected(a.layout().axes(), 1.5, 1.5);
        assertThat(rgb(img, (int) p[0], 28 + (int) p[1])).isEqualTo(Painter.series(0));
        // the lightest cell of the heat map in the third panel
        double[] g = c.geometry();
        assertThat(rgb(img, (int) (g[0] + 0.5 * g[2]), 428 + (int) (g[1] + 0.5 * g[2]))).isEqualTo(HeatMap.colour(0));
        Document svg = Pictures.svg(f, dir, "grid");
        assertThat(elements(svg, "g")).extracting(e -> e.getAttribute("transform"))
                .containsExactly("translate(0 28)", "translate(480 28)", "translate(0 428)");
    }

    @Test
    void aFigureNeedsPlotsAndColumns() {
        assertThatThrownBy(Figure::row).hasMessageContaining("at least one plot");
        assertThatThrownBy(() -> Figure.grid(0, new LinePlot())).hasMessageContaining("at least one column");
    }
}
