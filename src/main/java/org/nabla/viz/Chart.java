package org.nabla.viz;

/**
 * One plot panel with a size and axis labels: the common part of {@link LinePlot}, {@link ScatterPlot},
 * {@link Histogram} and {@link HeatMap}.
 *
 * @param <P> the concrete chart
 */
public abstract class Chart<P extends Chart<P>> extends Plot<P> {
    int width;
    int height;
    String xLabel = "";
    String yLabel = "";

    Chart(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** Sets the size in pixels (at least 160 × 120). */
    public P size(int width, int height) {
        if (width < 160 || height < 120) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".size: expected at least 160 × 120 pixels, got "
                    + width + " × " + height);
        }
        this.width = width;
        this.height = height;
        return self();
    }

    /** Sets the label under the horizontal axis (empty for none). */
    public P xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return self();
    }

    /** Sets the label beside the vertical axis (empty for none). */
    public P yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return self();
    }

    /** Refuses a range that is not finite lo &lt; hi, naming the chart and the operation. */
    final void checkRange(String op, double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "." + op + ": expected finite lo < hi, got ["
                    + lo + ", " + hi + "]");
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }
}
