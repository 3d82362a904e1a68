package org.nabla.optim;

import java.util.List;
import org.nabla.autodiff.Parameter;

/**
 * The checks the settings records run in their constructors, with one wording for every optimizer:
 * "SGD: invalid momentum -1.0 (must be >= 0)".
 */
final class Check {
    private Check() {
    }

    /** A finite number ≥ 0. */
    static double nonNegative(String owner, String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(owner + ": invalid " + name + " " + v + " (must be >= 0)");
        }
        return v;
    }

    /** A finite number &gt; 0. */
    static double positive(String owner, String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(owner + ": invalid " + name + " " + v + " (must be > 0)");
        }
        return v;
    }

    /** 0 ≤ v &lt; 1 (decay rates β). */
    static double unitInterval(String owner, String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(owner + ": invalid " + name + " " + v + " (must be in [0, 1))");
        }
        return v;
    }

    /** A whole number ≥ 1 (iteration counts, history sizes). */
    static int atLeastOne(String owner, String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(owner + ": invalid " + name + " " + v + " (must be a whole number ≥ 1)");
        }
        return v;
    }

    /** Not null (an enum choice). */
    static <T> T present(String owner, String name, T v, String choices) {
        if (v == null) {
            throw new IllegalArgumentException(owner + ": " + name + " must be " + choices + ", got null");
        }
        return v;
    }

    /**
     * A non-empty list of parameters, none of them twice (it would be updated twice per step).
     *
     * @param what "a parameter group", "L-BFGS", … for the message
     */
    static void distinct(String owner, String what, List<Parameter> parameters) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(owner + ": " + what + " needs at least one parameter");
        }
        for (int i = 0; i < parameters.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (parameters.get(i) == parameters.get(j)) {
                    throw new IllegalArgumentException(owner + ": parameter '" + parameters.get(i).name()
                            + "' appears twice in " + what + " (positions " + j + " and " + i
                            + "); it would be updated twice per step");
                }
            }
        }
    }
}
