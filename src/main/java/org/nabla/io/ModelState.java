package org.nabla.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.nabla.autodiff.Parameter;
import org.nabla.module.Module;
import org.nabla.tensor.Tensor;

/**
 * Saving and loading a model's parameters θ — PyTorch's {@code state_dict} — as an .npz archive:
 * one float64 array per parameter, named by its dotted path ({@link Module#namedParameters()}, e.g.
 * {@code layers.0.weight}), plus a SHA-256 checksum entry {@code __nabla_sha256__} (32 numbers
 * 0…255; see below). The file opens with {@code np.load}; {@code dict(np.load(f))} minus the
 * checksum entry, converted with {@code torch.from_numpy}, is a state dict for the same architecture
 * in PyTorch, since Nabla's layers use PyTorch's names and layouts.
 *
 * <p><b>Saving is atomic</b> ({@link AtomicFiles}): the archive is written to a temporary file,
 * forced to the disk and renamed over the target, so a crash or an I/O error during a save leaves
 * the previous checkpoint intact.
 *
 * <p><b>Loading is all-or-nothing and checked</b>: the checksum must match the arrays read (else an
 * {@link NpyFormatException}: the file is corrupt or was edited), and the names and shapes must match
 * the module's exactly (else a {@link StateMismatchException} listing every missing, unexpected and
 * mis-shaped parameter); only then are the parameters replaced. Values are stored bit for bit, so a
 * round trip gives bitwise-equal parameters.
 *
 * <p>The checksum is SHA-256 over, for each parameter in file order: the name in UTF-8, a 0 byte, the
 * rank and dimensions as 32-bit little-endian integers, and the values (row-major) as little-endian
 * IEEE 754 doubles.
 */
public final class ModelState {
    private ModelState() {
    }

    /** Writes the module's parameters to {@code file} (an .npz archive), atomically. */
    public static void save(Path file, Module module) throws IOException {
        save(file, module, UnaryOperator.identity());
    }

    /** Same as {@link #save(Path, Module)}, writing through {@code wrap} (tests simulate crashes with it). */
    static void save(Path file, Module module, UnaryOperator<OutputStream> wrap) throws IOException {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : module.namedParameters().entrySet()) {
            arrays.put(e.getKey(), e.getValue().value());
        }
        Checkpoints.write("ModelState.save", file, arrays, wrap);
    }

    /**
     * The parameters stored in a checkpoint, by dotted name in file order, after verifying its
     * checksum (without the checksum entry).
     *
     * @throws NpyFormatException when the file is not a valid archive, lacks the checksum or fails it
     */
    public static LinkedHashMap<String, Tensor> read(Path file) throws IOException {
        return Checkpoints.read("ModelState.load", file);
    }

    /**
     * Replaces every parameter of {@code module} by the value saved in {@code file}.
     *
     * @throws NpyFormatException when the file is not a valid archive, lacks the checksum or fails it
     * @throws StateMismatchException when names or shapes differ from the module's (nothing is loaded)
     */
    public static void load(Path file, Module module) throws IOException {
        LinkedHashMap<String, Tensor> saved = read(file);
        Map<String, Parameter> params = module.namedParameters();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor t = saved.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
            } else if (!t.shape().equals(e.getValue().shape())) {
                shapes.add(e.getKey() + ": file " + t.shape() + " vs module " + e.getValue().shape());
            }
        }
        for (String name : saved.keySet()) {
            if (!params.containsKey(name)) {
                unexpected.add(name);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !shapes.isEmpty()) {
            StringBuilder m = new StringBuilder("ModelState.load: ").append(file)
                    .append(" does not match the module ").append(module.getClass().getSimpleName())
                    .append(" (nothing was loaded):");
            if (!missing.isEmpty()) {
                m.append(" missing from the file ").append(missing).append(';');
            }
            if (!unexpected.isEmpty()) {
                m.append(" unexpected in the file ").append(unexpected).append(';');
            }
            if (!shapes.isEmpty()) {
                m.append(" shape mismatches ").append(shapes).append(';');
            }
            m.setLength(m.length() - 1);
            throw new StateMismatchException(m.toString(), missing, unexpected, shapes);
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            e.getValue().set(saved.get(e.getKey()));
        }
    }
}
