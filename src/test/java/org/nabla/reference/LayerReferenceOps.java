package org.nabla.reference;

import java.util.Map;
import org.nabla.layer.BatchNorm;
import org.nabla.layer.Dropout;
import org.nabla.layer.Embedding;
import org.nabla.layer.LayerNorm;
import org.nabla.layer.Linear;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/** The layers of org.nabla.layer in their functional forms, replayed against ops.json. */
public final class LayerReferenceOps implements ReferenceOps {
    @Override
    public void register(Map<String, Entry> ops) {
        ops.put("linear", new Entry((c, in) -> Linear.linear(in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null),
                REDUCTION));
        ops.put("batch_norm", new Entry((c, in) -> {
            if (!c.bool("training", true)) {
                throw new IllegalArgumentException("batch_norm replay: only training=true cases carry no running statistics");
            }
            return BatchNorm.batchNorm(in.get(0), in.size() > 1 ? in.get(1) : null, in.size() > 2 ? in.get(2) : null,
                    c.number("eps", 1e-5));
        }, REDUCTION));
        ops.put("layer_norm", new Entry((c, in) -> LayerNorm.layerNorm(in.get(0), c.ints("normalized_shape"),
                in.size() > 1 ? in.get(1) : null, in.size() > 2 ? in.get(2) : null, c.number("eps", 1e-5)), REDUCTION));
        ops.put("embedding", new Entry((c, in) -> Embedding.embedding(in.get(0), c.intInputs.get(0)), ELEMENTWISE));
        ops.put("dropout", new Entry((c, in) -> {
            if (c.bool("training", false)) {
                throw new IllegalArgumentException("dropout replay: a training-mode mask cannot be reproduced");
            }
            return Dropout.dropout(in.get(0), c.number("p", 0.5), false, new Rng(0));
        }, ELEMENTWISE));
    }
}
