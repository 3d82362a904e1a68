package org.nabla.tensor.internal;

/**
 * The geometry of a window sliding over the planes of an image (C, H, W), shared by convolution and
 * pooling (Dumoulin &amp; Visin, "A guide to convolution arithmetic for deep learning", 2016, §2–5):
 * a kernel of size (k_h, k_w), stride s, zero padding p and dilation d give the output size
 * <pre>
 *   H_out = ⌊(H + 2p_h − d_h(k_h − 1) − 1) / s_h⌋ + 1   (likewise W_out),
 * </pre>
 * and output position (oh, ow) sees the input pixels (oh·s_h − p_h + i·d_h, ow·s_w − p_w + j·d_w)
 * for 0 ≤ i &lt; k_h, 0 ≤ j &lt; k_w.
 *
 * <p>It also carries out, for one image at a time, the two rearrangements that turn a convolution into
 * a matrix product (Chellapilla, Puri &amp; Simard, 2006): {@link #unfold im2col}, which lays every
 * window out as a column,
 * <pre>
 *   cols[(c·k_h + i)·k_w + j, oh·W_out + ow] = x[c, oh·s_h − p_h + i·d_h, ow·s_w − p_w + j·d_w]
 * </pre>
 * (positions in the padding read a given value), and its adjoint {@link #foldAdd col2im}, which adds
 * every column entry back to the pixel it was read from. The arrays are plain row-major blocks: an
 * image is C·H·W numbers, its columns {@link #rows()}·{@link #cols()}.
 */
public final class SlidingWindow {
    /** Input channels C. */
    public final int channels;
    /** Input height H. */
    public final int height;
    /** Input width W. */
    public final int width;
    /** Kernel height k_h. */
    public final int kh;
    /** Kernel width k_w. */
    public final int kw;
    /** Vertical stride s_h. */
    public final int sh;
    /** Horizontal stride s_w. */
    public final int sw;
    /** Vertical zero padding p_h (rows added above and below). */
    public final int ph;
    /** Horizontal zero padding p_w (columns added left and right). */
    public final int pw;
    /** Vertical dilation d_h. */
    public final int dh;
    /** Horizontal dilation d_w. */
    public final int dw;
    /** Output height H_out. */
    public final int outH;
    /** Output width W_out. */
    public final int outW;

