package org.nabla.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.nabla.tensor.Tensor;

/**
 * Small PNG writers for the probabilistic examples, with the JDK alone (java.awt, headless): a grid
 * of grey images, scatter panels and a predictive band. Files are written atomically (temporary file,
 * then rename).
 */
public final class ProbabilityPlots {
    private static final int PANEL = 360;
    private static final int MARGIN = 30;

    private ProbabilityPlots() {
    }

    /**
     * Images of shape (n, h, w) with values in [0, 1] (1 = black ink) in rows of {@code columns}, each
     * pixel drawn as a {@code scale} × {@code scale} square.
     */
    public static void imageGrid(Tensor images, int columns, int scale, Path file) throws IOException {
        int n = images.dim(0);
        int h = images.dim(1);
        int w = images.dim(2);
        int rows = (n + columns - 1) / columns;
        int cell = Math.max(h, w) * scale + 2;
        BufferedImage img = new BufferedImage(columns * cell, rows * cell, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0xdddddd));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        double[] v = images.toArray();
        for (int k = 0; k < n; k++) {
            int ox = (k % columns) * cell + 1;
            int oy = (k / columns) * cell + 1;
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    int grey = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, v[(k * h + i) * w + j]))));
                    g.setColor(new Color(grey, grey, grey));
                    g.fillRect(ox + j * scale, oy + i * scale, scale, scale);
                }
            }
        }
        g.dispose();
        write(img, file);
    }

    /** Side-by-side scatter panels of 2-d points (each a tensor of shape (n, 2)) on a common square window. */
    public static void scatter(Path file, double low, double high, String[] titles, Tensor... points) throws IOException {
        BufferedImage img = canvas(points.length);
        Graphics2D g = graphics(img);
        for (int p = 0; p < points.length; p++) {
            int ox = p * PANEL;
            frame(g, ox, titles[p]);
            double[] v = points[p].toArray();
            g.setColor(new Color(31, 119, 180, 120));
            for (int i = 0; i + 1 < v.length; i += 2) {
                double px = ox + MARGIN + (v[i] - low) / (high - low) * (PANEL - 2 * MARGIN);
                double py = PANEL - MARGIN - (v[i + 1] - low) / (high - low) * (PANEL - 2 * MARGIN);
                if (px >= ox + MARGIN && px <= ox + PANEL - MARGIN && py >= MARGIN && py <= PANEL - MARGIN) {
                    g.fillOval((int) px - 2, (int) py - 2, 4, 4);
                }
            }
        }
        g.dispose();
        write(img, file);
    }

    /**
     * A 1-d regression picture: the band mean ± 2·std (shaded), the mean (line) and the data (dots),
     * x from {@code xs} (sorted), y window [yLow, yHigh].
     */
    public static void band(Path file, String title, double[] xs, double[] mean, double[] std, double[] dataX,
                            double[] dataY, double yLow, double yHigh) throws IOException {
        BufferedImage img = canvas(2);
        Graphics2D g = graphics(img);
        int width = 2 * PANEL;
        double x0 = xs[0];
        double x1 = xs[xs.length - 1];
        java.util.function.DoubleUnaryOperator px = x -> MARGIN + (x - x0) / (x1 - x0) * (width - 2 * MARGIN);
        java.util.function.DoubleUnaryOperator py = y -> PANEL - MARGIN
                - (Math.max(yLow, Math.min(yHigh, y)) - yLow) / (yHigh - yLow) * (PANEL - 2 * MARGIN);
        g.setColor(Color.GRAY);
        g.drawRect(MARGIN, MARGIN, width - 2 * MARGIN, PANEL - 2 * MARGIN);
        g.setColor(Color.BLACK);
        g.drawString(title, MARGIN, MARGIN - 10);
        g.drawString(String.format(java.util.Locale.ROOT, "x ∈ [%.1f, %.1f], y ∈ [%.1f, %.1f]", x0, x1, yLow, yHigh),
                MARGIN, PANEL - 8);
        Path2D.Double area = new Path2D.Double();
        for (int i = 0; i < xs.length; i++) {
            double x = px.applyAsDouble(xs[i]);
            double y = py.applyAsDouble(mean[i] + 2 * std[i]);
            if (i == 0) {
                area.moveTo(x, y);
            } else {
                area.lineTo(x, y);
            }
        }
        for (int i = xs.length - 1; i >= 0; i--) {
            area.lineTo(px.applyAsDouble(xs[i]), py.applyAsDouble(mean[i] - 2 * std[i]));
        }
        area.closePath();
        g.setColor(new Color(31, 119, 180, 70));
        g.fill(area);
        Path2D.Double line = new Path2D.Double();
        for (int i = 0; i < xs.length; i++) {
            if (i == 0) {
                line.moveTo(px.applyAsDouble(xs[i]), py.applyAsDouble(mean[i]));
            } else {
                line.lineTo(px.applyAsDouble(xs[i]), py.applyAsDouble(mean[i]));
            }
        }
        g.setColor(new Color(31, 119, 180));
        g.setStroke(new BasicStroke(2f));
        g.draw(line);
        g.setColor(new Color(214, 39, 40));
        for (int i = 0; i < dataX.length; i++) {
            g.fillOval((int) px.applyAsDouble(dataX[i]) - 3, (int) py.applyAsDouble(dataY[i]) - 3, 6, 6);
        }
        g.dispose();
        write(img, file);
    }

    private static BufferedImage canvas(int panels) {
        System.setProperty("java.awt.headless", "true");
        return new BufferedImage(panels * PANEL, PANEL, BufferedImage.TYPE_INT_RGB);
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }

    private static void frame(Graphics2D g, int ox, String title) {
        g.setColor(Color.GRAY);
        g.drawRect(ox + MARGIN, MARGIN, PANEL - 2 * MARGIN, PANEL - 2 * MARGIN);
        g.setColor(Color.BLACK);
        g.drawString(title, ox + MARGIN, MARGIN - 10);
    }

    private static void write(BufferedImage img, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            ImageIO.write(img, "png", tmp.toFile());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
