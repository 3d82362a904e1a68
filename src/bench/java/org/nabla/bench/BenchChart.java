package org.nabla.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A horizontal bar chart of the Nabla / peer ratios of {@code src/bench/run-all.sh}, drawn with
 * java.awt: one bar per workload on a logarithmic axis, starting at parity (1); green when Nabla is
 * faster (or smaller), red when it is slower. Usage:
 * {@code java org.nabla.bench.BenchChart results.txt out.png}, where each line of results.txt is
 * {@code WORKLOAD nabla=… peer=… ratio=… [peer_is=…] [nabla_threads=…] …}.
 */
public final class BenchChart {
    private static final int ROW = 26;
    private static final int LABEL_WIDTH = 330;
    private static final int PLOT_WIDTH = 560;

    private record Bar(String label, double ratio) {
    }

    private BenchChart() {
    }

    private static String value(String[] tokens, String key, String absent) {
        for (String t : tokens) {
            if (t.startsWith(key + "=")) {
                return t.substring(key.length() + 1);
            }
        }
        return absent;
    }

    /** The ratio of line {@code lineNo} of {@code file}: a positive finite number, or a message naming the line. */
    private static double ratio(String file, int lineNo, String text) {
        double r;
        try {
            r = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            r = Double.NaN;
        }
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("BenchChart: " + file + ", line " + lineNo
                    + ": expected ratio=<a positive number>, got ratio=" + text);
        }
        return r;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (args.length != 2) {
            throw new IllegalArgumentException("BenchChart: expected two arguments, results.txt and out.png; got "
                    + args.length);
        }
        List<Bar> bars = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        for (int i = 0; i < lines.size(); i++) {
            String[] t = lines.get(i).trim().split("\\s+");
            if (t.length < 4) {
                continue;
            }
            String who = "Nabla " + value(t, "nabla_threads", "1") + "t vs " + value(t, "peer_is", "peer");
            bars.add(new Bar(t[0] + "  (" + who + ")", ratio(args[0], i + 1, value(t, "ratio", ""))));
        }
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("BenchChart: " + args[0] + " has no result lines (WORKLOAD nabla=… peer=… ratio=…)");
        }
        double min = bars.stream().mapToDouble(Bar::ratio).min().orElse(1);
        double max = bars.stream().mapToDouble(Bar::ratio).max().orElse(1);
        int lo = (int) Math.floor(Math.log10(Math.min(min, 0.1)));
        int hi = (int) Math.ceil(Math.log10(Math.max(max, 10)));
        int top = 50;
        int left = LABEL_WIDTH;
        int w = LABEL_WIDTH + PLOT_WIDTH + 60;
        int h = top + ROW * bars.size() + 40;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("Nabla / peer: time (memory for *_peak_rss), log scale; below 1 (green): Nabla faster or smaller", 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int bottom = top + ROW * bars.size();
        for (int e = lo; e <= hi; e++) {
            int x = left + (int) ((double) (e - lo) / (hi - lo) * PLOT_WIDTH);
            g.setColor(e == 0 ? Color.DARK_GRAY : new Color(0xdddddd));
            g.setStroke(new BasicStroke(e == 0 ? 2f : 1f));
            g.drawLine(x, top - 8, x, bottom);
            g.setColor(Color.BLACK);
            String tick = e >= 0 ? String.valueOf((long) Math.pow(10, e)) : String.valueOf(Math.pow(10, e));
            g.drawString(tick, x - g.getFontMetrics().stringWidth(tick) / 2, bottom + 16);
        }
        g.setStroke(new BasicStroke(1f));
        int x1 = left + (int) ((double) -lo / (hi - lo) * PLOT_WIDTH);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = top + ROW * i;
            g.setColor(Color.BLACK);
            g.drawString(b.label(), 10, y + ROW / 2 + 5);
            int x2 = left + (int) ((Math.log10(b.ratio()) - lo) / (hi - lo) * PLOT_WIDTH);
            g.setColor(b.ratio() <= 1 ? new Color(0x2ca02c) : new Color(0xd62728));
            g.fillRect(Math.min(x1, x2), y + 5, Math.max(2, Math.abs(x2 - x1)), ROW - 10);
            g.setColor(Color.BLACK);
            String r = String.format(Locale.ROOT, "%.2f", b.ratio());
            int tx = b.ratio() <= 1 ? Math.min(x1, x2) - g.getFontMetrics().stringWidth(r) - 4 : Math.max(x1, x2) + 4;
            g.drawString(r, tx, y + ROW / 2 + 5);
        }
        g.dispose();
        ImageIO.write(img, "png", new File(args[1]));
    }
}
