package org.nabla.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small line chart written to PNG with the JDK alone (java.awt, headless), so the examples need
 * no plotting library. Several series share the x axis; each panel has its own y range.
 */
public final class LinePlot {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd)};

    private record Series(String name, double[] y) {
    }

    private record Panel(String title, List<Series> series, boolean logY) {
    }

    private final List<Panel> panels = new ArrayList<>();
    private final String xLabel;

    /** A chart whose x axis is labelled {@code xLabel} (x = 1, 2, …). */
    public LinePlot(String xLabel) {
        this.xLabel = xLabel;
    }

    /** Adds a panel with the given series (name, values). */
    public LinePlot panel(String title, boolean logY, Object... nameValuePairs) {
        List<Series> s = new ArrayList<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            s.add(new Series((String) nameValuePairs[i], (double[]) nameValuePairs[i + 1]));
        }
        panels.add(new Panel(title, s, logY));
        return this;
    }

    /** Draws the chart and writes it atomically (temporary file, then rename). */
    public void write(Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int pw = 520;
        int ph = 360;
        BufferedImage img = new BufferedImage(pw * panels.size(), ph, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int p = 0; p < panels.size(); p++) {
            draw(g, panels.get(p), p * pw, pw, ph);
        }
        g.dispose();
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".plot", ".png");
        try {
            ImageIO.write(img, "png", tmp.toFile());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void draw(Graphics2D g, Panel panel, int x0, int w, int h) {
        int left = x0 + 60;
        int right = x0 + w - 20;
        int top = 40;
        int bottom = h - 50;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (Series s : panel.series) {
            for (double v : s.y) {
                if (Double.isFinite(v) && (!panel.logY || v > 0)) {
                    double t = panel.logY ? Math.log10(v) : v;
                    lo = Math.min(lo, t);
                    hi = Math.max(hi, t);
                }
            }
            n = Math.max(n, s.y.length);
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(panel.title, left, top - 15);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawRect(left, top, right - left, bottom - top);
        for (int k = 0; k <= 4; k++) {
            double t = lo + (hi - lo) * k / 4;
            int y = bottom - (int) ((bottom - top) * k / 4.0);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left + 1, y, right - 1, y);
            g.setColor(Color.BLACK);
            String label = panel.logY ? String.format(Locale.ROOT, "%.2g", Math.pow(10, t)) : String.format(Locale.ROOT, "%.3g", t);
            g.drawString(label, x0 + 5, y + 4);
        }
        g.drawString(xLabel + " (1 … " + n + ")", (left + right) / 2 - 30, h - 20);
        for (int si = 0; si < panel.series.size(); si++) {
            Series s = panel.series.get(si);
            g.setColor(COLORS[si % COLORS.length]);
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (int i = 0; i < s.y.length; i++) {
                double v = s.y[i];
                if (!Double.isFinite(v) || (panel.logY && v <= 0)) {
                    px = -1;
                    continue;
                }
                double t = panel.logY ? Math.log10(v) : v;
                int x = left + (n <= 1 ? 0 : (int) ((right - left) * (double) i / (n - 1)));
                int y = bottom - (int) ((bottom - top) * (t - lo) / (hi - lo));
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.drawString(s.name, right - 150, top + 18 + 16 * si);
        }
    }
}
