package org.nabla.tensor;

import java.util.Locale;

/**
 * NumPy-like printing of tensors (see {@link Tensor#toString()}).
 *
 * <p>Whole numbers print as {@code 3.}; other values with four decimals, or in scientific notation
 * when the largest magnitude is ≥ 10⁸, the smallest non-zero magnitude is &lt; 10⁻⁴, or the two are
 * more than a factor 1000 apart (NumPy's rule). Only the elements shown count for these choices and
 * for the column width, and only they are formatted, so printing a large tensor is cheap.
 */
final class TensorFormat {
    private static final int SUMMARIZE_ABOVE = 1000;
    private static final int EDGE = 3;
    private static final String PREFIX = "tensor(";

    private TensorFormat() {
    }

    static String format(Tensor t) {
        double[] d = t.toArray();
        int[] dims = t.shape().dims();
        boolean summarize = d.length > SUMMARIZE_ABOVE;
        Style style = new Style();
        if (dims.length == 0) {
            style.observe(d[0]);
        } else {
            visit(dims, 0, 0, summarize, d, style);
        }
        style.decide();
        if (dims.length > 0) {
            style.measure = true;
            visit(dims, 0, 0, summarize, d, style);
            style.measure = false;
        }
        StringBuilder sb = new StringBuilder(PREFIX);
        if (dims.length == 0) {
            sb.append(style.cell(d[0]));
        } else {
            append(sb, d, dims, 0, 0, style, summarize);
        }
        if (d.length == 0 || summarize || dims.length == 0) {
            sb.append(", shape=").append(t.shape());
        }
        return sb.append(')').toString();
    }

    /** The formatting decisions, gathered over the elements shown. */
    private static final class Style {
        boolean allInts = true;
        double maxAbs;
        double minNonZero = Double.POSITIVE_INFINITY;
        boolean sci;
        boolean measure;
        int width;

        void observe(double v) {
            if (measure) {
                width = Math.max(width, cell(v).length());
                return;
            }
            if (Double.isFinite(v)) {
                if (v != Math.rint(v)) {
                    allInts = false;
                }
                double a = Math.abs(v);
                maxAbs = Math.max(maxAbs, a);
                if (a > 0) {
                    minNonZero = Math.min(minNonZero, a);
                }
            }
        }

        void decide() {
            sci = maxAbs >= 1e8
                    || (!allInts && (minNonZero < 1e-4 || (minNonZero < Double.POSITIVE_INFINITY
                    && maxAbs / minNonZero > 1e3)));
        }

        String cell(double v) {
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            if (sci) {
                return String.format(Locale.ROOT, "%.4e", v);
            }
            if (allInts) {
                return String.format(Locale.ROOT, "%.0f.", v);
            }
            return String.format(Locale.ROOT, "%.4f", v);
        }
    }

    private static int stride(int[] dims, int axis) {
        int s = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            s *= dims[i];
        }
        return s;
    }

    /** Calls style.observe for every element that will be shown, in printing order. */
    private static void visit(int[] dims, int axis, int base, boolean summarize, double[] d, Style style) {
        int n = dims[axis];
        int st = stride(dims, axis);
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) {
                i = n - EDGE - 1;
                continue;
            }
            if (axis == dims.length - 1) {
                style.observe(d[base + i]);
            } else {
                visit(dims, axis + 1, base + i * st, summarize, d, style);
            }
        }
    }

    private static void append(StringBuilder sb, double[] d, int[] dims, int axis, int base, Style style,
                               boolean summarize) {
        int indent = PREFIX.length();
        sb.append('[');
        int n = dims[axis];
        int st = stride(dims, axis);
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) {
                sb.append(axis == dims.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + axis + 1));
                i = n - EDGE - 1;
                continue;
            }
            if (axis == dims.length - 1) {
                String c = style.cell(d[base + i]);
                sb.append(" ".repeat(style.width - c.length())).append(c);
                if (i < n - 1) {
                    sb.append(", ");
                }
            } else {
                append(sb, d, dims, axis + 1, base + i * st, style, summarize);
                if (i < n - 1) {
                    sb.append(",").append("\n".repeat(dims.length - axis - 1)).append(" ".repeat(indent + axis + 1));
                }
            }
        }
        sb.append(']');
    }
}
