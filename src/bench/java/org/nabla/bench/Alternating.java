package org.nabla.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Times several contestants of one workload in alternation inside one JVM, so that all of them see
 * the same load on a shared machine: after a warm-up of each, every round times each contestant once,
 * in the order they were added, and the result is the median over the rounds.
 *
 * <p>A contestant is a set-up step (not timed; e.g. setting the number of threads and running one
 * untimed call, so that a thread pool that the set-up replaced is running again) and the timed
 * operation. One sample is the mean over {@code calls} consecutive calls, with {@code calls} chosen so
 * that a sample lasts at least {@link #MIN_SAMPLE_SECONDS} (short operations would otherwise be
 * dominated by the clock and the switch between contestants).
 */
final class Alternating {
    /** The shortest sample: operations shorter than this are repeated within one sample. */
    static final double MIN_SAMPLE_SECONDS = 0.02;

    private record Contestant(Runnable setUp, DoubleSupplier operation) {
    }

    /** Median seconds per call of each contestant (in the order they were added) over {@code rounds} rounds. */
    record Result(double[] seconds, int rounds) {
    }

    private final List<Contestant> contestants = new ArrayList<>();
    private double sink;

    /**
     * Adds a contestant.
     *
     * @param setUp run before every sample of this contestant, not timed
     * @param operation the timed operation; it returns a number derived from its result so that the
     *                  JIT cannot drop the work
     */
    Alternating add(Runnable setUp, DoubleSupplier operation) {
        contestants.add(new Contestant(setUp, operation));
        return this;
    }

    /**
     * Warms every contestant up for at least {@code warmupSeconds} (and at least 3 calls), then runs
     * rounds until {@code seconds} have been spent on timed samples (at least {@code minRounds} rounds).
     *
     * @return the median seconds per call of each contestant and the number of rounds
     */
    Result run(double warmupSeconds, double seconds, int minRounds) {
        int k = contestants.size();
        int[] calls = new int[k];
        for (int c = 0; c < k; c++) {
            Contestant t = contestants.get(c);
            t.setUp().run();
            long start = System.nanoTime();
            int n = 0;
            double once = Double.MAX_VALUE;
            while (n < 3 || (System.nanoTime() - start) / 1e9 < warmupSeconds) {
                long t0 = System.nanoTime();
                sink += t.operation().getAsDouble();
                once = Math.min(once, (System.nanoTime() - t0) / 1e9);
                n++;
            }
            calls[c] = (int) Math.max(1, Math.ceil(MIN_SAMPLE_SECONDS / once));
        }
        List<double[]> samples = new ArrayList<>();
        double spent = 0;
        for (int round = 0; round < minRounds || spent < seconds; round++) {
            double[] s = new double[k];
            for (int c = 0; c < k; c++) {
                Contestant t = contestants.get(c);
                t.setUp().run();
                long t0 = System.nanoTime();
                for (int i = 0; i < calls[c]; i++) {
                    sink += t.operation().getAsDouble();
                }
                double elapsed = (System.nanoTime() - t0) / 1e9;
                spent += elapsed;
                s[c] = elapsed / calls[c];
            }
            samples.add(s);
        }
        double[] medians = new double[k];
        for (int c = 0; c < k; c++) {
            double[] column = new double[samples.size()];
            for (int r = 0; r < column.length; r++) {
                column[r] = samples.get(r)[c];
            }
            Arrays.sort(column);
            medians[c] = column[column.length / 2];
        }
        return new Result(medians, samples.size());
    }

    /** The sum of the numbers the operations returned (printed, so that no work is dead code). */
    double checksum() {
        return sink;
    }
}
