package org.nabla.io;

import java.util.List;

/**
 * What a non-strict {@link ModelState#load(java.nio.file.Path, org.nabla.module.Module, boolean)}
 * did — PyTorch's {@code load_state_dict(strict=False)} result ({@code missing_keys},
 * {@code unexpected_keys}) plus the entries that were skipped because they did not fit.
 *
 * @param loaded the state-dict keys that were loaded, in the module's order
 * @param missing the module's keys that the file does not hold (left unchanged), in the module's order
 * @param unexpected the file's arrays the module has no entry for (ignored), in file order
 * @param mismatched {@code name: file [shape] vs module [shape]} (or the value problem of an int64
 *     buffer) for every key present in both that was not loaded because it does not fit
 */
public record LoadReport(List<String> loaded, List<String> missing, List<String> unexpected, List<String> mismatched) {
    /** Copies the lists. */
    public LoadReport {
        loaded = List.copyOf(loaded);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        mismatched = List.copyOf(mismatched);
    }

    /** True when every key of the module was loaded and the file held nothing else. */
    public boolean isExactMatch() {
        return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
    }
}
