package org.nabla.theory;

import java.util.function.Function;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.internal.Convolution;
import org.nabla.tensor.Tensor;

/**
 * The Convolutional Neural Feature Ansatz (Beaglehole, Radhakrishnan, Pandit &amp; Belkin, "Mechanism
 * of feature learning in convolutional neural networks", arXiv 2309.00570, 2023, eq. 2): for a
 * convolution layer z = W ⋆ x + b with filters W ∈ ℝ^(out×in×kh×kw), flattened to
 * W̄ ∈ ℝ^(out×q), q = in·kh·kw, the filter covariance is proportional to the patch AGOP,
 * <pre>
 *   W̄ᵀW̄ ∝ (1/(nP)) Σᵢ Σ_{p=1}^{P} Σ_c ∇_{x_p} f_c(xᵢ) ∇_{x_p} f_c(xᵢ)ᵀ  ∈ ℝ^(q×q)
 * </pre>
 * where x_p ∈ ℝ^q is the p-th patch of image xᵢ (the receptive field of output position p, in the
 * order of W̄'s columns: channel, row, column), P the number of output positions, and the gradient
 * treats every patch as an input of its own: since z[:, p] = W̄ x_p + b,
 * ∇_{x_p} f_c = W̄ᵀ δ_{c,p} with δ_{c,p} = ∂f_c/∂z[:, p]. So the patch AGOP is
 * W̄ᵀ [(1/(nP)) Σ δδᵀ] W̄, computed from one reverse sweep per output through the rest of the network.
 */
public final class ConvolutionalFeatureAnsatz {
    private ConvolutionalFeatureAnsatz() {
    }

    /** W̄ᵀW̄ for filters W (out, in, kh, kw): a (in·kh·kw)² matrix. */
    public static Tensor filterCovariance(Tensor w) {
        return NeuralFeatureAnsatz.neuralFeatureMatrix(flatFilters(w));
    }

    /**
     * The patch AGOP of f = rest(W ⋆ x + b) over images x (n, in, H, W).
     *
     * @param b the bias (out), or null
     * @param rest the network after the layer, (n, out, H', W') ↦ (n, c) (or (n))
     */
    public static Tensor patchAgop(Tensor x, Tensor w, Tensor b, int stride, int padding,
            Function<Variable, Variable> rest) {
        if (x.rank() != 4 || w.rank() != 4) {
            throw new IllegalArgumentException("ConvolutionalFeatureAnsatz.patchAgop: expected images (n, in, H, W) and "
                    + "filters (out, in, kh, kw), got " + x.shape() + " and " + w.shape());
        }
        Tensor z = Convolution.conv2d(x, w, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1}, 1);
        if (b != null) {
            z = z.add(b.reshape(1, -1, 1, 1));
        }
        int n = z.dim(0);
        int out = z.dim(1);
        int positions = z.dim(2) * z.dim(3);
        Variable zv = Variable.leaf(z);
        Variable y = rest.apply(zv);
        if (y.shape().rank() == 1) {
            y = y.reshape(n, 1);
        }
        if (y.shape().rank() != 2 || y.shape().dim(0) != n) {
            throw new IllegalArgumentException("ConvolutionalFeatureAnsatz.patchAgop: rest must map " + z.shape()
                    + " to (n, c), got " + y.shape());
        }
        int c = y.shape().dim(1);
        Tensor dd = Tensor.zeros(out, out); // Σ δδᵀ over outputs, images and positions
        for (int k = 0; k < c; k++) {
            double[] seed = new double[n * c];
            for (int i = 0; i < n; i++) {
                seed[i * c + k] = 1.0;
            }
            var grads = y.backward(Tensor.of(y.shape(), seed));
            if (!grads.contains(zv)) {
                continue;
            }
            // (n, out, H', W') → rows δ_{c,p} of length out, one per (image, position)
            Tensor delta = grads.of(zv).permute(0, 2, 3, 1).reshape(n * positions, out);
            dd = dd.add(delta.transpose().matmul(delta));
        }
        Tensor wf = flatFilters(w);
        return wf.transpose().matmul(dd).matmul(wf).div((double) n * positions);
    }

    /** ρ(W̄ᵀW̄, patch AGOP^α). */
    public static double ansatzCorrelation(Tensor w, Tensor patchAgop, double alpha) {
        return NeuralFeatureAnsatz.ansatzCorrelation(filterCovariance(w), patchAgop, alpha);
    }

    private static Tensor flatFilters(Tensor w) {
        if (w.rank() != 4) {
            throw new IllegalArgumentException("ConvolutionalFeatureAnsatz: filters must be (out, in, kh, kw), got "
                    + w.shape());
        }
        return w.reshape(w.dim(0), w.dim(1) * w.dim(2) * w.dim(3));
    }
}
