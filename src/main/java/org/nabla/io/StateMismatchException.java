package org.nabla.io;

import java.util.List;

/**
 * A saved model state that does not fit the module it is loaded into: state-dict keys (parameters
 * and buffers) the module has but the file lacks ({@link #missing()}), arrays the file has but the
 * module lacks ({@link #unexpected()}), and keys whose shapes differ ({@link #shapeMismatches()}, each
 * as {@code name: file [a, b] vs module [c, d]}, or a fractional value for an int64 buffer). The message lists all three, so one attempt shows
 * every difference. Nothing is loaded when this is thrown.
 */
public class StateMismatchException extends IllegalArgumentException {
    /** Keys the module has and the file lacks. */
    private final List<String> missing;
    /** Keys the file has and the module lacks. */
    private final List<String> unexpected;
    /** Keys whose shapes (or values) differ, each described. */
    private final List<String> shapeMismatches;

    StateMismatchException(String message, List<String> missing, List<String> unexpected,
            List<String> shapeMismatches) {
        super(message);
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
        this.shapeMismatches = List.copyOf(shapeMismatches);
    }

    /** Keys of the module's state dict that the file does not hold, in the module's order. */
    public List<String> missing() {
        return missing;
    }

    /** Names of arrays in the file that the module has no parameter or buffer for, in file order. */
    public List<String> unexpected() {
        return unexpected;
    }

    /** {@code name: file [shape] vs module [shape]} for every key whose shapes differ. */
    public List<String> shapeMismatches() {
        return shapeMismatches;
    }
}
