package org.nabla.layer;

import java.util.Locale;

/**
 * How a convolution reads the input outside its edges, PyTorch's {@code padding_mode}. For an axis
 * of length L and an index i outside [0, L):
 * <pre>
 *   ZEROS      x[i] = 0
 *   REFLECT    x[−i] = x[i],  x[L − 1 + i] = x[L − 1 − i]     (mirror about the edge sample; needs p &lt; L)
 *   REPLICATE  x[i] = x[clamp(i, 0, L − 1)]                    (the edge sample repeated)
 *   CIRCULAR   x[i] = x[i mod L]                               (periodic extension; needs p ≤ L)
 * </pre>
 * Every mode except ZEROS is a selection of input entries, so its derivative scatters the output
 * cotangent back to the entries read (torch.nn.functional.pad, modes "reflect", "replicate",
 * "circular"; Dumoulin &amp; Visin, "A guide to convolution arithmetic for deep learning", 2016, §2).
 */
public enum PaddingMode {
    /** Zeros outside the input (the default). */
    ZEROS,
    /** Mirror image about the edge sample, not repeating it. */
    REFLECT,
    /** The edge sample repeated. */
    REPLICATE,
    /** Periodic extension: the input wraps around. */
    CIRCULAR;

    /** PyTorch's name of this mode: "zeros", "reflect", "replicate" or "circular". */
    public String torchName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode with PyTorch's name.
     *
     * @throws IllegalArgumentException for any other name, listing the four
     */
    public static PaddingMode fromTorchName(String name) {
        for (PaddingMode m : values()) {
            if (m.torchName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("padding_mode: expected one of \"zeros\", \"reflect\", \"replicate\", \"circular\", got \""
                + name + "\"");
    }

    /**
     * The input index read at padded position j of an axis of length n padded by {@code before} in
     * front: j − before if it falls inside, else this mode's rule (not for ZEROS).
     */
    int source(int j, int before, int n) {
        int i = j - before;
        if (i >= 0 && i < n) {
            return i;
        }
        return switch (this) {
            case REFLECT -> i < 0 ? -i : 2 * (n - 1) - i;
            case REPLICATE -> i < 0 ? 0 : n - 1;
            case CIRCULAR -> Math.floorMod(i, n);
            case ZEROS -> throw new IllegalStateException("ZEROS pads with zeros, it reads no index");
        };
    }
}
