package org.nabla.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.nabla.tensor.internal.Convolution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bit-for-bit checks of the convolution kernels and of MatMul's accumulate mode against plain loops
 * that repeat their documented order of summation, over random geometries (stride, padding larger
 * than the kernel, dilation, groups, the pointwise path, batches of 0 to 33 images so that the blocks
 * of 16 of the weight gradient end short) and random products (k = 0 and k &lt; 4, transposed operands,
 * offsets, −0), each at 1, 2 and 3 or 4 threads.
 */
class ConvolutionBitwiseTest {
    private final int threadsBefore = Parallelism.threads();

    @AfterEach
    void restore() {
        Parallelism.setThreads(threadsBefore);
    }

    static int out(int h, int p, int d, int k, int s) {
        return Math.floorDiv(h + 2 * p - d * (k - 1) - 1, s) + 1;
    }

    /** value of im2col entry (c, i, j) at (oh, ow) of image b, group gi. */
    static double col(double[] x, int cin, int h, int w, int b, int ch, int i, int j, int oh, int ow,
                      int sh, int sw, int ph, int pw, int dh, int dw) {
        int y = oh * sh - ph + i * dh;
        int xx = ow * sw - pw + j * dw;
        if (y < 0 || y >= h || xx < 0 || xx >= w) {
            return 0.0;
        }
        return x[((b * cin + ch) * h + y) * w + xx];
    }

    static String diff(double[] a, double[] e, boolean ignoreZeroSign) {
        if (a.length != e.length) {
            return "length " + a.length + " vs " + e.length;
        }
        for (int i = 0; i < a.length; i++) {
            boolean same = Double.doubleToRawLongBits(a[i]) == Double.doubleToRawLongBits(e[i])
                    || (ignoreZeroSign && a[i] == 0.0 && e[i] == 0.0);
            if (!same) {
                return "index " + i + ": actual " + a[i] + " expected " + e[i];
            }
        }
        return null;
    }

