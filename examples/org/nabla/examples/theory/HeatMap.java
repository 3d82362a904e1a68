package org.nabla.examples.theory;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.nabla.tensor.Tensor;

/**
 * Matrices drawn side by side as heat maps and written to PNG with java.awt alone (headless). Each
 * panel is scaled to its own range [min, max] and coloured from white (min) through orange to dark
 * red (max); the title carries the range.
 */
public final class HeatMap {
    private record Panel(String title, Tensor matrix) {
    }

    private final List<Panel> panels = new ArrayList<>();

    /** Adds a panel showing a matrix (rank 2). */
    public HeatMap panel(String title, Tensor matrix) {
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("HeatMap.panel: '" + title + "' must be a matrix, got " + matrix.shape());
        }
        panels.add(new Panel(title, matrix));
        return this;
    }

    /** Draws every panel (each 260×290 pixels) and writes the PNG atomically. */
    public void write(Path file) throws IOException {
        if (panels.isEmpty()) {
            throw new IllegalStateException("HeatMap.write: no panels to draw into " + file);
        }
        System.setProperty("java.awt.headless", "true");
        int pw = 260;
        int ph = 290;
        BufferedImage img = new BufferedImage(pw * panels.size(), ph, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int p = 0; p < panels.size(); p++) {
            draw(g, panels.get(p), p * pw + 10, 40, pw - 20);
        }
        g.dispose();
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".heatmap", ".png");
        try {
            ImageIO.write(img, "png", tmp.toFile());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void draw(Graphics2D g, Panel panel, int x0, int y0, int size) {
        double[][] m = panel.matrix.toArray2d();
        int rows = m.length;
        int cols = m[0].length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : m) {
            for (double v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double span = hi > lo ? hi - lo : 1.0;
        double cell = (double) size / Math.max(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                g.setColor(color((m[i][j] - lo) / span));
                int x = x0 + (int) Math.floor(j * cell);
                int y = y0 + (int) Math.floor(i * cell);
                int w = x0 + (int) Math.floor((j + 1) * cell) - x;
                int h = y0 + (int) Math.floor((i + 1) * cell) - y;
                g.fillRect(x, y, Math.max(w, 1), Math.max(h, 1));
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(x0, y0, (int) Math.round(cols * cell), (int) Math.round(rows * cell));
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(panel.title, x0, y0 - 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawString(String.format(Locale.ROOT, "white %.3g … dark red %.3g", lo, hi), x0, y0 - 8);
    }

    /** t ∈ [0, 1] ↦ white → orange → dark red. */
    static Color color(double t) {
        double u = Math.max(0.0, Math.min(1.0, t));
        int r;
        int gr;
        int b;
        if (u < 0.5) {
            double s = u / 0.5;
            r = 255;
            gr = (int) Math.round(255 - s * (255 - 140));
            b = (int) Math.round(255 - s * 255);
        } else {
            double s = (u - 0.5) / 0.5;
            r = (int) Math.round(255 - s * (255 - 120));
            gr = (int) Math.round(140 - s * 140);
            b = 0;
        }
        return new Color(r, gr, b);
    }
}
