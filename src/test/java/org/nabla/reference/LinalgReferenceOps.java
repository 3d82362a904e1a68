package org.nabla.reference;

import java.util.Map;
import org.nabla.autodiff.MatrixCalculus;

/** Differentiable linear algebra (org.nabla.autodiff.MatrixCalculus), replayed against ops.json. */
public final class LinalgReferenceOps implements ReferenceOps {
    @Override
    public void register(Map<String, Entry> ops) {
        ops.put("det", new Entry((c, in) -> MatrixCalculus.det(in.get(0)), REDUCTION));
        ops.put("inv", new Entry((c, in) -> MatrixCalculus.inverse(in.get(0)), REDUCTION));
        ops.put("solve", new Entry((c, in) -> MatrixCalculus.solve(in.get(0), in.get(1)), REDUCTION));
        ops.put("cholesky", new Entry((c, in) -> MatrixCalculus.cholesky(in.get(0)), REDUCTION));
        ops.put("svdvals", new Entry((c, in) -> MatrixCalculus.svdvals(in.get(0)), REDUCTION));
        ops.put("eigvalsh", new Entry((c, in) -> MatrixCalculus.eigvalsh(in.get(0)), REDUCTION));
        ops.put("norm", new Entry((c, in) -> {
            String ord = c.string("ord", "fro");
            if (!ord.equals("fro")) {
                throw new IllegalArgumentException("norm: ord " + ord + " is not replayed (only fro)");
            }
            return MatrixCalculus.frobeniusNorm(in.get(0));
        }, REDUCTION));
    }
}
