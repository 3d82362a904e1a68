package org.nabla.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A bar chart of Nabla/peer time ratios (log scale, 1 = parity, below 1 = Nabla faster), drawn with
 * java.awt. Usage: {@code java org.nabla.bench.BenchChart out.png name=ratio name=ratio …}.
 */
public final class BenchChart {
    private BenchChart() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        int n = args.length - 1;
        int w = 160 * Math.max(n, 1) + 120;
        int h = 420;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double lo = Math.log10(0.01);
        double hi = Math.log10(10);
        int top = 40;
        int bottom = h - 70;
        int left = 70;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("time ratio Nabla / PyTorch (one thread; below 1: Nabla faster)", left, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double r : new double[] {0.01, 0.1, 1, 10}) {
            int y = bottom - (int) ((Math.log10(r) - lo) / (hi - lo) * (bottom - top));
            g.setColor(r == 1 ? Color.DARK_GRAY : new Color(0xdddddd));
            g.drawLine(left, y, w - 20, y);
            g.setColor(Color.BLACK);
            g.drawString(String.valueOf(r), 10, y + 4);
        }
        for (int i = 0; i < n; i++) {
            String[] kv = args[i + 1].split("=");
            double r = Double.parseDouble(kv[1]);
            int x = left + 30 + 160 * i;
            int y1 = bottom - (int) ((Math.log10(1) - lo) / (hi - lo) * (bottom - top));
            int y2 = bottom - (int) ((Math.log10(Math.max(r, 0.01)) - lo) / (hi - lo) * (bottom - top));
            g.setColor(r <= 1 ? new Color(0x2ca02c) : new Color(0xd62728));
            g.fillRect(x, Math.min(y1, y2), 80, Math.max(2, Math.abs(y2 - y1)));
            g.setColor(Color.BLACK);
            g.drawString(kv[0], x, bottom + 20);
            g.drawString(String.format(Locale.ROOT, "%.2f", r), x + 20, Math.min(y1, y2) - 6);
        }
        g.dispose();
        ImageIO.write(img, "png", new File(args[0]));
    }
}
