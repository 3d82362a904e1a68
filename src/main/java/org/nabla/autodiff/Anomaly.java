package org.nabla.autodiff;

import java.util.Arrays;
import org.nabla.tensor.Tensor;

/**
 * Anomaly detection: while a scope is open, every operation that produces a NaN or an infinity —
 * in the forward pass or in the backward sweep — throws an {@link ArithmeticException} naming the
 * operation and the shapes of its inputs, so the first bad value is found where it is made.
 *
 * <pre>{@code
 * try (Anomaly scope = Anomaly.detect()) {
 *     loss.backward();
 * }
 * }</pre>
 * Checking costs one pass over every result; leave it off in normal runs.
 */
public final class Anomaly implements AutoCloseable {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {false});
    private final boolean previous;

    private Anomaly(boolean previous) {
        this.previous = previous;
    }

    /** Turns anomaly detection on for this thread until {@link #close()}. */
    public static Anomaly detect() {
        boolean[] f = ENABLED.get();
        boolean old = f[0];
        f[0] = true;
        return new Anomaly(old);
    }

    /** True when anomaly detection is on for this thread. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    @Override
    public void close() {
        ENABLED.get()[0] = previous;
    }

    static void check(String phase, String op, Tensor result, Variable[] inputs) {
        double[] d = result.dataView();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                String[] shapes = new String[inputs.length];
                for (int k = 0; k < inputs.length; k++) {
                    shapes[k] = inputs[k].shape().toString();
                }
                throw new ArithmeticException("anomaly: " + phase + " of operation '" + op + "' produced "
                        + (Double.isNaN(d[i]) ? "NaN" : "an infinity") + " at element " + i + " of its result of shape "
                        + result.shape() + "; input shapes " + Arrays.toString(shapes));
            }
        }
    }
}
