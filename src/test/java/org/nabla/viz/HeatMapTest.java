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
import org.nabla.tensor.Tensor;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Heat maps: each cell in the colour of its value, in the PNG and in the SVG. */
class HeatMapTest {
    @TempDir
    Path dir;

    private static double luminance(int rgb) {
        return 0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
    }

    @Test
    void theColourScaleIsColorBrewersOrRdAndDarkensMonotonically() {
        assertThat(HeatMap.colour(0)).isEqualTo(0xfff7ec);
        assertThat(HeatMap.colour(0.125)).isEqualTo(0xfee8c8);
        assertThat(HeatMap.colour(0.5)).isEqualTo(0xfc8d59);
        assertThat(HeatMap.colour(1)).isEqualTo(0x7f0000);
        assertThat(HeatMap.colour(-3)).isEqualTo(HeatMap.colour(0));
        assertThat(HeatMap.colour(7)).isEqualTo(HeatMap.colour(1));
        // halfway between two classes: the mean of their channels
        assertThat(HeatMap.colour(1.0 / 16)).isEqualTo((0xff << 16) | (0xf0 << 8) | 0xda);
        for (int k = 1; k <= 256; k++) {
            assertThat(luminance(HeatMap.colour(k / 256.0))).isLessThanOrEqualTo(luminance(HeatMap.colour((k - 1) / 256.0)));
        }
        assertThat(luminance(HeatMap.colour(1))).isLessThan(luminance(HeatMap.colour(0)) / 5);
    }

    @Test
    void eachCellHasTheColourOfItsValueInBothFormats() throws Exception {
        double[][] m = {{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10, Double.NaN}};
        HeatMap h = HeatMap.of(m).title("cells").xLabel("column").yLabel("row");
        double[] g = h.geometry();
        double left = g[0];
        double top = g[1];
        double cell = g[2];
        assertThat(cell).isGreaterThan(20);
        BufferedImage img = Pictures.png(h, dir, "cells");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                int expected = Double.isNaN(m[i][j]) ? 0xcccccc : HeatMap.colour(m[i][j] / 10);
                int x = (int) (left + (j + 0.5) * cell);
                int y = (int) (top + (i + 0.5) * cell);
                assertThat(rgb(img, x, y)).as("cell (%d, %d) at pixel (%d, %d)", i, j, x, y).isEqualTo(expected);
            }
        }
        Document svg = Pictures.svg(h, dir, "cells");
        List<Element> rects = elements(svg, "rect");
        // after the background: the 12 cells row by row
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                int expected = Double.isNaN(m[i][j]) ? 0xcccccc : HeatMap.colour(m[i][j] / 10);
                Element r = rects.get(1 + 4 * i + j);
                assertThat(r.getAttribute("fill")).isEqualTo(String.format("#%06x", expected));
                assertThat(Pictures.number(r, "x")).isEqualTo(left + Math.floor(j * cell));
                assertThat(Pictures.number(r, "y")).isEqualTo(top + Math.floor(i * cell));
            }
        }
    }

    @Test
    void aFixedRangeAndAnnotationsWithLabels() throws Exception {
        HeatMap h = HeatMap.of(Tensor.of(new double[][] {{1, 2}, {3, 40}})).range(0, 4).annotate().rowLabels("a", "b")
                .columnLabels("x", "y");
        double[] g = h.geometry();
        BufferedImage img = Pictures.png(h, dir, "fixed");
        // 40 is above the range: the darkest colour; 1 is a quarter of it. Sample the cell corners (no text there).
        assertThat(rgb(img, (int) (g[0] + 1.9 * g[2]), (int) (g[1] + 1.9 * g[2]))).isEqualTo(HeatMap.colour(1));
        assertThat(rgb(img, (int) (g[0] + 0.1 * g[2]), (int) (g[1] + 0.1 * g[2]))).isEqualTo(HeatMap.colour(0.25));
        Document svg = Pictures.svg(h, dir, "fixed");
        List<String> texts = elements(svg, "text").stream().map(Element::getTextContent).toList();
        assertThat(texts).contains("1", "2", "3", "40", "a", "b", "x", "y");
        // the value on a dark cell is written in white
        Element forty = elements(svg, "text").stream().filter(e -> e.getTextContent().equals("40")).findFirst().orElseThrow();
        assertThat(forty.getAttribute("fill")).isEqualTo("#ffffff");
    }

    @Test
    void aLargeMatrixLabelsEveryKthRowWithANiceStep() throws Exception {
        HeatMap h = HeatMap.of(Tensor.eye(64)).size(300, 280);
        assertThat(Pictures.png(h, dir, "eye").getWidth()).isEqualTo(300);
        List<String> rowLabels = elements(Pictures.svg(h, dir, "eye"), "text", "text-anchor", "end").stream()
                .map(Element::getTextContent).toList();
        assertThat(rowLabels).first().isEqualTo("0");
        int step = Integer.parseInt(rowLabels.get(1));
        assertThat(step).isIn(2, 5, 10, 20);
        for (int i = 0; i < rowLabels.size(); i++) {
            assertThat(rowLabels.get(i)).isEqualTo(Integer.toString(i * step));
        }
    }

    @Test
    void malformedInputsAreRefusedWithTheShape() {
        assertThatThrownBy(() -> HeatMap.of(Tensor.of(1, 2, 3))).hasMessageContaining("HeatMap.of").hasMessageContaining("[3]");
        assertThatThrownBy(() -> HeatMap.of(new double[][] {{1, 2}, {3}})).hasMessageContaining("row 1 has 1")
                .hasMessageContaining("row 0 has 2");
        assertThatThrownBy(() -> HeatMap.of(Tensor.eye(2)).rowLabels("a")).hasMessageContaining("expected 2 labels")
                .hasMessageContaining("one per row");
        assertThatThrownBy(() -> HeatMap.of(Tensor.eye(2)).range(1, 0)).hasMessageContaining("lo < hi");
    }
}
