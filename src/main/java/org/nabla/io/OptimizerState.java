package org.nabla.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.nabla.tensor.Tensor;

/**
 * Saving and loading an optimizer's state (moment estimates, momentum buffers, step counts, the
 * L-BFGS history) — the map {@code optimizer.state()} returns and {@code optimizer.loadState(map)}
 * accepts, keyed {@code "<parameter index>.<name>"} as in PyTorch's optimizer {@code state_dict}:
 * <pre>{@code
 * OptimizerState.save(path, adam.state());
 * adam.loadState(OptimizerState.load(path));
 * }</pre>
 * The file is an .npz archive of float64 arrays with the same SHA-256 digest (in the archive
 * comment) and atomic write as {@link ModelState}; unlike a model file it must carry the digest (or
 * the checksum entry of older files). This class takes the map rather than the optimizer so that {@code io} does not
 * depend on {@code optim} (the design rule: io knows only tensor, and layer for a model's parameters); the optimizer's
 * {@code loadState} checks the keys against its parameters.
 */
public final class OptimizerState {
    private OptimizerState() {
    }

    /** Writes an optimizer's state map to {@code file} (an .npz archive), atomically. */
    public static void save(Path file, Map<String, Tensor> state) throws IOException {
        save(file, state, UnaryOperator.identity());
    }

    /** Same as {@link #save(Path, Map)}, writing through {@code wrap} (tests simulate crashes with it). */
    static void save(Path file, Map<String, Tensor> state, UnaryOperator<OutputStream> wrap) throws IOException {
        Checkpoints.write("OptimizerState.save", file, state, java.util.Map.of(), wrap);
    }

    /**
     * The state map stored in {@code file}, after verifying its digest, in file order (the order
     * of the saved map).
     *
     * @throws NpyFormatException when the file is not a valid archive, lacks the checksum or fails it
     */
    public static LinkedHashMap<String, Tensor> load(Path file) throws IOException {
        return Checkpoints.read("OptimizerState.load", file, true);
    }
}
