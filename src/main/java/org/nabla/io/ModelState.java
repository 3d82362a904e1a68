package org.nabla.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.nabla.autodiff.Parameter;
import org.nabla.module.Buffer;
import org.nabla.module.Module;
import org.nabla.tensor.Tensor;

/**
 * Saving and loading a model's state dict — parameters θ and buffers (BatchNorm's running statistics),
 * {@link Module#stateDict()}, PyTorch's {@code state_dict()} — as a plain .npz archive, one array
 * per key under its dotted name (e.g. {@code 0.weight}, {@code 1.running_mean},
 * {@code lstm.weight_ih_l0}), in the state dict's order, and nothing else. Since Nabla's modules use
 * PyTorch's names, layouts and order, the two directions need no renaming:
 * <pre>{@code
 * # PyTorch → Nabla
 * np.savez("m.npz", **{k: v.numpy() for k, v in model.state_dict().items()})
 * ModelState.load(Path.of("m.npz"), model);                         // Java
 * # Nabla → PyTorch
 * ModelState.save(Path.of("m.npz"), model);                         // Java
 * model.load_state_dict({k: torch.from_numpy(v) for k, v in np.load("m.npz").items()}, strict=True)
 * }</pre>
 * Floating-point members are float64 by default (a round trip is bit for bit) or float32
 * ({@link Precision#FLOAT32}); int64 buffers ({@code num_batches_tracked}) are int64. Files of float32,
 * float64 and integer members are all read (as doubles).
 *
 * <p><b>Saving is atomic</b> ({@link AtomicFiles}): the archive is written to a temporary file,
 * forced to the disk and renamed over the target, so a crash or an I/O error during a save leaves
 * the previous checkpoint intact. <b>Integrity</b>: each entry carries the zip CRC-32 of its data and
 * the archive comment carries a SHA-256 digest of the file (see below), so a truncated, corrupted or
 * edited file is refused with an {@link NpyFormatException} naming it. A plain .npz without the digest
 * (what NumPy writes) is checked by its CRC-32s only. Files of the older format (with a
 * {@code __nabla_sha256__} checksum entry) still load, their checksum checked.
 *
 * <p><b>Loading is all-or-nothing by default</b> (strict, like PyTorch's default): the keys and
 * shapes must match the module's state dict exactly, else a {@link StateMismatchException} lists
 * every missing, unexpected and mis-shaped key, and nothing is changed. With
 * {@code strict = false} every key that fits is loaded and a {@link LoadReport} says what was not
 * (PyTorch's non-strict mode still raises on a shape mismatch; here the mismatched key is skipped
 * and reported).
 *
 * <p>The digest: the archive comment is {@code nabla-sha256:} and the 64 hexadecimal digits of the
 * SHA-256 of every byte of the file before those digits (entry names and data in order, and the zip
 * structure around them). In Python: {@code b = open(f, 'rb').read();
 * hashlib.sha256(b[:-64]).hexdigest() == b[-64:].decode()}. NumPy and PyTorch ignore the comment.
 */
public final class ModelState {
    /** The element type of the floating-point members of a saved file. */
    public enum Precision {
        /** IEEE 754 double ({@code '<f8'}): the values exactly (the default). */
        FLOAT64,
        /** IEEE 754 single ({@code '<f4'}): each value rounded to the nearest float, half the size. */
        FLOAT32
    }

    private ModelState() {
    }

    /** Writes the module's state dict to {@code file} (an .npz archive, float64 members), atomically. */
    public static void save(Path file, Module module) throws IOException {
        save(file, module, Precision.FLOAT64, UnaryOperator.identity());
    }

    /** Writes the module's state dict with floating-point members of the given precision, atomically. */
    public static void save(Path file, Module module, Precision precision) throws IOException {
        save(file, module, precision, UnaryOperator.identity());
    }

    /** Same as {@link #save(Path, Module)}, writing through {@code wrap} (tests simulate crashes with it). */
    static void save(Path file, Module module, UnaryOperator<OutputStream> wrap) throws IOException {
        save(file, module, Precision.FLOAT64, wrap);
    }