    @Test
    void convolutionsEqualLoopsInTheDocumentedOrderBitForBit() {
        Random r = new Random(42);
        int cases = 0;
        StringBuilder failures = new StringBuilder();
        for (int iter = 0; iter < 300 && failures.length() < 4000; iter++) {
            boolean big = iter % 10 == 0;
            int groups = 1 + r.nextInt(3);
            int cg = big ? 1 + r.nextInt(20) : 1 + r.nextInt(3);
            int og = big ? 1 + r.nextInt(70) : 1 + r.nextInt(4);
            int kh = 1 + r.nextInt(4), kw = 1 + r.nextInt(4);
            int sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(3);
            int ph = r.nextInt(4), pw = r.nextInt(4);
            int dh = 1 + r.nextInt(3), dw = 1 + r.nextInt(3);
            if (r.nextInt(5) == 0) { kh = kw = 1; sh = sw = 1; ph = pw = 0; }
            int h = 1 + r.nextInt(big ? 24 : 9), w = 1 + r.nextInt(big ? 24 : 9);
            int[] ns = {0, 1, 2, 3, 17, 33};
            int n = ns[r.nextInt(ns.length)];
            if (big && n > 3) n = 17;
            int oh = out(h, ph, dh, kh, sh), ow = out(w, pw, dw, kw, sw);
            if (oh < 1 || ow < 1) continue;
            cases++;
            int cin = cg * groups, cout = og * groups;
            Rng rng = new Rng(iter);
            Tensor x = Tensor.randn(rng, n, cin, h, w);
            Tensor wt = Tensor.randn(rng, cout, cg, kh, kw);
            Tensor gy = Tensor.randn(rng, n, cout, oh, ow);
            double[] xd = x.toArray(), wd = wt.toArray(), gd = gy.toArray();
            int kg = cg * kh * kw, pos = oh * ow;
            // conv2d reference
            double[] y = new double[n * cout * pos];
            double[] gx = new double[n * cin * h * w];
            double[] gw = new double[cout * kg];
            int blocks = (n + 15) / 16;
            double[][] part = new double[Math.max(blocks, 1)][cout * kg];
            for (int b = 0; b < n; b++) {
                for (int gi = 0; gi < groups; gi++) {
                    double[][] cols = new double[kg][pos];
                    for (int c = 0; c < cg; c++) for (int i = 0; i < kh; i++) for (int j = 0; j < kw; j++)
                        for (int a = 0; a < oh; a++) for (int bb = 0; bb < ow; bb++)
                            cols[(c * kh + i) * kw + j][a * ow + bb] = col(xd, cin, h, w, b, gi * cg + c, i, j, a, bb, sh, sw, ph, pw, dh, dw);
                    for (int o = 0; o < og; o++) for (int l = 0; l < pos; l++) {
                        double acc = 0.0;
                        for (int q = 0; q < kg; q++) acc += wd[(gi * og + o) * kg + q] * cols[q][l];
                        y[(b * cout + gi * og + o) * pos + l] = acc;
                    }
                    // input gradient
                    double[][] gc = new double[kg][pos];
                    for (int q = 0; q < kg; q++) for (int l = 0; l < pos; l++) {
                        double acc = 0.0;
                        for (int o = 0; o < og; o++) acc += wd[(gi * og + o) * kg + q] * gd[(b * cout + gi * og + o) * pos + l];
                        gc[q][l] = acc;
                    }
                    for (int c = 0; c < cg; c++) for (int i = 0; i < kh; i++) for (int j = 0; j < kw; j++)
                        for (int a = 0; a < oh; a++) for (int bb = 0; bb < ow; bb++) {
                            int yy = a * sh - ph + i * dh, xx = bb * sw - pw + j * dw;
                            if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                            gx[((b * cin + gi * cg + c) * h + yy) * w + xx] += gc[(c * kh + i) * kw + j][a * ow + bb];
                        }
                    // weight gradient
                    int t = b / 16;
                    boolean first = b % 16 == 0;
                    for (int o = 0; o < og; o++) for (int q = 0; q < kg; q++) {
                        int idx = (gi * og + o) * kg + q;
                        double acc = first ? 0.0 : part[t][idx];
                        for (int l = 0; l < pos; l++) acc += gd[(b * cout + gi * og + o) * pos + l] * cols[q][l];
                        part[t][idx] = acc;
                    }
                }
            }
            if (n > 0) {
                System.arraycopy(part[0], 0, gw, 0, gw.length);
                for (int t = 1; t < blocks; t++) for (int i = 0; i < gw.length; i++) gw[i] += part[t][i];
            }
            int[] s = {sh, sw}, p = {ph, pw}, d = {dh, dw};
            String geo = String.format("n=%d groups=%d cg=%d og=%d h=%d w=%d k=(%d,%d) s=(%d,%d) p=(%d,%d) d=(%d,%d)",
                    n, groups, cg, og, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
            for (int threads : new int[] {1, 2, 3}) {
                Parallelism.setThreads(threads);
                String e1 = diff(Convolution.conv2d(x, wt, s, p, d, groups).toArray(), y, false);
                String e2 = diff(Convolution.conv2dInputGradient(gy, wt, h, w, s, p, d, groups).toArray(), gx, true);
                String e3 = diff(Convolution.conv2dWeightGradient(x, gy, kh, kw, s, p, d, groups).toArray(), gw, false);
                if (e1 != null) failures.append("conv2d ").append(geo).append(" t=").append(threads).append(": ").append(e1).append('\n');
                if (e2 != null) failures.append("inputGrad ").append(geo).append(" t=").append(threads).append(": ").append(e2).append('\n');
                if (e3 != null) failures.append("weightGrad ").append(geo).append(" t=").append(threads).append(": ").append(e3).append('\n');
            }
        }
        assertThat(cases).isGreaterThan(150);
        assertThat(failures.toString()).isEmpty();
    }

    @Test
    void accumulatingProductsEqualTheTripleLoopBitForBit() {
        Random r = new Random(7);
        StringBuilder failures = new StringBuilder();
        for (int iter = 0; iter < 200 && failures.length() < 4000; iter++) {
            int m = 1 + r.nextInt(r.nextBoolean() ? 9 : 140);
            int k = r.nextInt(r.nextBoolean() ? 6 : 300);
            int n = 1 + r.nextInt(r.nextBoolean() ? 40 : 600);
            boolean at = r.nextBoolean(), bt = r.nextBoolean(), acc = r.nextBoolean();
            Rng rng = new Rng(iter);
            double[] a = Tensor.randn(rng, m * k + 3).toArray();
            double[] b = Tensor.randn(rng, k * n + 5).toArray();
            double[] c0 = Tensor.randn(rng, m * n + 7).toArray();
            for (int i = 0; i < c0.length; i += 5) c0[i] = -0.0;
            for (int i = 0; i < a.length; i += 7) a[i] = -0.0;
            int aOff = 3, bOff = 5, cOff = 7;
            int ars = at ? 1 : k, acs = at ? m : 1, brs = bt ? 1 : n, bcs = bt ? k : 1;
            double[] e = c0.clone();
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
                double s = acc ? c0[cOff + i * n + j] : 0.0;
                for (int q = 0; q < k; q++) s += a[aOff + i * ars + q * acs] * b[bOff + q * brs + j * bcs];
                e[cOff + i * n + j] = s;
            }
            for (int threads : new int[] {1, 2, 4}) {
                Parallelism.setThreads(threads);
                double[] c = c0.clone();
                MatMul.multiply(a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, m, k, n, acc);
                String err = diff(c, e, false);
                if (err != null) failures.append(String.format("m=%d k=%d n=%d at=%b bt=%b acc=%b t=%d: %s%n", m, k, n, at, bt, acc, threads, err));
            }
        }
        assertThat(failures.toString()).isEmpty();
    }
}
