package org.nabla.autodiff;

/**
 * Whether operations on {@link Variable}s record the graph needed for backward (per thread).
 *
 * <p>Recording is on by default. {@link NoGrad} turns it off for a scope; the backward sweep turns it
 * off while it runs unless a graph of the gradient was requested ({@code createGraph}).
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {
    }

    /** True when new operations record their inputs for backward on this thread. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Sets the mode and returns the previous one. */
    static boolean set(boolean enabled) {
        boolean[] f = ENABLED.get();
        boolean old = f[0];
        f[0] = enabled;
        return old;
    }
}
