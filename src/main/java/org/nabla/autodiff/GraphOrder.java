package org.nabla.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one traversal of a computation graph: a depth-first post-order from the output, inputs before
 * the operations that use them, each node once, inputs followed in argument order. Reversed, it is a
 * topological order in which every node comes before its inputs — the order of the reverse sweep
 * (Griewank &amp; Walther, Evaluating Derivatives, 2nd ed., §3.2) and of the layering of a graph
 * picture (org.nabla.viz). Iterative: a chain of 100,000 operations needs no deep stack. Nodes are
 * compared by identity.
 *
 * @param <T> the node type: {@link Variable}, or the node of a picture
 */
public final class GraphOrder<T> {
    /** How to walk from a node to its inputs. */
    public interface Inputs<T> {
        /** The number of inputs of a node (0 for a leaf). */
        int count(T node);

        /** The k-th input of a node, or null to leave that edge out of the traversal. */
        T input(T node, int k);
    }

    private final Inputs<T> inputs;

    private GraphOrder(Inputs<T> inputs) {
        this.inputs = inputs;
    }

    /** A traversal that follows the given edges. */
    public static <T> GraphOrder<T> of(Inputs<T> inputs) {
        return new GraphOrder<>(inputs);
    }

    /**
     * The variables below {@code output} that require a gradient (and the output), inputs before their
     * consumers: the nodes a reverse sweep visits, in reverse.
     */
    public static List<Variable> requiringGrad(Variable output) {
        return of(new Inputs<Variable>() {
            @Override
            public int count(Variable v) {
                Operation op = v.producer();
                return op == null ? 0 : op.inputCount();
            }

            @Override
            public Variable input(Variable v, int k) {
                Variable in = v.producer().input(k);
                return in.requiresGrad() ? in : null;
            }
        }).postOrder(output);
    }

    /** Every node reachable from {@code root}, each once, inputs before the nodes that use them. */
    public List<T> postOrder(T root) {
        List<T> order = new ArrayList<>();
        Map<T, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<T> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        stack.push(root);
        next.push(0);
        visited.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            T v = stack.peek();
            int k = next.pop();
            int n = inputs.count(v);
            boolean descended = false;
            while (k < n) {
                T in = inputs.input(v, k++);
                if (in != null && visited.put(in, Boolean.TRUE) == null) {
                    next.push(k);
                    stack.push(in);
                    next.push(0);
                    descended = true;
                    break;
                }
            }
            if (!descended) {
                stack.pop();
                order.add(v);
            }
        }
        return order;
    }
}
