package org.nabla.theory;

/**
 * The radial kernels of a Recursive Feature Machine, functions of the Mahalanobis distance
 * r = ‖x − z‖_M = √((x − z)ᵀM(x − z)) for a positive semi-definite M (Radhakrishnan, Beaglehole,
 * Pandit &amp; Belkin, Science 383, 2024, Algorithm 1; the authors' package {@code rfm}, whose
 * {@code LaplaceRFM}, {@code GaussRFM} and generalized {@code LaplaceKernel(bandwidth, exponent)} these
 * are). Each kernel is k(r²) with bandwidth L &gt; 0:
 * <pre>
 *   Gaussian:            K_M(x, z) = exp(−r² / (2L²))
 *   Laplace:             K_M(x, z) = exp(−r / L)
 *   generalized Laplace: K_M(x, z) = exp(−r^γ / L^γ),   0 &lt; γ ≤ 2   (γ = 1 is Laplace)
 * </pre>
 * and its gradient in x is written through one scalar weight w,
 * <pre>
 *   ∇ₓK_M(x, z) = −w(r²) · M(x − z),   w = −2 dk/d(r²):
 *   Gaussian w = K/L²;   Laplace w = K/(L r);   generalized w = (γ/L^γ) K r^(γ−2)
 * </pre>
 * The Laplace kernels are not differentiable at r = 0; there, as in the authors' code, w is taken as
 * 0, which drops the self-term of a training point ({@link KernelPredictor} decides which distances
 * are 0: coincident points).
 */
public sealed interface RfmKernel {
    /** The bandwidth L. */
    double bandwidth();

    /** K as a function of the squared distance r² ≥ 0. */
    double value(double r2);

    /** The gradient weight w(r²) of ∇ₓK = −w M(x − z), given k = value(r²) and r² &gt; 0. */
    double gradientWeight(double r2, double k);

    /** Whether w is finite at r = 0 (only then does a coincident point contribute, with x − z = 0). */
    boolean smoothAtZero();

    /** The Gaussian kernel exp(−r²/(2L²)) ({@code GaussRFM}; Mallinar et al., arXiv 2407.20199, §2). */
    record Gaussian(double bandwidth) implements RfmKernel {
        /** Checks the bandwidth. */
        public Gaussian {
            checkBandwidth("Gaussian", bandwidth);
        }

        @Override
        public double value(double r2) {
            return Math.exp(-r2 / (2 * bandwidth * bandwidth));
        }

        @Override
        public double gradientWeight(double r2, double k) {
            return k / (bandwidth * bandwidth);
        }

        @Override
        public boolean smoothAtZero() {
            return true;
        }
    }

    /** The Laplace kernel exp(−r/L) ({@code LaplaceRFM}, the Science paper's kernel). */
    record Laplace(double bandwidth) implements RfmKernel {
        /** Checks the bandwidth. */
        public Laplace {
            checkBandwidth("Laplace", bandwidth);
        }

        @Override
        public double value(double r2) {
            return Math.exp(-Math.sqrt(r2) / bandwidth);
        }

        @Override
        public double gradientWeight(double r2, double k) {
            return k / (bandwidth * Math.sqrt(r2));
        }

        @Override
        public boolean smoothAtZero() {
            return false;
        }
    }

    /**
     * The generalized Laplace kernel exp(−r^γ/L^γ), 0 &lt; γ ≤ 2 (the authors' {@code LaplaceKernel} with
     * an {@code exponent}; γ = 2 is a Gaussian of bandwidth L/√2).
     */
    record GeneralizedLaplace(double bandwidth, double exponent) implements RfmKernel {
        /** Checks the bandwidth and the exponent. */
        public GeneralizedLaplace {
            checkBandwidth("GeneralizedLaplace", bandwidth);
            if (!(exponent > 0 && exponent <= 2)) {
                throw new IllegalArgumentException("RfmKernel.GeneralizedLaplace: the exponent γ must lie in (0, 2], got "
                        + exponent);
            }
        }

        @Override
        public double value(double r2) {
            return Math.exp(-Math.pow(r2, exponent / 2) / Math.pow(bandwidth, exponent));
        }

        @Override
        public double gradientWeight(double r2, double k) {
            return exponent / Math.pow(bandwidth, exponent) * k * Math.pow(r2, exponent / 2 - 1);
        }

        @Override
        public boolean smoothAtZero() {
            return exponent == 2;
        }
    }

    private static void checkBandwidth(String kernel, double bandwidth) {
        if (!(bandwidth > 0) || Double.isInfinite(bandwidth)) {
            throw new IllegalArgumentException("RfmKernel." + kernel + ": the bandwidth L must be positive and finite, got "
                    + bandwidth);
        }
    }
}
