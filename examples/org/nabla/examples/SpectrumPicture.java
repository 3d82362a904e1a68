package org.nabla.examples;

import java.util.Locale;
import org.nabla.compress.MarchenkoPastur;
import org.nabla.compress.RandomMatrixPruning;

/**
 * The spectrum picture of random-matrix pruning as SVG text: the histogram of the eigenvalues of
 * WᵀW / N (as a density), the fitted Marchenko–Pastur density f(x) on top, and the Tracy–Widom-corrected
 * edge λ₊ as a vertical line; the eigenvalues beyond the right end of the plot are counted in its title.
 */
public final class SpectrumPicture {
    private static final int W = 640;
    private static final int H = 320;
    private static final int M = 40;

    private SpectrumPicture() {
    }

    /**
     * The picture of one fit.
     *
     * @param fit the fitted spectrum
     * @param title the title (the layer)
     * @param bins histogram bins between 0 and 2λ₊
     */
    public static String svg(RandomMatrixPruning fit, String title, int bins) {
        double[] ev = fit.eigenvalues().toArray();
        double xmax = 2 * fit.edge();
        double width = xmax / bins;
        int[] counts = new int[bins];
        int beyond = 0;
        for (double x : ev) {
            int b = (int) (x / width);
            if (b >= bins) {
                beyond++;
            } else {
                counts[Math.max(b, 0)]++;
            }
        }
        MarchenkoPastur mp = fit.law();
        double ymax = 0;
        for (int c : counts) {
            ymax = Math.max(ymax, c / (ev.length * width));
        }
        for (int i = 1; i < 400; i++) {
            ymax = Math.max(ymax, mp.density(i * xmax / 400));
        }
        ymax *= 1.1;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                W, H));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\">%s: %d eigenvalues, %d above the edge"
                + " (%d beyond the plot)</text>%n", M, title, ev.length, fit.kept(), beyond));
        for (int b = 0; b < bins; b++) {
            double h = counts[b] / (ev.length * width) / ymax * (H - 2 * M);
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                    + " fill=\"#9ecae1\" stroke=\"#3182bd\"/>%n", px(b * width, xmax), H - M - h,
                    px(width, xmax) - M, h));
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i <= 400; i++) {
            double x = i * xmax / 400;
            path.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px(x, xmax),
                    H - M - mp.density(x) / ymax * (H - 2 * M)));
        }
        s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\"/>\n");
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\""
                + " stroke-dasharray=\"4 3\"/>%n", px(fit.edge(), xmax), M, px(fit.edge(), xmax), H - M));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", M,
                H - M, W - M, H - M));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">0</text><text x=\"%d\" y=\"%d\""
                + " text-anchor=\"end\">%.4g</text>%n", M, H - M + 15, W - M, H - M + 15, xmax));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">edge %.4g</text>%n", px(fit.edge(), xmax) + 4,
                M + 12, fit.edge()));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#d62728\">Marchenko–Pastur,"
                + " σ² = %.4g, γ = %.2f</text>%n</svg>%n", W - M - 260, M + 30, mp.variance(), mp.ratio()));
        return s.toString();
    }

    private static double px(double x, double xmax) {
        return M + x / xmax * (W - 2 * M);
    }
}
