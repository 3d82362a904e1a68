package org.nabla.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nabla.viz.Pictures.background;
import static org.nabla.viz.Pictures.elements;
import static org.nabla.viz.Pictures.near;
import static org.nabla.viz.Pictures.number;
import static org.nabla.viz.Pictures.points;
import static org.nabla.viz.Pictures.rgb;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.tensor.Rng;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Line plots: rendered to PNG and SVG, and the files checked against the data. */
class LinePlotTest {
    @TempDir
    Path dir;

    /** Where a data point must be, computed here from the plot area and the axis ends alone. */
    static double[] expected(Axes a, double x, double y) {
        double fx = a.logX ? Math.log10(x / a.x.lo()) / Math.log10(a.x.hi() / a.x.lo()) : (x - a.x.lo()) / (a.x.hi() - a.x.lo());
        double fy = a.logY ? Math.log10(y / a.y.lo()) / Math.log10(a.y.hi() / a.y.lo()) : (y - a.y.lo()) / (a.y.hi() - a.y.lo());
        return new double[] {a.left + fx * (a.right - a.left), a.bottom - fy * (a.bottom - a.top)};
    }

    @Test
    void seriesPixelsAreWhereTheDataSaysInBothFormats() throws Exception {
        double[] x = {0, 1, 2, 3, 4};
        double[] up = {0, 10, 20, 30, 40};
        double[] down = {35, 28, 30, 12, 5};
        LinePlot p = new LinePlot().size(600, 400).title("t").xLabel("x").yLabel("y").series("up", x, up)
                .series("down", x, down);
        Axes a = p.layout().axes();
        assertThat(a.y.lo()).isEqualTo(0.0);
        assertThat(a.y.hi()).isEqualTo(40.0);
        BufferedImage img = Pictures.png(p, dir, "line");
        for (int i = 0; i < x.length; i++) {
            double[] u = expected(a, x[i], up[i]);
            double[] d = expected(a, x[i], down[i]);
            assertThat(near(img, u[0], u[1], Painter.series(0), 1)).as("'up' at x = %s", x[i]).isTrue();
            assertThat(near(img, d[0], d[1], Painter.series(1), 1)).as("'down' at x = %s", x[i]).isTrue();
            if (i > 0) { // and halfway along each segment
                double[] h = expected(a, (x[i] + x[i - 1]) / 2, (up[i] + up[i - 1]) / 2);
                assertThat(near(img, h[0], h[1], Painter.series(0), 1)).isTrue();
            }
        }
        // nowhere near the data: background only
        double[] empty = expected(a, 1, 40);
        assertThat(background(rgb(img, (int) empty[0], (int) empty[1] + 8))).isTrue();

        Document svg = Pictures.svg(p, dir, "line");
        List<Element> lines = elements(svg, "polyline");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).getAttribute("stroke")).isEqualTo("#1f77b4");
        assertThat(lines.get(1).getAttribute("stroke")).isEqualTo("#ff7f0e");
        List<double[]> pts = points(lines.get(1));
        for (int i = 0; i < x.length; i++) {
            double[] d = expected(a, x[i], down[i]);
            assertThat(pts.get(i)[0]).isCloseTo(d[0], within(0.006));
            assertThat(pts.get(i)[1]).isCloseTo(d[1], within(0.006));
        }
    }

    @Test
    void aLogAxisPutsEachDecadeAtTheSameDistance() throws Exception {
        LinePlot p = new LinePlot().logY().series("powers", new double[] {1, 10, 100, 1000});
        Axes a = p.layout().axes();
        assertThat(a.y.lo()).isEqualTo(1.0);
        assertThat(a.y.hi()).isEqualTo(1000.0);
        double third = (a.bottom - a.top) / 3;
        BufferedImage img = Pictures.png(p, dir, "log");
        for (int k = 0; k <= 3; k++) {
            double px = expected(a, k + 1, 0)[0];
            assertThat(near(img, px, a.bottom - k * third, Painter.series(0), 1)).as("10^%d", k).isTrue();
        }
        Document svg = Pictures.svg(p, dir, "log");
        List<double[]> pts = points(elements(svg, "polyline").get(0));
        for (int k = 0; k <= 3; k++) {
            assertThat(pts.get(k)[1]).isCloseTo(a.bottom - k * third, within(0.006));
        }
        // the tick labels 1, 10, 100, 1000 sit level with the points (baseline 4 px below)
        for (String label : new String[] {"1", "10", "100", "1000"}) {
            int k = label.length() - 1;
            Element t = elements(svg, "text", "text-anchor", "end").stream().filter(e -> e.getTextContent().equals(label))
                    .findFirst().orElseThrow();
            assertThat(number(t, "y")).isCloseTo(a.bottom - k * third + 4, within(0.006));
        }
    }

    @Test
    void aLogXAxisPlacesScatterDotsByTheirLogarithm() throws Exception {
        double[] x = {1, 10, 100, 1000, 10000};
        double[] y = {1.5, 2.5, 3.5, 4.5, 5.5};
        ScatterPlot p = new ScatterPlot().logX().series("dots", x, y);
        Axes a = p.layout().axes();
        BufferedImage img = Pictures.png(p, dir, "logx");
        Document svg = Pictures.svg(p, dir, "logx");
        List<Element> dots = elements(svg, "circle", "fill", "#1f77b4");
        assertThat(dots).hasSize(x.length + 1); // the points and the legend's marker
        double decade = (a.right - a.left) / Math.log10(a.x.hi() / a.x.lo());
        for (int i = 0; i < x.length; i++) {
            double[] e = expected(a, x[i], y[i]);
            // a dot of radius 3 covers its centre pixel completely: the exact colour
            assertThat(rgb(img, (int) Math.floor(e[0]), (int) Math.floor(e[1]))).isEqualTo(Painter.series(0));
            assertThat(number(dots.get(i), "cx")).isCloseTo(e[0], within(0.006));
            assertThat(number(dots.get(i), "cy")).isCloseTo(e[1], within(0.006));
            if (i > 0) {
                assertThat(number(dots.get(i), "cx") - number(dots.get(i - 1), "cx")).isCloseTo(decade, within(0.012));
            }
        }
    }

    @Test
    void pointsThatCannotBeDrawnBreakTheLine() throws Exception {
        LinePlot p = new LinePlot().logY().series("gap", new double[] {1, 2, Double.NaN, 4, 0, 8, 16});
        Document svg = Pictures.svg(p, dir, "gaps");
        List<Element> lines = elements(svg, "polyline");
        assertThat(lines).hasSize(2); // 1, 2 | 4 (alone: one point is a dot) | 8, 16
        assertThat(points(lines.get(0))).hasSize(2);
        assertThat(points(lines.get(1))).hasSize(2);
        assertThat(elements(svg, "circle", "fill", "#1f77b4")).hasSize(1);
        assertThat(Pictures.png(p, dir, "gaps").getWidth()).isEqualTo(560);
    }

    /** Renders the plot without its legend at the same layout; no data pixel may lie in the legend box. */
    static void assertLegendCoversNoData(Supplier<? extends XYPlot<?>> plot, Path dir, String name) throws Exception {
        XYPlot<?> withLegend = plot.get();
        XYPlot.Layout l = withLegend.layout();
        Legend legend = l.legend();
        assertThat(legend).isNotNull();
        Axes a = l.axes();
        if (legend.outside) {
            assertThat(legend.x).isGreaterThanOrEqualTo(a.right);
            assertThat(legend.x + legend.width()).isLessThanOrEqualTo(withLegend.width());
            return;
        }
        assertThat(legend.x).isGreaterThanOrEqualTo(a.left);
        assertThat(legend.x + legend.width()).isLessThanOrEqualTo(a.right);
        assertThat(legend.y).isGreaterThanOrEqualTo(a.top);
        assertThat(legend.y + legend.height()).isLessThanOrEqualTo(a.bottom);
        XYPlot<?> bare = plot.get().legend(false);
        Axes b = bare.layout().axes();
        assertThat(new double[] {b.left, b.top, b.right, b.bottom}).containsExactly(a.left, a.top, a.right, a.bottom);
        BufferedImage img = Pictures.png(bare, dir, name);
        for (int x = (int) Math.floor(legend.x); x <= Math.ceil(legend.x + legend.width()); x++) {
            for (int y = (int) Math.floor(legend.y); y <= Math.ceil(legend.y + legend.height()); y++) {
                assertThat(background(rgb(img, x, y))).as("%s: pixel (%d, %d) under the legend is #%06x", name, x, y, rgb(img, x, y))
                        .isTrue();
            }
        }
    }

    @Test
    void theFlagshipsAccuracyLegendLeavesTheCurvesAlone() throws Exception {
        double[] train = {0.571, 0.894, 0.929, 0.946, 0.965, 0.969, 0.975, 0.980, 0.977, 0.989, 0.982, 0.986, 0.985, 0.994,
            0.996, 0.999, 0.999, 1.0, 1.0, 1.0};
        double[] test = {0.875, 0.944, 0.936, 0.972, 0.950, 0.975, 0.981, 0.972, 0.981, 0.983, 0.972, 0.983, 0.981, 0.986,
            0.989, 0.986, 0.986, 0.989, 0.989, 0.989};
        Supplier<LinePlot> plot = () -> new LinePlot().title("accuracy").xLabel("epoch").series("train", train)
                .series("validation", test);
        Legend legend = plot.get().layout().legend();
        Axes a = plot.get().layout().axes();
        assertThat(legend.outside).isFalse();
        assertThat(legend.y).as("the curves fill the top: the legend goes to the bottom").isGreaterThan((a.top + a.bottom) / 2);
        assertLegendCoversNoData(plot, dir, "accuracy");
    }

    @Test
    void theLegendNeverCoversDataInsideAndGoesOutsideWhenItMust() throws Exception {
        Rng rng = new Rng(5);
        int inside = 0;
        int outside = 0;
        for (int trial = 0; trial < 24; trial++) {
            int k = 1 + rng.nextInt(4);
            boolean noise = trial % 3 == 0; // every third: independent noise that fills the whole area
            int n = noise ? 40 + rng.nextInt(40) : 5 + rng.nextInt(60);
            double[][] ys = new double[k][n];
            for (int s = 0; s < k; s++) {
                double v = rng.normal(0, 1);
                for (int i = 0; i < n; i++) {
                    v = noise ? rng.nextDouble() : v + rng.normal(0, 0.3);
                    ys[s][i] = v;
                }
            }
            boolean scatter = trial % 4 == 1;
            Supplier<XYPlot<?>> plot = () -> {
                XYPlot<?> p = scatter ? new ScatterPlot() : new LinePlot();
                for (int s = 0; s < k; s++) {
                    p.series("series " + s, ys[s]);
                }
                return p;
            };
            assertLegendCoversNoData(plot, dir, "random" + trial);
            if (plot.get().layout().legend().outside) {
                outside++;
            } else {
                inside++;
            }
        }
        assertThat(inside).isPositive();
        assertThat(outside).isPositive();
    }

    @Test
    void aLegendOutsideShrinksThePlotAreaAndStaysInThePicture() throws Exception {
        double[] zigzag = new double[80];
        for (int i = 0; i < zigzag.length; i++) {
            zigzag[i] = i % 2 == 0 ? 0 : 1;
        }
        LinePlot p = new LinePlot().series("zigzag", zigzag);
        XYPlot.Layout l = p.layout();
        assertThat(l.legend().outside).isTrue();
        assertThat(l.axes().right).isLessThan(new LinePlot().series("zigzag", zigzag).legend(false).layout().axes().right);
        BufferedImage img = Pictures.png(p, dir, "zigzag");
        assertThat(near(img, l.legend().x + Legend.PAD + 9, l.legend().y + Legend.PAD + Legend.FONT - 5, Painter.series(0), 1))
                .as("the legend's line swatch").isTrue();
    }

    @Test
    void malformedCallsSayWhatWasExpected() {
        assertThatThrownBy(() -> new LinePlot().series("s", new double[] {1, 2}, new double[] {1}))
                .hasMessageContaining("LinePlot.series").hasMessageContaining("'s'").hasMessageContaining("2 and 1");
        assertThatThrownBy(() -> new LinePlot().size(10, 10)).hasMessageContaining("160 × 120").hasMessageContaining("10 × 10");
        assertThatThrownBy(() -> new ScatterPlot().write(Path.of("x.jpg"))).hasMessageContaining("x.jpg")
                .hasMessageContaining(".svg or .png");
    }

    @Test
    void anEmptyPlotStillDrawsItsAxes() throws Exception {
        LinePlot p = new LinePlot().series("nothing finite", new double[] {Double.NaN});
        assertThat(p.layout().axes().x.lo()).isEqualTo(0.0);
        assertThat(Pictures.png(p, dir, "empty").getHeight()).isEqualTo(380);
    }
}
