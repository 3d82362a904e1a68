package org.nabla.reference;

import java.util.Map;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Shape;

/** The tensor-level primitives of org.nabla.autodiff, replayed against ops.json. */
public final class AutodiffReferenceOps implements ReferenceOps {
    @Override
    public void register(Map<String, Entry> ops) {
        ops.put("add", new Entry((c, in) -> in.get(0).add(in.get(1)), ELEMENTWISE));
        ops.put("sub", new Entry((c, in) -> in.get(0).sub(in.get(1)), ELEMENTWISE));
        ops.put("mul", new Entry((c, in) -> in.get(0).mul(in.get(1)), ELEMENTWISE));
        ops.put("div", new Entry((c, in) -> in.get(0).div(in.get(1)), ELEMENTWISE));
        ops.put("pow", new Entry((c, in) -> in.get(0).pow(in.get(1)), ELEMENTWISE));
        ops.put("maximum", new Entry((c, in) -> in.get(0).maximum(in.get(1)), ELEMENTWISE));
        ops.put("minimum", new Entry((c, in) -> in.get(0).minimum(in.get(1)), ELEMENTWISE));
        ops.put("neg", new Entry((c, in) -> in.get(0).neg(), ELEMENTWISE));
        ops.put("exp", new Entry((c, in) -> in.get(0).exp(), ELEMENTWISE));
        ops.put("log", new Entry((c, in) -> in.get(0).log(), ELEMENTWISE));
        ops.put("log1p", new Entry((c, in) -> in.get(0).log1p(), ELEMENTWISE));
        ops.put("expm1", new Entry((c, in) -> in.get(0).expm1(), ELEMENTWISE));
        ops.put("sqrt", new Entry((c, in) -> in.get(0).sqrt(), ELEMENTWISE));
        ops.put("tanh", new Entry((c, in) -> in.get(0).tanh(), ELEMENTWISE));
        ops.put("sigmoid", new Entry((c, in) -> in.get(0).sigmoid(), ELEMENTWISE));
        ops.put("relu", new Entry((c, in) -> in.get(0).relu(), ELEMENTWISE));
        ops.put("abs", new Entry((c, in) -> in.get(0).abs(), ELEMENTWISE));
        ops.put("sin", new Entry((c, in) -> in.get(0).sin(), ELEMENTWISE));
        ops.put("cos", new Entry((c, in) -> in.get(0).cos(), ELEMENTWISE));
        ops.put("square", new Entry((c, in) -> in.get(0).square(), ELEMENTWISE));
        ops.put("reciprocal", new Entry((c, in) -> in.get(0).reciprocal(), ELEMENTWISE));
        ops.put("erf", new Entry((c, in) -> in.get(0).erf(), ELEMENTWISE));
        ops.put("sum", new Entry((c, in) -> in.get(0).sum(c.ints("dims"), c.bool("keepdim", false)), REDUCTION));
        ops.put("mean", new Entry((c, in) -> in.get(0).mean(c.ints("dims"), c.bool("keepdim", false)), REDUCTION));
        ops.put("max", new Entry((c, in) -> in.get(0).max(c.ints("dims"), c.bool("keepdim", false)), REDUCTION));
        ops.put("min", new Entry((c, in) -> in.get(0).min(c.ints("dims"), c.bool("keepdim", false)), REDUCTION));
        ops.put("logsumexp", new Entry((c, in) -> in.get(0).logSumExp(c.ints("dims"), c.bool("keepdim", false)),
                REDUCTION));
        ops.put("var", new Entry((c, in) -> in.get(0).var(c.ints("dims"), c.bool("unbiased", true),
                c.bool("keepdim", false)), REDUCTION));
        ops.put("transpose", new Entry((c, in) -> {
            int[] d = c.ints("dims");
            return d == null ? in.get(0).transpose() : in.get(0).transpose(d[0], d[1]);
        }, ELEMENTWISE));
        ops.put("permute", new Entry((c, in) -> in.get(0).permute(c.ints("perm")), ELEMENTWISE));
        ops.put("reshape", new Entry((c, in) -> in.get(0).reshape(c.ints("shape")), ELEMENTWISE));
        ops.put("slice", new Entry((c, in) -> in.get(0).slice(c.integer("dim", 0), c.integer("start", 0),
                c.integer("stop", Integer.MAX_VALUE), c.integer("step", 1)), ELEMENTWISE));
        ops.put("concat", new Entry((c, in) -> Variable.concat(c.integer("dim", 0), in), ELEMENTWISE));
        ops.put("stack", new Entry((c, in) -> Variable.stack(c.integer("dim", 0), in), ELEMENTWISE));
        ops.put("broadcast_to", new Entry((c, in) -> in.get(0).broadcastTo(Shape.of(c.ints("shape"))), ELEMENTWISE));
        ops.put("matmul", new Entry((c, in) -> in.get(0).matmul(in.get(1)), REDUCTION));
    }
}
