package org.nabla.tensor;

/**
 * The common elementwise functions of {@link Tensor}, each with a loop of its own instead of going
 * through {@link Tensor#map}: once map has been used with several functions, its loop calls f through
 * an interface per element, which costs several times the arithmetic (measured: ReLU of 301,056
 * elements 9.5 ns per element through map, 3 in a loop of its own).
 */
enum UnaryKernel {
    /** −a. */
    NEG {
        @Override
        void apply(double[] src, double[] r) {
            for (int i = 0; i < r.length; i++) {
                r[i] = -src[i];
            }
        }
    },
    /** |a|. */
    ABS {
        @Override
        void apply(double[] src, double[] r) {
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.abs(src[i]);
            }
        }
    },
    /** eᵃ. */
    EXP {
        @Override
        void apply(double[] src, double[] r) {
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.exp(src[i]);
            }
        }
    },
    /** ln a. */
    LOG {
        @Override
        void apply(double[] src, double[] r) {
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.log(src[i]);
            }
        }
    },
    /** √a. */
    SQRT {
        @Override
        void apply(double[] src, double[] r) {
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.sqrt(src[i]);
            }
        }
    },
    /** a². */
    SQUARE {
        @Override
        void apply(double[] src, double[] r) {
            for (int i = 0; i < r.length; i++) {
                r[i] = src[i] * src[i];
            }
        }
    },
    /** 1 / a. */
    RECIPROCAL {
        @Override
        void apply(double[] src, double[] r) {
            for (int i = 0; i < r.length; i++) {
                r[i] = 1.0 / src[i];
            }
        }
    },
    /** tanh a. */
    TANH {
        @Override
        void apply(double[] src, double[] r) {
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.tanh(src[i]);
            }
        }
    },
    /** σ(a) = 1 / (1 + e^(−a)), by {@link Tensor#sigmoid(double)}. */
    SIGMOID {
        @Override
        void apply(double[] src, double[] r) {
            for (int i = 0; i < r.length; i++) {
                r[i] = Tensor.sigmoid(src[i]);
            }
        }
    },
    /** max(a, 0); NaN stays NaN. */
    RELU {
        @Override
        void apply(double[] src, double[] r) {
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.max(src[i], 0.0);
            }
        }
    };

    /** r[i] = f(src[i]) for every i of r (both indexed from 0, of equal length). */
    abstract void apply(double[] src, double[] r);

    /** f applied to every element of t, as a new contiguous tensor of t's shape. */
    Tensor of(Tensor t) {
        double[] src = t.dataView();
        double[] r = new double[src.length];
        apply(src, r);
        return Tensor.wrap(t.shape, r);
    }
}