    /**
     * The geometry of a (k_h, k_w) window over (C, H, W) planes.
     *
     * @param op the name of the operation asking, for error messages
     * @throws IllegalArgumentException when a kernel size, stride or dilation is below 1, a padding is
     *     negative, the number of channels, the height or the width is below 1, or the output would be
     *     empty
     */
    public SlidingWindow(String op, int channels, int height, int width, int kh, int kw, int sh, int sw, int ph, int pw,
                         int dh, int dw) {
        if (kh < 1 || kw < 1 || sh < 1 || sw < 1 || dh < 1 || dw < 1 || ph < 0 || pw < 0) {
            throw new IllegalArgumentException(op + ": expected kernel, stride and dilation ≥ 1 and padding ≥ 0, got kernel ("
                    + kh + ", " + kw + "), stride (" + sh + ", " + sw + "), padding (" + ph + ", " + pw
                    + "), dilation (" + dh + ", " + dw + ")");
        }
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(op + ": expected an input with at least one channel and pixel, got ("
                    + channels + ", " + height + ", " + width + ")");
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
        this.ph = ph;
        this.pw = pw;
        this.dh = dh;
        this.dw = dw;
        // in long: a large padding or dilation must not wrap around
        long oh = Math.floorDiv(height + 2L * ph - (long) dh * (kh - 1) - 1, (long) sh) + 1;
        long ow = Math.floorDiv(width + 2L * pw - (long) dw * (kw - 1) - 1, (long) sw) + 1;
        if (oh > Integer.MAX_VALUE || ow > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": padding (" + ph + ", " + pw + ") makes the output of an input of size ("
                    + height + ", " + width + ") too large: (" + oh + ", " + ow + ")");
        }
        this.outH = (int) Math.max(oh, Integer.MIN_VALUE);
        this.outW = (int) Math.max(ow, Integer.MIN_VALUE);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(op + ": input of size (" + height + ", " + width
                    + ") is too small for kernel (" + kh + ", " + kw + ") with padding (" + ph + ", " + pw
                    + ") and dilation (" + dh + ", " + dw + "): output would be (" + oh + ", " + ow + ")");
        }
    }

    /** Rows of the column matrix: C·k_h·k_w, one per (channel, kernel position). */
    public int rows() {
        return channels * kh * kw;
    }

    /** Columns of the column matrix: H_out·W_out, one per output position. */
    public int cols() {
        return outH * outW;
    }

    /** The first output column ow whose kernel column j reads inside the image (ow·s_w − p_w + j·d_w ≥ 0). */
    private int firstInside(int j) {
        int need = pw - j * dw; // ow·s_w ≥ need
        return need <= 0 ? 0 : Math.min(outW, (need + sw - 1) / sw);
    }

    /** One past the last output column ow whose kernel column j reads inside the image (… &lt; W). */
    private int endInside(int j) {
        int limit = width - 1 + pw - j * dw; // ow·s_w ≤ limit
        return limit < 0 ? 0 : Math.min(outW, limit / sw + 1);
    }

    /**
     * im2col of one image: cols[colsOff …] ({@link #rows()} × {@link #cols()}, overwritten) from
     * x[xOff …] (C × H × W); positions in the padding read {@code padValue}.
     */
    public void unfold(double[] x, int xOff, double[] cols, int colsOff, double padValue) {
        int hw = height * width;
        int ncols = cols();
        for (int c = 0; c < channels; c++) {
            int srcBase = xOff + c * hw;
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int dst = colsOff + ((c * kh + i) * kw + j) * ncols;
                    // columns ow in [lo, hi) read inside the image; the others read the padding
                    int lo = firstInside(j);
                    int hi = endInside(j);
                    int x0 = lo * sw - pw + j * dw;
                    for (int oh = 0; oh < outH; oh++) {
                        int y = oh * sh - ph + i * dh;
                        int d = dst + oh * outW;
                        if (y < 0 || y >= height || lo >= hi) {
                            java.util.Arrays.fill(cols, d, d + outW, padValue);
                            continue;
                        }
                        if (lo > 0) {
                            java.util.Arrays.fill(cols, d, d + lo, padValue);
                        }
                        if (hi < outW) {
                            java.util.Arrays.fill(cols, d + hi, d + outW, padValue);
                        }
                        int from = srcBase + y * width + x0;
                        if (sw == 1) {
                            System.arraycopy(x, from, cols, d + lo, hi - lo);
                        } else {
                            for (int ow = lo; ow < hi; ow++, from += sw) {
                                cols[d + ow] = x[from];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * col2im of one image: x[xOff …] (C × H × W) += every entry of cols[colsOff …]
     * ({@link #rows()} × {@link #cols()}) at the pixel it was read from; entries that came from the
     * padding are dropped. x is added to, not overwritten.
     */
    public void foldAdd(double[] cols, int colsOff, double[] x, int xOff) {
        int hw = height * width;
        int ncols = cols();
        for (int c = 0; c < channels; c++) {
            int dstBase = xOff + c * hw;
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int s = colsOff + ((c * kh + i) * kw + j) * ncols;
                    // columns ow in [lo, hi) came from inside the image; the others from the padding
                    int lo = firstInside(j);
                    int hi = endInside(j);
                    int x0 = lo * sw - pw + j * dw;
                    for (int oh = 0; oh < outH; oh++) {
                        int y = oh * sh - ph + i * dh;
                        if (y < 0 || y >= height) {
                            continue;
                        }
                        int to = dstBase + y * width + x0;
                        int so = s + oh * outW;
                        if (sw == 1) {
                            for (int ow = lo; ow < hi; ow++) {
                                x[to + ow - lo] += cols[so + ow];
                            }
                        } else {
                            for (int ow = lo; ow < hi; ow++, to += sw) {
                                x[to] += cols[so + ow];
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SlidingWindow(channels=" + channels + ", input=(" + height + ", " + width + "), kernel=(" + kh + ", " + kw
                + "), stride=(" + sh + ", " + sw + "), padding=(" + ph + ", " + pw + "), dilation=(" + dh + ", " + dw
                + "), output=(" + outH + ", " + outW + "))";
    }
}