    static void save(Path file, Module module, Precision precision, UnaryOperator<OutputStream> wrap)
            throws IOException {
        LinkedHashMap<String, Tensor> state = module.stateDict();
        Set<String> integers = new HashSet<>();
        module.namedBuffers().forEach((k, b) -> {
            if (b.isInteger()) {
                integers.add(k);
            }
        });
        Checkpoints.write("ModelState.save", file, state,
                Checkpoints.dtypes(integers, precision == Precision.FLOAT32, state.keySet()), wrap);
    }

    /**
     * The arrays stored in a model file, by dotted name in file order, after checking its integrity
     * (without the checksum entry of older files).
     *
     * @throws NpyFormatException when the file is not a valid archive or fails its digest or checksum
     */
    public static LinkedHashMap<String, Tensor> read(Path file) throws IOException {
        return Checkpoints.read("ModelState.load", file, false);
    }

    /**
     * Replaces every parameter and buffer of {@code module} by the value saved in {@code file}
     * (strict: the file must hold exactly the module's state-dict keys, with the same shapes).
     *
     * @throws NpyFormatException when the file is not a valid archive or fails its digest or checksum
     * @throws StateMismatchException when keys or shapes differ from the module's (nothing is loaded)
     */
    public static void load(Path file, Module module) throws IOException {
        load(file, module, true);
    }

    /**
     * Loads a state dict from {@code file} into {@code module}: strictly (as {@link #load(Path, Module)})
     * or, with {@code strict = false}, every key present in both with the same shape, leaving the rest.
     *
     * @return what was loaded and what was not (in strict mode, everything was loaded)
     * @throws NpyFormatException when the file is not a valid archive or fails its digest or checksum
     * @throws StateMismatchException in strict mode, when keys or shapes differ (nothing is loaded)
     */
    public static LoadReport load(Path file, Module module, boolean strict) throws IOException {
        LinkedHashMap<String, Tensor> saved = read(file);
        Map<String, Parameter> params = module.namedParameters();
        Map<String, Buffer> buffers = module.namedBuffers();
        List<String> loaded = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : module.stateDict().entrySet()) {
            String key = e.getKey();
            Tensor t = saved.get(key);
            if (t == null) {
                missing.add(key);
            } else if (!t.shape().equals(e.getValue().shape())) {
                mismatched.add(key + ": file " + t.shape() + " vs module " + e.getValue().shape());
            } else if (buffers.containsKey(key) && buffers.get(key).problemWith(t) != null) {
                mismatched.add(key + ": file holds " + buffers.get(key).problemWith(t));
            } else {
                loaded.add(key);
            }
        }
        for (String name : saved.keySet()) {
            if (!params.containsKey(name) && !buffers.containsKey(name)) {
                unexpected.add(name);
            }
        }
        LoadReport report = new LoadReport(loaded, missing, unexpected, mismatched);
        if (strict && !report.isExactMatch()) {
            throw mismatch(file, module, report);
        }
        for (String key : loaded) {
            if (params.containsKey(key)) {
                params.get(key).set(saved.get(key));
            } else {
                buffers.get(key).set(saved.get(key));
            }
        }
        return report;
    }

    private static StateMismatchException mismatch(Path file, Module module, LoadReport r) {
        StringBuilder m = new StringBuilder("ModelState.load: ").append(file)
                .append(" does not match the module ").append(module.getClass().getSimpleName())
                .append(" (nothing was loaded):");
        if (!r.missing().isEmpty()) {
            m.append(" missing from the file ").append(r.missing()).append(';');
        }
        if (!r.unexpected().isEmpty()) {
            m.append(" unexpected in the file ").append(r.unexpected()).append(';');
        }
        if (!r.mismatched().isEmpty()) {
            m.append(" shape mismatches ").append(r.mismatched()).append(';');
        }
        m.setLength(m.length() - 1);
        return new StateMismatchException(m.toString(), r.missing(), r.unexpected(), r.mismatched());
    }
}
