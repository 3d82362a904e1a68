package org.nabla.layer;

import java.util.ArrayList;
import java.util.List;
import org.nabla.autodiff.Variable;
import org.nabla.module.Module;

/**
 * Adaptive average pooling to a fixed output size (H_o, W_o), whatever the input size: output cell
 * (i, j) averages the input rows ⌊iH/H_o⌋ … ⌈(i+1)H/H_o⌉ − 1 and columns ⌊jW/W_o⌋ … ⌈(j+1)W/W_o⌉ − 1
 * (PyTorch's windows). With (1, 1) it is global average pooling (Lin, Chen &amp; Yan, "Network in
 * network", 2014).
 */
public final class AdaptiveAvgPool2d extends Module {
    private final int outH;
    private final int outW;

    /** Output size (H_o, W_o). */
    public AdaptiveAvgPool2d(int outH, int outW) {
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: output size must be positive, got (" + outH + ", " + outW + ")");
        }
        this.outH = outH;
        this.outW = outW;
    }

    @Override
    public Variable forward(Variable x) {
        if (x.shape().rank() != 4) {
            throw new IllegalArgumentException(describe() + ": expected input (N, C, H, W), got shape " + x.shape());
        }
        int h = x.shape().dim(2);
        int w = x.shape().dim(3);
        if (outH == 1 && outW == 1) {
            return x.mean(new int[] {2, 3}, true);
        }
        List<Variable> rows = new ArrayList<>(outH);
        for (int i = 0; i < outH; i++) {
            int h0 = Math.floorDiv(i * h, outH);
            int h1 = -Math.floorDiv(-(i + 1) * h, outH);
            List<Variable> cells = new ArrayList<>(outW);
            for (int j = 0; j < outW; j++) {
                int w0 = Math.floorDiv(j * w, outW);
                int w1 = -Math.floorDiv(-(j + 1) * w, outW);
                cells.add(x.slice(2, h0, h1).slice(3, w0, w1).mean(new int[] {2, 3}, true));
            }
            rows.add(Variable.concat(3, cells));
        }
        return Variable.concat(2, rows);
    }

    /** The output height. */
    public int outputHeight() {
        return outH;
    }

    /** The output width. */
    public int outputWidth() {
        return outW;
    }

    @Override
    protected String describe() {
        return "AdaptiveAvgPool2d(" + outH + ", " + outW + ")";
    }
}
