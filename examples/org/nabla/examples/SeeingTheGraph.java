package org.nabla.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nabla.activation.ReLU;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.viz.GraphPicture;
import org.nabla.viz.ModuleSummary;

/**
 * The pictures of docs/seeing.md: the graph of the 2-2-1 network (sigmoid, fixed weights) of
 * "backprop by hand" before and after the backward sweep, as SVG and DOT, and the summary table of a
 * small multilayer perceptron.
 *
 * <p>The mathematics: h = σ(x W₁ᵀ + b₁), y = σ(h W₂ᵀ + b₂), L = ½ (y − t)²; after backward every
 * box also shows its adjoint v̄ = ∂L/∂v, e.g. ȳ = y − t and b̄₂ = (y − t) y (1 − y).
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.SeeingTheGraph}
 * (writes into {@code target/seeing/}).
 */
public final class SeeingTheGraph {
    private SeeingTheGraph() {
    }

    /** The loss L of the 2-2-1 network with its named parts. */
    public static final class Network {
        public final Variable x = Variable.constant(Tensor.of(new int[] {1, 2}, 1.0, 0.5));
        public final Parameter w1 = new Parameter("W1", Tensor.of(new int[] {2, 2}, 0.15, 0.20, 0.25, 0.30));
        public final Parameter b1 = new Parameter("b1", Tensor.of(0.35, 0.35));
        public final Parameter w2 = new Parameter("W2", Tensor.of(new int[] {1, 2}, 0.40, 0.45));
        public final Parameter b2 = new Parameter("b2", Tensor.of(0.60));
        public final Variable h = Linear.linear(x, w1.variable(), b1.variable()).sigmoid();
        public final Variable y = Linear.linear(h, w2.variable(), b2.variable()).sigmoid();
        public final Variable loss = y.sub(Variable.constant(0.01)).square().sum().mul(0.5);
    }

    /** Writes graph-before.svg/.dot, graph-after.svg/.dot and summary.txt into {@code dir}; returns the summary. */
    public static ModuleSummary run(Path dir) throws Exception {
        Files.createDirectories(dir);
        Network net = new Network();
        GraphPicture before = GraphPicture.of(net.loss).label(net.x, "x").label(net.h, "h").label(net.y, "y")
                .title("L = ½ (y − t)² for the 2-2-1 network: the forward pass");
        before.writeSvg(dir.resolve("graph-before.svg"));
        before.writeDot(dir.resolve("graph-before.dot"));
        GraphPicture after = GraphPicture.afterBackward(net.loss).label(net.x, "x").label(net.h, "h")
                .label(net.y, "y").title("After L.backward(): every node's gradient ∂L/∂v in red");
        after.writeSvg(dir.resolve("graph-after.svg"));
        after.writeDot(dir.resolve("graph-after.dot"));
        System.out.println("L = " + net.loss.item() + "; pictures written to " + dir);

        Sequential mlp = new Sequential(new Linear(64, 32, new Rng(1)), new ReLU(), new Linear(32, 10, new Rng(2)));
        ModuleSummary summary = ModuleSummary.of(mlp, 1, 64);
        Files.writeString(dir.resolve("summary.txt"), summary.toString());
        System.out.print(summary);
        return summary;
    }

    public static void main(String[] args) throws Exception {
        run(Path.of("target", "seeing"));
    }
}
