package org.nabla.optim;

import java.util.List;
import java.util.function.Function;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.NoGrad;
import org.nabla.autodiff.Parameter;
import org.nabla.tensor.Tensor;

/**
 * The parameters of {@link LBFGS} seen as one flat vector x ∈ ℝⁿ (n = the number of entries of all
 * parameters, in order), and the vector operations the method needs on it.
 */
final class FlatVectors {
    private FlatVectors() {
    }

    /** The gradients of the parameters, one after another: ∇L as a vector of ℝⁿ. */
    static double[] gather(List<Parameter> params, Gradients gradients) {
        return flatten(params, gradients::of);
    }

    /** The parameters' current values, one after another: x ∈ ℝⁿ. */
    static double[] gatherValues(List<Parameter> params) {
        return flatten(params, Parameter::value);
    }

    private static double[] flatten(List<Parameter> params, Function<Parameter, Tensor> part) {
        int total = 0;
        for (Parameter p : params) {
            total += p.size();
        }
        double[] flat = new double[total];
        int offset = 0;
        for (Parameter p : params) {
            double[] v = part.apply(p).toArray();
            System.arraycopy(v, 0, flat, offset, v.length);
            offset += v.length;
        }
        return flat;
    }

    static void setValues(List<Parameter> params, double[] flat) {
        try (NoGrad scope = NoGrad.enter()) {
            int offset = 0;
            for (Parameter p : params) {
                double[] v = new double[p.size()];
                System.arraycopy(flat, offset, v, 0, v.length);
                p.set(Tensor.of(p.shape(), v));
                offset += v.length;
            }
        }
    }

    static double[] axpy(double[] x, double t, double[] d) {
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = x[i] + t * d[i];
        }
        return r;
    }

    static double[] scale(double[] a, double s) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] * s;
        }
        return r;
    }

    static double[] subtract(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] - b[i];
        }
        return r;
    }

    static void addScaled(double[] a, double s, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += s * b[i];
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static double sumAbs(double[] a) {
        double s = 0;
        for (double v : a) {
            s += Math.abs(v);
        }
        return s;
    }

}
