package org.nabla.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.nabla.io.Npy;
import org.nabla.tensor.Tensor;
import org.nabla.theory.FeatureMachine;
import org.nabla.theory.RfmHistory;
import org.nabla.theory.RfmOptions;

/**
 * The Recursive Feature Machine on its authors' low-rank example at full size (Radhakrishnan et al.,
 * Science 383, 2024; theory2.md's {@code rfm_parity} ten times larger): 4,000 training and 2,000 test
 * points in d = 20, y = x₀x₁·1[x₅ &gt; 0], the notebook's settings (Laplace kernel, L = 10, λ = 1e-3,
 * M ← AGOP), 5 updates of M and 6 fits, by {@link FeatureMachine#train}. The inputs are the ones
 * src/bench/python/rfm_lowrank.py (the PyTorch peer) draws and writes to target/rfm_lowrank_x.npy; run
 * it first. Prints the median time over runs in seconds, the test MSE per round and Σ M.
 */
public final class RfmLowRankTiming {
    private static final int TRAIN = 4000;

    private RfmLowRankTiming() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Path file = Path.of("target", "rfm_lowrank_x.npy");
        if (!Files.exists(file)) {
            throw new IllegalStateException("RfmLowRankTiming: " + file + " is missing; run src/bench/python/rfm_lowrank.py"
                    + " first (it draws the data)");
        }
        Tensor all = Npy.read(file);
        if (all.rank() != 2 || all.dim(0) != 6000 || all.dim(1) != 20) {
            throw new IllegalStateException("RfmLowRankTiming: expected (6000, 20) inputs in " + file + ", got " + all.shape());
        }
        FeatureMachine.Split train = split(all.slice(0, 0, TRAIN));
        FeatureMachine.Split test = split(all.slice(0, TRAIN, all.dim(0)));
        RfmOptions options = RfmOptions.builder().build(); // Laplace L = 10, λ = 1e-3, 5 updates, M ← AGOP
        double[] t = new double[runs];
        RfmHistory h = null;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            h = FeatureMachine.train(train, options, null, test);
            t[r] = (System.nanoTime() - t0) / 1e9;
        }
        double[] mse = h.testMse();
        StringBuilder s = new StringBuilder();
        for (double v : mse) {
            s.append(String.format(Locale.ROOT, " %.6g", v));
        }
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "test_mse_per_round%s; sum(M) = %.6g%n", s, h.finalFeatureMatrix().sum().item());
        System.out.printf(Locale.ROOT, "nabla_rfm_lowrank_s=%.3f (runs %s)%n", sorted[runs / 2], Arrays.toString(t));
    }

    /** (x, y = x₀x₁·1[x₅ &gt; 0]). */
    private static FeatureMachine.Split split(Tensor x) {
        Tensor c = x.contiguous();
        int n = c.dim(0);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = c.get(i, 5) > 0 ? c.get(i, 0) * c.get(i, 1) : 0.0;
        }
        return new FeatureMachine.Split(c, Tensor.of(new int[] {n, 1}, y));
    }
}
