package org.nabla.examples;

import java.util.Locale;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Linear;
import org.nabla.loss.MeanSquaredError;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * Backpropagation by hand, checked against Nabla: a 2 → 2 → 1 network with sigmoid units and fixed
 * weights (Rumelhart, Hinton &amp; Williams, "Learning representations by back-propagating errors",
 * Nature 323, 1986; Goodfellow, Bengio &amp; Courville, <i>Deep Learning</i>, §6.5).
 *
 * <p>Forward, for x = (0.05, 0.10) and target y = 0.01:
 * <pre>
 *   z¹ = W¹x + b¹      h = σ(z¹)      z² = W²h + b²      ŷ = σ(z²)      L = (ŷ − y)²
 * </pre>
 * with W¹ = [[0.15, 0.20], [0.25, 0.30]], b¹ = (0.35, 0.35), W² = [[0.40, 0.45]], b² = (0.60).
 * Backward, by the chain rule with σ′(z) = σ(z)(1 − σ(z)), the cotangents (adjoints) ā = ∂L/∂a:
 * <pre>
 *   ŷ̄ = 2(ŷ − y)       z̄² = ŷ̄ ŷ(1 − ŷ)       W̄² = z̄² hᵀ       b̄² = z̄²
 *   h̄ = W²ᵀ z̄²         z̄¹ = h̄ ⊙ h(1 − h)     W̄¹ = z̄¹ xᵀ       b̄¹ = z̄¹
 * </pre>
 * Every quantity is computed in plain {@code double} arithmetic, printed, and compared with what
 * Nabla's reverse sweep gives. Nabla's cotangents of the intermediates are read through zero
 * "probes": z¹ + p with p = 0 a leaf has the same value as z¹, and ∂L/∂p = ∂L/∂z¹.
 */
public final class BackpropByHand {
    private BackpropByHand() {
    }

    /** The hand-computed and Nabla-computed values, in the same order, with their names. */
    public record Result(String[] names, double[] byHand, double[] nabla) {
        /** max |byHand − nabla| over all quantities. */
        public double maxDifference() {
            double m = 0;
            for (int i = 0; i < byHand.length; i++) {
                m = Math.max(m, Math.abs(byHand[i] - nabla[i]));
            }
            return m;
        }
    }

    private static double sigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Computes everything both ways, prints a table and returns it. */
    public static Result run() {
        double x1 = 0.05;
        double x2 = 0.10;
        double y = 0.01;
        double[][] w1 = {{0.15, 0.20}, {0.25, 0.30}};
        double[] b1 = {0.35, 0.35};
        double[] w2 = {0.40, 0.45};
        double b2 = 0.60;

        // ---- by hand: forward
        double z11 = w1[0][0] * x1 + w1[0][1] * x2 + b1[0];
        double z12 = w1[1][0] * x1 + w1[1][1] * x2 + b1[1];
        double h1 = sigma(z11);
        double h2 = sigma(z12);
        double z2 = w2[0] * h1 + w2[1] * h2 + b2;
        double yHat = sigma(z2);
        double loss = (yHat - y) * (yHat - y);
        // ---- by hand: backward
        double yHatBar = 2 * (yHat - y);
        double z2Bar = yHatBar * yHat * (1 - yHat);
        double w2Bar1 = z2Bar * h1;
        double w2Bar2 = z2Bar * h2;
        double b2Bar = z2Bar;
        double h1Bar = w2[0] * z2Bar;
        double h2Bar = w2[1] * z2Bar;
        double z11Bar = h1Bar * h1 * (1 - h1);
        double z12Bar = h2Bar * h2 * (1 - h2);
        double[][] w1Bar = {{z11Bar * x1, z11Bar * x2}, {z12Bar * x1, z12Bar * x2}};
        double b1Bar1 = z11Bar;
        double b1Bar2 = z12Bar;

        // ---- Nabla: the same network from Linear layers, with zero probes on the intermediates
        Linear layer1 = new Linear(2, 2, new Rng(0));
        Linear layer2 = new Linear(2, 1, new Rng(0));
        layer1.weight().set(Tensor.of(w1));
        layer1.bias().set(Tensor.of(b1));
        layer2.weight().set(Tensor.of(new double[][] {w2}));
        layer2.bias().set(Tensor.of(b2));
        Variable pZ1 = Variable.leaf(Tensor.zeros(1, 2));
        Variable pH = Variable.leaf(Tensor.zeros(1, 2));
        Variable pZ2 = Variable.leaf(Tensor.zeros(1, 1));
        Variable pYHat = Variable.leaf(Tensor.zeros(1, 1));
        Variable x = Variable.constant(Tensor.of(new double[][] {{x1, x2}}));
        Variable z1 = layer1.forward(x).add(pZ1);
        Variable h = z1.sigmoid().add(pH);
        Variable z2v = layer2.forward(h).add(pZ2);
        Variable yHatV = z2v.sigmoid().add(pYHat);
        Variable lossV = new MeanSquaredError().forward(yHatV, Variable.constant(Tensor.of(new double[][] {{y}})));
        Gradients g = lossV.backward();

        String[] names = {"z¹₁", "z¹₂", "h₁", "h₂", "z²", "ŷ", "L",
            "∂L/∂ŷ", "∂L/∂z²", "∂L/∂W²₁₁", "∂L/∂W²₁₂", "∂L/∂b²",
            "∂L/∂h₁", "∂L/∂h₂", "∂L/∂z¹₁", "∂L/∂z¹₂",
            "∂L/∂W¹₁₁", "∂L/∂W¹₁₂", "∂L/∂W¹₂₁", "∂L/∂W¹₂₂", "∂L/∂b¹₁", "∂L/∂b¹₂"};
        double[] hand = {z11, z12, h1, h2, z2, yHat, loss,
            yHatBar, z2Bar, w2Bar1, w2Bar2, b2Bar,
            h1Bar, h2Bar, z11Bar, z12Bar,
            w1Bar[0][0], w1Bar[0][1], w1Bar[1][0], w1Bar[1][1], b1Bar1, b1Bar2};
        Tensor gw1 = g.of(layer1.weight());
        Tensor gw2 = g.of(layer2.weight());
        double[] nabla = {z1.value().get(0, 0), z1.value().get(0, 1), h.value().get(0, 0), h.value().get(0, 1),
            z2v.value().get(0, 0), yHatV.value().get(0, 0), lossV.item(),
            g.of(pYHat).get(0, 0), g.of(pZ2).get(0, 0), gw2.get(0, 0), gw2.get(0, 1), g.of(layer2.bias()).get(0),
            g.of(pH).get(0, 0), g.of(pH).get(0, 1), g.of(pZ1).get(0, 0), g.of(pZ1).get(0, 1),
            gw1.get(0, 0), gw1.get(0, 1), gw1.get(1, 0), gw1.get(1, 1),
            g.of(layer1.bias()).get(0), g.of(layer1.bias()).get(1)};
        System.out.printf(Locale.ROOT, "%-10s %22s %22s %10s%n", "quantity", "by hand", "Nabla", "|diff|");
        for (int i = 0; i < names.length; i++) {
            System.out.printf(Locale.ROOT, "%-10s %22.17f %22.17f %10.1e%n", names[i], hand[i], nabla[i],
                    Math.abs(hand[i] - nabla[i]));
        }
        Result r = new Result(names, hand, nabla);
        System.out.printf(Locale.ROOT, "largest difference: %.1e%n", r.maxDifference());
        return r;
    }

    public static void main(String[] args) {
        run();
    }
}
