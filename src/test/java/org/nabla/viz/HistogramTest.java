package org.nabla.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nabla.viz.Pictures.elements;
import static org.nabla.viz.Pictures.number;
import static org.nabla.viz.Pictures.rgb;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Histograms: bins, counts, densities, and bars drawn as high as the counts. */
class HistogramTest {
    @TempDir
    Path dir;

    @Test
    void equalBinsWithTheLastOneClosed() {
        Histogram h = Histogram.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).bins(5);
        assertThat(h.edges()).containsExactly(0, 1.8, 3.6, 5.4, 7.2, 9);
        assertThat(h.counts()).containsExactly(2, 2, 2, 2, 2); // 9 = hi falls in the last bin
        Histogram ranged = Histogram.of(-5, 0.5, 1.5, 1.5, Double.NaN, 2.0, 7).range(0, 2).bins(2);
        assertThat(ranged.counts()).containsExactly(1, 3); // −5, 7 outside; NaN not counted
    }

    @Test
    void sturgesRuleGivesTheDefaultNumberOfBins() {
        assertThat(Histogram.of(new double[1]).binCount()).isEqualTo(1);
        assertThat(Histogram.of(new double[1000]).binCount()).isEqualTo(11); // ⌈log₂ 1000⌉ + 1 = 10 + 1
        assertThat(Histogram.of(new double[1024]).binCount()).isEqualTo(11);
        assertThat(Histogram.of(new double[1025]).binCount()).isEqualTo(12);
        assertThat(Histogram.of(Tensor.zeros(4, 8)).binCount()).isEqualTo(6); // every entry of a tensor: n = 32
    }

    @Test
    void densityBarsHaveAreaOne() {
        Rng rng = new Rng(2);
        double[] z = new double[3000];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextGaussian();
        }
        Histogram h = Histogram.of(z).density();
        double[] e = h.edges();
        double[] d = h.heights();
        double area = 0;
        for (int i = 0; i < d.length; i++) {
            area += d[i] * (e[i + 1] - e[i]);
        }
        assertThat(area).isCloseTo(1.0, within(1e-12));
        // and the tallest bar, near 0, is near the standard normal density there, 1/√(2π) = 0.399
        int mid = 0;
        for (int i = 0; i < d.length; i++) {
            mid = d[i] > d[mid] ? i : mid;
        }
        assertThat(d[mid]).isCloseTo(1 / Math.sqrt(2 * Math.PI), within(0.05));
    }

    @Test
    void barsAreAsHighAsTheCountsInBothFormats() throws Exception {
        double[] v = {0.1, 0.2, 0.3, 1.1, 1.2, 2.5, 3.1, 3.2, 3.3, 3.4, 3.5, 3.9};
        Histogram h = Histogram.of(v).range(0, 4).bins(4).title("counts").xLabel("v");
        assertThat(h.counts()).containsExactly(3, 2, 1, 6);
        Axes a = h.axes();
        assertThat(a.y.lo()).isEqualTo(0.0);
        double perUnit = (a.bottom - a.top) / a.y.hi();
        BufferedImage img = Pictures.png(h, dir, "hist");
        long[] c = h.counts();
        for (int i = 0; i < c.length; i++) {
            int column = (int) Math.floor(a.left + (i + 0.5) / 4 * (a.right - a.left));
            int y = (int) a.bottom - 1;
            while (rgb(img, column, y) == Painter.series(0)) {
                y--;
            }
            double top = a.bottom - c[i] * perUnit;
            assertThat((double) y + 1).as("top of bar %d", i).isCloseTo(top, within(1.0));
        }
        Document svg = Pictures.svg(h, dir, "hist");
        List<Element> bars = elements(svg, "rect", "fill", "#1f77b4");
        assertThat(bars).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(number(bars.get(i), "height")).isCloseTo(c[i] * perUnit, within(0.006));
            assertThat(number(bars.get(i), "y") + number(bars.get(i), "height")).isCloseTo(a.bottom, within(0.006));
        }
    }

    @Test
    void malformedCallsAreRefused() {
        assertThatThrownBy(() -> Histogram.of(1, 2).bins(0)).hasMessageContaining("Histogram.bins").hasMessageContaining("0");
        assertThatThrownBy(() -> Histogram.of(1, 2).range(3, 3)).hasMessageContaining("lo < hi").hasMessageContaining("[3.0, 3.0]");
    }
}
