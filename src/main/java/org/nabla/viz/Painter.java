package org.nabla.viz;

/**
 * What a plot draws with: a few primitives in pixel coordinates (x to the right, y down), written
 * once as SVG ({@link SvgPainter}) and once as a raster ({@link PngPainter}), so the two files show the
 * same picture. Colours are 0xRRGGBB; {@link #NONE} means "no fill" or "no stroke".
 */
interface Painter {
    int NONE = -1;

    /** Text anchored at its start, middle or end. */
    enum Anchor { START, MIDDLE, END }

    /**
     * The categorical palette of the series: "Tableau 10" (M. Stone, Tableau Software 2016; the
     * default colour cycle of matplotlib ≥ 2.0), ten hues of similar weight that stay apart.
     */
    int[] PALETTE = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22,
        0x17becf};

    /** The colour of series {@code i}. */
    static int series(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /**
     * The width the layout reserves for a text: 0.6 em per character, a little above the mean advance
     * of a sans-serif font, so that a box sized by it holds the text in both renderers.
     */
    static double textWidth(String s, double size) {
        return 0.6 * size * s.length();
    }

    /** Moves the origin to (x, y) until {@link #end()}: a figure draws each panel in its own frame. */
    void begin(double x, double y);

    /** Restores the origin of the matching {@link #begin}. */
    void end();

    /** A straight segment. */
    void line(double x1, double y1, double x2, double y2, int rgb, double width);

    /** A connected polyline through the first n points. */
    void polyline(double[] xs, double[] ys, int n, int rgb, double width);

    /** An axis-aligned rectangle, filled and/or outlined (1 px). */
    void rect(double x, double y, double w, double h, int fill, int stroke);

    /** A filled disc. */
    void circle(double cx, double cy, double r, int fill);

    /** A line of text with its baseline at y. */
    void text(double x, double y, String s, double size, boolean bold, Anchor anchor, int rgb);

    /** A line of text rotated a quarter turn counter-clockwise (read bottom to top), centred on (x, y). */
    void verticalText(double x, double y, String s, double size, int rgb);
}
