package org.nabla.tensor;

/**
 * The factories of {@link Tensor} that build or compute their elements: from rows or values,
 * constant fills, the identity matrix, ranges, evenly spaced points, seeded random draws (docs/design.md, decision 6) and one-hot encodings.
 */
final class Creation {
    private Creation() {
    }

    static Tensor of(double[][] rows) {
        int m = rows.length;
        int n = m == 0 ? 0 : rows[0].length;
        double[] d = new double[m * n];
        for (int i = 0; i < m; i++) {
            if (rows[i].length != n) {
                throw new IllegalArgumentException("Tensor.of: row " + i + " has length " + rows[i].length
                        + " but row 0 has length " + n + " (expected rows of equal length)");
            }
            System.arraycopy(rows[i], 0, d, i * n, n);
        }
        return Tensor.wrap(Shape.of(m, n), d);
    }

    static Tensor of(Shape shape, double[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("Tensor.of: shape " + shape + " needs " + shape.size()
                    + " values, got " + values.length);
        }
        return Tensor.wrap(shape, values.clone());
    }

    static Tensor full(Shape shape, double value) {
        double[] d = new double[shape.size()];
        if (Double.doubleToRawLongBits(value) != 0L) { // +0.0 is the array's default; −0.0 is not
            java.util.Arrays.fill(d, value);
        }
        return Tensor.wrap(shape, d);
    }

    static Tensor eye(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("eye: n must be ≥ 0, got " + n);
        }
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1.0;
        }
        return Tensor.wrap(Shape.of(n, n), d);
    }

    static Tensor arange(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("arange: n must be ≥ 0, got " + n);
        }
        return arange(0, n, 1);
    }

    static Tensor arange(double start, double stop, double step) {
        String call = "arange(" + start + ", " + stop + ", " + step + ")";
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        }
        if (!Double.isFinite(start) || !Double.isFinite(stop) || !Double.isFinite(step)) {
            throw new IllegalArgumentException(call + ": start, stop and step must be finite numbers");
        }
        double count = Math.max(0, Math.ceil((stop - start) / step));
        if (!(count <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(call + ": shape [" + (Double.isInfinite(count) ? "∞"
                    : new java.math.BigDecimal(count).toPlainString()) + "] has more than " + Integer.MAX_VALUE
                    + " elements");
        }
        int n = (int) count;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = start + i * step;
        }
        return Tensor.wrap(Shape.of(n), d);
    }

    static Tensor linspace(double start, double stop, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("linspace: n must be ≥ 0, got " + n);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = n == 1 ? start : start + (stop - start) * i / (n - 1);
        }
        if (n > 1) {
            d[n - 1] = stop;
        }
        return Tensor.wrap(Shape.of(n), d);
    }

    static Tensor uniform(Rng rng, double low, double high, int... shape) {
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.uniform(low, high);
        }
        return Tensor.wrap(s, d);
    }

    static Tensor normal(Rng rng, double mean, double std, int... shape) {
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.normal(mean, std);
        }
        return Tensor.wrap(s, d);
    }

    static Tensor bernoulli(Rng rng, double p, int... shape) {
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.bernoulli(p);
        }
        return Tensor.wrap(s, d);
    }

    static Tensor permutation(Rng rng, int n) {
        int[] p = rng.permutation(n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = p[i];
        }
        return Tensor.wrap(Shape.of(n), d);
    }

    /**
     * One-hot encoding: row i has a 1 in column labels[i]. Shape (n, numClasses).
     *
     * @throws IllegalArgumentException when a label is outside [0, numClasses)
     */
    static Tensor oneHot(int[] labels, int numClasses) {
        double[] d = new double[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("oneHot: label " + labels[i] + " at position " + i
                        + " is out of range (expected 0 ≤ label < " + numClasses + ")");
            }
            d[i * numClasses + labels[i]] = 1.0;
        }
        return Tensor.wrap(Shape.of(labels.length, numClasses), d);
    }
}
