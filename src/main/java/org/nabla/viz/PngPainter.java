package org.nabla.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Draws the primitives into a {@link BufferedImage} with java.awt (antialiased strokes and text).
 * Before it touches AWT it sets {@code java.awt.headless=true} unless the property was set, so a plot
 * renders on a server without a display (or with a {@code DISPLAY} that cannot be opened).
 */
final class PngPainter implements Painter {
    private final BufferedImage image;
    private final Graphics2D g;
    private final Deque<AffineTransform> saved = new ArrayDeque<>();

    /** Sets {@code java.awt.headless=true} unless the caller chose otherwise. */
    static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    PngPainter(int width, int height) {
        ensureHeadless();
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    @Override
    public void begin(double x, double y) {
        saved.push(g.getTransform());
        g.translate(x, y);
    }

    @Override
    public void end() {
        g.setTransform(saved.pop());
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double width) {
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, int rgb, double width) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xs[0], ys[0]);
        for (int i = 1; i < n; i++) {
            path.lineTo(xs[i], ys[i]);
        }
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
    }

    @Override
    public void rect(double x, double y, double w, double h, int fill, int stroke) {
        Rectangle2D.Double r = new Rectangle2D.Double(x, y, w, h);
        if (fill != NONE) {
            g.setColor(new Color(fill));
            g.fill(r);
        }
        if (stroke != NONE) {
            g.setColor(new Color(stroke));
            g.setStroke(new BasicStroke(1f));
            g.draw(r);
        }
    }

    @Override
    public void circle(double cx, double cy, double r, int fill) {
        g.setColor(new Color(fill));
        g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    }

    private FontMetrics font(double size, boolean bold) {
        g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size));
        return g.getFontMetrics();
    }

    @Override
    public void text(double x, double y, String s, double size, boolean bold, Anchor anchor, int rgb) {
        FontMetrics m = font(size, bold);
        double w = m.stringWidth(s);
        double dx = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? -w / 2 : -w;
        g.setColor(new Color(rgb));
        g.drawString(s, (float) (x + dx), (float) y);
    }

    @Override
    public void verticalText(double x, double y, String s, double size, int rgb) {
        FontMetrics m = font(size, false);
        AffineTransform t = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        g.setColor(new Color(rgb));
        g.drawString(s, (float) (-m.stringWidth(s) / 2.0), 0f);
        g.setTransform(t);
    }

    /** The finished image. */
    BufferedImage finish() {
        g.dispose();
        return image;
    }
}
