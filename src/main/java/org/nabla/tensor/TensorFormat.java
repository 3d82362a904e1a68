package org.nabla.tensor;

import java.util.Locale;

/** NumPy-like printing of tensors (see {@link Tensor#toString()}). */
final class TensorFormat {
    private static final int SUMMARIZE_ABOVE = 1000;
    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        double[] d = t.toArray();
        int[] dims = t.shape().dims();
        boolean summarize = d.length > SUMMARIZE_ABOVE;
        boolean allInts = true;
        double maxAbs = 0;
        for (double v : d) {
            if (Double.isFinite(v)) {
                if (v != Math.rint(v)) {
                    allInts = false;
                }
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        boolean sci = maxAbs >= 1e8 || (maxAbs > 0 && maxAbs < 1e-4);
        String[] cells = new String[d.length];
        int width = 0;
        for (int i = 0; i < d.length; i++) {
            cells[i] = cell(d[i], allInts, sci);
            width = Math.max(width, cells[i].length());
        }
        StringBuilder sb = new StringBuilder("tensor(");
        if (dims.length == 0) {
            sb.append(cells[0]);
        } else {
            append(sb, cells, dims, 0, 0, width, summarize, "tensor(".length());
        }
        if (d.length == 0 || summarize || dims.length == 0) {
            sb.append(", shape=").append(t.shape());
        }
        return sb.append(')').toString();
    }

    private static String cell(double v, boolean allInts, boolean sci) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (allInts && !sci) {
            return String.format(Locale.ROOT, "%.0f.", v);
        }
        if (sci) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static int stride(int[] dims, int axis) {
        int s = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            s *= dims[i];
        }
        return s;
    }

    private static void append(StringBuilder sb, String[] cells, int[] dims, int axis, int base, int width,
                               boolean summarize, int indent) {
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
                String c = cells[base + i];
                sb.append(" ".repeat(width - c.length())).append(c);
                if (i < n - 1) {
                    sb.append(", ");
                }
            } else {
                append(sb, cells, dims, axis + 1, base + i * st, width, summarize, indent);
                if (i < n - 1) {
                    sb.append(",").append("\n".repeat(dims.length - axis - 1)).append(" ".repeat(indent + axis + 1));
                }
            }
        }
        sb.append(']');
    }
}
