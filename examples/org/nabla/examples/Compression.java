package org.nabla.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nabla.compress.LowRankLinear;
import org.nabla.compress.RandomMatrixPruning;
import org.nabla.compress.TuckerConv2d;
import org.nabla.layer.Conv2d;
import org.nabla.layer.Linear;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.CPDecomposition;
import org.nabla.tensor.linalg.Multilinear;
import org.nabla.tensor.linalg.QR;
import org.nabla.tensor.linalg.TuckerDecomposition;

/**
 * The compression tools of docs/compression.md on seeded data, printing the figures that page quotes:
 * CP-ALS recovering a rank-3 tensor (Kolda &amp; Bader 2009, §3.4), HOSVD and HOOI of a random tensor
 * (§4.2), the Eckart–Young errors of a factorized Linear layer, the Marchenko–Pastur fit and the
 * pruning of a noisy 500 × 1000 layer with three spikes (Berlyand et al. 2024), and a Tucker-2
 * convolution (Kim et al. 2016).
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.Compression}.
 */
public final class Compression {
    private Compression() {
    }

    /** Runs every part and returns the printed lines. */
    public static List<String> run() {
        List<String> out = new ArrayList<>();
        Rng rng = new Rng(6);
        List<Tensor> truth = new ArrayList<>();
        for (int d : new int[] {6, 5, 4}) {
            truth.add(Tensor.randn(rng, d, 3));
        }
        Tensor x = Multilinear.cpTensor(Tensor.of(3, 2, 1.5), truth);
        CPDecomposition cp = CPDecomposition.als(x, 3, new Rng(7), 2000, 1e-15);
        out.add(String.format(Locale.ROOT, "CP-ALS rank 3 of a 6x5x4 rank-3 tensor: %d sweeps, relative error %.2e",
                cp.iterations(), cp.relativeError()));

        Tensor t = Tensor.randn(new Rng(8), 6, 5, 4);
        TuckerDecomposition h = TuckerDecomposition.hosvd(t, 2, 3, 2);
        TuckerDecomposition o = TuckerDecomposition.hooi(t, new int[] {2, 3, 2}, 50, 1e-12);
        out.add(String.format(Locale.ROOT, "Tucker (2,3,2) of a random 6x5x4 tensor: HOSVD fit %.4f, HOOI fit %.4f"
                + " after %d sweeps (explained variance %.4f)", h.fit(), o.fit(), o.iterations(), o.explainedVariance()));

        Linear layer = new Linear(64, 32, new Rng(9));
        for (int r : new int[] {4, 16}) {
            LowRankLinear f = LowRankLinear.of(layer, r);
            out.add(String.format(Locale.ROOT, "Linear 64->32 at rank %d: %d parameters (of %d), Frobenius error %.4f,"
                    + " spectral error %.4f", r, f.parameterCount(), 64 * 32 + 32, f.frobeniusError(), f.spectralError()));
        }

        Rng r = new Rng(32);
        int n = 1000;
        int p = 500;
        double sigma = 0.5;
        Tensor u = QR.of(Tensor.randn(r, n, 3)).q();
        Tensor v = QR.of(Tensor.randn(r, p, 3)).q();
        Tensor w = Tensor.randn(r, p, n).mul(sigma);
        double[] d = {1.0, 1.25, 1.5};
        for (int k = 0; k < 3; k++) {
            w = w.add(v.select(1, k).outer(u.select(1, k)).mul(Math.sqrt(n) * d[k]));
        }
        RandomMatrixPruning fit = RandomMatrixPruning.of(w);
        double[] ev = fit.eigenvalues().toArray();
        out.add(String.format(Locale.ROOT, "MP fit of a 500x1000 layer (sigma^2 = 0.25, three spikes): sigma^2 = %.5f,"
                + " gamma = %.2f, bulk edge %.4f, corrected edge %.4f, top eigenvalues %.4f %.4f %.4f %.4f, kept %d",
                fit.law().variance(), fit.law().ratio(), fit.bulkEdge(), fit.edge(), ev[p - 1], ev[p - 2], ev[p - 3],
                ev[p - 4], fit.kept()));
        RandomMatrixPruning noise = RandomMatrixPruning.of(Tensor.randn(new Rng(31), 1000, 500).mul(0.3));
        out.add(String.format(Locale.ROOT, "MP fit of pure noise 1000x500 (sigma^2 = 0.09): sigma^2 = %.5f (%.2f %%),"
                + " largest eigenvalue %.5f, corrected edge %.5f, kept %d", noise.law().variance(),
                100 * (noise.law().variance() / 0.09 - 1), noise.eigenvalues().get(499), noise.edge(), noise.kept()));

        Conv2d conv = Conv2d.builder(6, 8, 3, 3).padding(1, 1).rng(new Rng(42)).build();
        TuckerConv2d tc = TuckerConv2d.of(conv, 3, 4, 20);
        out.add(String.format(Locale.ROOT, "Tucker-2 Conv2d 6->8 3x3 at ranks (3, 4): %d parameters (of %d),"
                + " kernel fit %.4f", tc.parameterCount(), 8 * 6 * 9 + 8, tc.decomposition().fit()));
        return out;
    }

    /**
     * Prints the figures.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        run().forEach(System.out::println);
    }
}
