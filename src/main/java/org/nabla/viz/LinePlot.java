package org.nabla.viz;

/**
 * A line plot: several named series y(x), each drawn as a polyline through its points in the order
 * given, on linear or logarithmic axes ({@link #logX()}, {@link #logY()}).
 *
 * <p>What it shows: each point (xᵢ, yᵢ) at pixel (left + f(xᵢ)·width, bottom − f(yᵢ)·height), where f
 * is the axis fraction (linear, or of log₁₀ on a log axis; see {@link Ticks}), joined by 2-pixel
 * lines. Ticks are Heckbert's nice numbers (1990) on linear axes and powers of ten (with 2 and 5 when
 * the range is short) on log axes. The legend goes where no line passes (see {@link XYPlot}).
 *
 * <pre>{@code
 * new LinePlot().title("loss").xLabel("epoch").logY()
 *         .series("train", trainLosses).series("test", testLosses)
 *         .writePng(Path.of("loss.png"));
 * }</pre>
 *
 * <p>Default size 560 × 380 pixels.
 */
public final class LinePlot extends XYPlot<LinePlot> {
    /** An empty line plot of 560 × 380 pixels. */
    public LinePlot() {
        super(560, 380);
    }

    @Override
    boolean lines() {
        return true;
    }

    @Override
    double mark() {
        return 2;
    }
}
