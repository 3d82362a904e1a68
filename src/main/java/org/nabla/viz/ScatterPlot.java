package org.nabla.viz;

/**
 * A scatter plot: several named sets of points (xᵢ, yᵢ), each point a dot of radius 3 pixels at
 * (left + f(xᵢ)·width, bottom − f(yᵢ)·height), f the axis fraction of {@link Ticks} (linear or
 * logarithmic). Points are not joined; the order does not matter. The legend goes where no dot lies
 * (see {@link XYPlot}).
 *
 * <pre>{@code
 * new ScatterPlot().title("two classes").series("class 0", x0, y0).series("class 1", x1, y1)
 *         .writeSvg(Path.of("points.svg"));
 * }</pre>
 *
 * <p>Default size 480 × 400 pixels.
 */
public final class ScatterPlot extends XYPlot<ScatterPlot> {
    /** An empty scatter plot of 480 × 400 pixels. */
    public ScatterPlot() {
        super(480, 400);
    }

    @Override
    boolean lines() {
        return false;
    }

    @Override
    double mark() {
        return 3;
    }
}
