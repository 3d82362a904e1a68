package org.nabla.reference;

import java.util.Map;
import org.nabla.layer.AvgPool2d;
import org.nabla.layer.Conv1d;
import org.nabla.layer.Conv2d;
import org.nabla.layer.MaxPool2d;

/** Convolution and pooling (org.nabla.layer), replayed against ops.json. */
public final class ConvReferenceOps implements ReferenceOps {
    @Override
    public void register(Map<String, Entry> ops) {
        ops.put("conv2d", new Entry((c, in) -> {
            int s = c.integer("stride", 1);
            int p = c.integer("padding", 0);
            int d = c.integer("dilation", 1);
            return Conv2d.conv2d(in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null, new int[] {s, s},
                    new int[] {p, p}, new int[] {d, d}, c.integer("groups", 1));
        }, REDUCTION));
        ops.put("conv1d", new Entry((c, in) -> Conv1d.conv1d(in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null,
                c.integer("stride", 1), c.integer("padding", 0), c.integer("dilation", 1), c.integer("groups", 1)),
                REDUCTION));
        ops.put("max_pool2d", new Entry((c, in) -> {
            int k = c.integer("kernel", 2);
            return MaxPool2d.maxPool2d(in.get(0), k, c.integer("stride", k), c.integer("padding", 0));
        }, REDUCTION));
        ops.put("avg_pool2d", new Entry((c, in) -> {
            int k = c.integer("kernel", 2);
            return AvgPool2d.avgPool2d(in.get(0), k, c.integer("stride", k), c.integer("padding", 0));
        }, REDUCTION));
    }
}
