package org.nabla.optim;

/**
 * The checks the settings records run in their constructors, with one wording for every optimizer:
 * "SGD: invalid momentum -1.0 (must be >= 0)".
 */
final class Check {
    private Check() {
    }

    /** A finite number ≥ 0. */
    static double nonNegative(String owner, String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(owner + ": invalid " + name + " " + v + " (must be >= 0)");
        }
        return v;
    }

    /** A finite number &gt; 0. */
    static double positive(String owner, String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(owner + ": invalid " + name + " " + v + " (must be > 0)");
        }
        return v;
    }

    /** 0 ≤ v &lt; 1 (decay rates β). */
    static double unitInterval(String owner, String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(owner + ": invalid " + name + " " + v + " (must be in [0, 1))");
        }
        return v;
    }

    /** A whole number ≥ 1 (iteration counts, history sizes). */
    static int atLeastOne(String owner, String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(owner + ": invalid " + name + " " + v + " (must be a whole number ≥ 1)");
        }
        return v;
    }

    /** Not null (an enum choice). */
    static <T> T present(String owner, String name, T v, String choices) {
        if (v == null) {
            throw new IllegalArgumentException(owner + ": " + name + " must be " + choices + ", got null");
        }
        return v;
    }
}
