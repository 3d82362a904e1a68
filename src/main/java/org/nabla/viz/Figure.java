package org.nabla.viz;

import java.util.ArrayList;
import java.util.List;

/**
 * Several plots in a grid, written as one picture: {@code Figure.row(loss, accuracy).writePng(path)}.
 * Panels are placed left to right, then top to bottom, each in a cell as large as the largest panel;
 * a non-empty figure title adds a band of 28 pixels on top.
 */
public final class Figure extends Plot<Figure> {
    private static final int TITLE_BAND = 28;

    private final List<Plot<?>> panels;
    private final int columns;

    private Figure(int columns, List<Plot<?>> panels) {
        this.columns = columns;
        this.panels = panels;
    }

    /** The plots side by side in one row. */
    public static Figure row(Plot<?>... plots) {
        return grid(Math.max(plots.length, 1), plots);
    }

    /** The plots in a grid with the given number of columns. */
    public static Figure grid(int columns, Plot<?>... plots) {
        if (plots.length == 0) {
            throw new IllegalArgumentException("Figure: expected at least one plot, got none");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("Figure.grid: expected at least one column, got " + columns);
        }
        List<Plot<?>> list = new ArrayList<>();
        for (int i = 0; i < plots.length; i++) {
            if (plots[i] == null) {
                throw new IllegalArgumentException("Figure: plot " + i + " is null");
            }
            list.add(plots[i]);
        }
        return new Figure(Math.min(columns, plots.length), list);
    }

    /** The panels, in order. */
    public List<Plot<?>> panels() {
        return List.copyOf(panels);
    }

    private int cellWidth() {
        return panels.stream().mapToInt(Plot::width).max().orElse(0);
    }

    private int cellHeight() {
        return panels.stream().mapToInt(Plot::height).max().orElse(0);
    }

    private int band() {
        return title.isEmpty() ? 0 : TITLE_BAND;
    }

    @Override
    public int width() {
        return columns * cellWidth();
    }

    @Override
    public int height() {
        int rows = (panels.size() + columns - 1) / columns;
        return band() + rows * cellHeight();
    }

    /** The top-left corner of panel {@code i} in the figure's pixels: {x, y}. */
    int[] origin(int i) {
        return new int[] {(i % columns) * cellWidth(), band() + (i / columns) * cellHeight()};
    }

    @Override
    void draw(Painter p) {
        if (!title.isEmpty()) {
            p.text(width() / 2.0, 19, title, 15, true, Painter.Anchor.MIDDLE, 0x000000);
        }
        for (int i = 0; i < panels.size(); i++) {
            int[] o = origin(i);
            p.begin(o[0], o[1]);
            panels.get(i).draw(p);
            p.end();
        }
    }
}
