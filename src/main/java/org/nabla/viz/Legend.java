package org.nabla.viz;

import java.util.List;
import org.nabla.viz.Painter.Anchor;

/**
 * The legend of a chart and where it goes so that it never covers data.
 *
 * <p>Placement: the candidate spots inside the plot area are tried in the order top-right, top-left,
 * bottom-right, bottom-left, top-centre, bottom-centre, middle-right, middle-left, centre; the first
 * whose box, grown by a clearance (half the stroke plus antialiasing and a gap), meets no drawn segment
 * of the data is taken. Each segment is tested against the box by Liang–Barsky clipping (Y.-D. Liang
 * and B. A. Barsky, "A new concept and method for line clipping", ACM Trans. Graphics 3(1), 1984). If
 * every spot is taken, the legend goes outside, to the right of the plot area, which shrinks to make
 * room.
 */
final class Legend {
    static final double FONT = 11;
    static final double ROW = 16;
    static final double PAD = 6;
    static final double SWATCH = 18;
    static final double INSET = 6;

    /** One entry: a name in a colour, shown as a short line or as a marker. */
    record Entry(String name, int colour, boolean line) {
    }

    final List<Entry> entries;
    final double x;
    final double y;
    final boolean outside;

    private Legend(List<Entry> entries, double x, double y, boolean outside) {
        this.entries = entries;
        this.x = x;
        this.y = y;
        this.outside = outside;
    }

    static double width(List<Entry> entries) {
        double t = 0;
        for (Entry e : entries) {
            t = Math.max(t, Painter.textWidth(e.name, FONT));
        }
        return PAD + SWATCH + 6 + t + PAD;
    }

    static double height(List<Entry> entries) {
        return 2 * PAD + ROW * entries.size() - 4;
    }

    double width() {
        return width(entries);
    }

    double height() {
        return height(entries);
    }

    /**
     * The first free spot inside {@code a} for a legend clear of every segment {x1, y1, x2, y2} by
     * {@code clearance} pixels, or null if there is none.
     */
    static Legend inside(List<Entry> entries, Axes a, List<double[]> segments, double clearance) {
        double w = width(entries);
        double h = height(entries);
        double[] xs = {a.right - INSET - w, a.left + INSET, (a.left + a.right - w) / 2};
        double[] ys = {a.top + INSET, a.bottom - INSET - h, (a.top + a.bottom - h) / 2};
        int[][] order = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {2, 0}, {2, 1}, {0, 2}, {1, 2}, {2, 2}};
        for (int[] o : order) {
            double x = xs[o[0]];
            double y = ys[o[1]];
            if (x < a.left || y < a.top || x + w > a.right || y + h > a.bottom) {
                continue;
            }
            if (free(x - clearance, y - clearance, x + w + clearance, y + h + clearance, segments)) {
                return new Legend(entries, x, y, false);
            }
        }
        return null;
    }

    /** A legend to the right of the plot area, level with its top. */
    static Legend outside(List<Entry> entries, Axes a) {
        return new Legend(entries, a.right + 12, a.top, true);
    }

    static boolean free(double x0, double y0, double x1, double y1, List<double[]> segments) {
        for (double[] s : segments) {
            if (meets(x0, y0, x1, y1, s[0], s[1], s[2], s[3])) {
                return false;
            }
        }
        return true;
    }

    /** Liang–Barsky: does the segment (ax, ay)–(bx, by) meet the box [x0, x1] × [y0, y1]? */
    static boolean meets(double x0, double y0, double x1, double y1, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {ax - x0, x1 - ax, ay - y0, y1 - ay};
        double t0 = 0;
        double t1 = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return false;
                }
            } else {
                double r = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, r);
                } else {
                    t1 = Math.min(t1, r);
                }
                if (t0 > t1) {
                    return false;
                }
            }
        }
        return true;
    }

    void draw(Painter p) {
        p.rect(x, y, width(), height(), 0xffffff, 0xbbbbbb);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            double base = y + PAD + ROW * i + FONT - 1;
            double mid = base - 4;
            if (e.line) {
                p.line(x + PAD, mid, x + PAD + SWATCH, mid, e.colour, 2.5);
            } else {
                p.circle(x + PAD + SWATCH / 2, mid, 3.5, e.colour);
            }
            p.text(x + PAD + SWATCH + 6, base, e.name, FONT, false, Anchor.START, 0x000000);
        }
    }
}
