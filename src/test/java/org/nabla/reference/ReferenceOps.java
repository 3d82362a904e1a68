package org.nabla.reference;

import java.util.List;
import java.util.Map;
import org.nabla.autodiff.Variable;

/**
 * A catalog of operations that ops.json cases can be replayed against. Each package's tests
 * contribute one catalog; {@link OpsReferenceTest} lists them all.
 */
public interface ReferenceOps {
    /** How one case's op is computed: the real inputs as leaf variables, the case for attributes and int inputs. */
    @FunctionalInterface
    interface Op {
        Variable apply(ReferenceCase c, List<Variable> inputs);
    }

    /** An op with its relative tolerance (README: 1e-9 elementwise, 1e-7 reductions, matmul, conv, linalg). */
    final class Entry {
        public final Op op;
        public final double rtol;

        public Entry(Op op, double rtol) {
            this.op = op;
            this.rtol = rtol;
        }
    }

    /** Relative tolerance for elementwise operations. */
    double ELEMENTWISE = 1e-9;
    /** Relative tolerance for reductions, matmul, convolution and decompositions. */
    double REDUCTION = 1e-7;

    /** Adds this catalog's ops, keyed by attrs.op. */
    void register(Map<String, Entry> ops);
}
