package org.nabla.optim;

import java.util.IdentityHashMap;
import java.util.Map;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;

/**
 * The running moments of {@link Adam} and {@link AdamW} — m, v and AMSGrad's v̂max for every
 * parameter — kept as arrays the optimizer owns and updates in place: allocating three fresh tensors
 * per parameter and step cost more than the arithmetic of the update (a fresh array is zeroed and then
 * written again, and it is never in the cache).
 *
 * <p>The arrays are never handed out. The optimizer's state map, which {@link Optimizer#state()}
 * returns and {@link Optimizer#loadState} replaces, holds immutable snapshots: {@link #flush} writes
 * them before the state is read, and a step that finds the map changed behind its back (after
 * {@code loadState}) starts again from the map's values.
 */
final class AdamMoments {
    static final String M = "exp_avg";
    static final String V = "exp_avg_sq";
    static final String V_MAX = "max_exp_avg_sq";
    private static final String[] NAMES = {M, V, V_MAX};

    /** One parameter's moments, and the step-count tensor this object last put in its state map. */
    private static final class Entry {
        final double[][] arrays = new double[3][];
        Tensor stepSeen;
        Shape shape;
    }

    private final Map<Map<String, Tensor>, Entry> entries = new IdentityHashMap<>();

    /**
     * The moment arrays of the parameter whose state map is {@code state}: {m, v, v̂max (null unless
     * amsgrad)}, for the caller to update in place. They are (re)read from the map — zeros where it has
     * none — at the first step and whenever the map's step count is not the one {@link #stepped} last
     * recorded, i.e. after {@link Optimizer#loadState} replaced the map's contents.
     */
    double[][] arrays(Map<String, Tensor> state, Shape shape, boolean amsgrad) {
        Entry e = entries.computeIfAbsent(state, s -> new Entry());
        e.shape = shape;
        boolean reload = e.arrays[0] == null || state.get("step") != e.stepSeen;
        for (int k = 0; k < 3; k++) {
            boolean needed = k < 2 || amsgrad;
            if (reload || (needed && e.arrays[k] == null)) {
                Tensor saved = state.get(NAMES[k]);
                e.arrays[k] = saved != null ? saved.toArray() : needed ? new double[shape.size()] : null;
            }
        }
        if (!amsgrad) {
            e.arrays[2] = null;
        }
        return e.arrays;
    }

    /** Records the step-count tensor the optimizer has just put in {@code state}. */
    void stepped(Map<String, Tensor> state, Tensor step) {
        entries.get(state).stepSeen = step;
    }

    /** Drops every cached array, so that each is read again from its state map (after a rollback). */
    void forget() {
        entries.clear();
    }

    /** Writes snapshots (immutable copies) of every parameter's moments into its state map. */
    void flush() {
        for (Map.Entry<Map<String, Tensor>, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            for (int k = 0; k < 3; k++) {
                if (e.arrays[k] != null) {
                    me.getKey().put(NAMES[k], Tensor.of(e.shape, e.arrays[k]));
                }
            }
        }
    }
}
