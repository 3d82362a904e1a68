package org.nabla.autodiff;

/**
 * A scope in which operations record nothing: for inference and for optimizer updates.
 *
 * <pre>{@code
 * try (NoGrad scope = NoGrad.enter()) {
 *     Variable y = model.forward(x);   // no graph is built
 * }
 * }</pre>
 * Scopes nest; closing restores the mode that was in force when the scope was entered.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean previous;

    private NoGrad(boolean previous) {
        this.previous = previous;
    }

    /** Turns recording off on this thread until {@link #close()}. */
    public static NoGrad enter() {
        return new NoGrad(GradMode.set(false));
    }

    @Override
    public void close() {
        GradMode.set(previous);
    }
}
