package org.nabla.bench;

import java.util.Arrays;
import java.util.Locale;
import org.nabla.theory.ScalarActivation;
import org.nabla.theory.VertexEnsemble;

/**
 * The ensemble of the finite-width issue: the forward-pass statistics of 1,000 random ReLU networks
 * of width 256 and depth 8 (Gaussian weights, C_W = 2, no biases, one input x = (1, …, 1)), as
 * {@link VertexEnsemble#measure} computes them (three estimators of the four-point vertex per layer).
 * Prints the median time over runs in seconds; the peer is src/bench/python/vertex_ensemble.py.
 */
public final class VertexEnsembleTiming {
    private VertexEnsembleTiming() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        double[] x = new double[256];
        Arrays.fill(x, 1.0);
        double[] t = new double[runs];
        double s = 0;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            VertexEnsemble.Measurement m = VertexEnsemble.measure(ScalarActivation.RELU, 0, 2, x, 256, 8, 1000, 7);
            t[r] = (System.nanoTime() - t0) / 1e9;
            s = m.kernel()[7];
        }
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "nabla_vertex_ensemble_s=%.3f (runs %s; mean S at layer 8 %.4f)%n",
                sorted[runs / 2], Arrays.toString(t), s);
    }
}
