package org.nabla.examples;

import org.nabla.activation.ReLU;
import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Conv2d;
import org.nabla.layer.Flatten;
import org.nabla.layer.Linear;
import org.nabla.layer.MaxPool2d;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.SGD;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Linalg;
import org.nabla.theory.Agop;
import org.nabla.theory.Criticality;
import org.nabla.theory.ScalarActivation;

/**
 * The README's five-minute tour, block for block (a test checks that every README code block
 * appears here verbatim, and runs this class).
 */
public final class Tour {
    private Tour() {
    }

    static Tensor tensors() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor b = a.matmul(a.transpose()).add(Tensor.of(10, 20));   // broadcasting: [[15, 31], [21, 45]]
        Tensor s = a.sum(0);                                         // [4, 6]
        var qr = Linalg.qr(a);                                       // A = QR, QᵀQ = I
        // a.matmul(Tensor.zeros(3, 2)) throws: matmul: inner dimensions differ: [2, 2] @ [3, 2] (2 != 3)
        System.out.println(b + " " + s + " " + qr.r());
        return b;
    }

    static Gradients autodiff() {
        Variable x = Variable.leaf(Tensor.scalar(2.0));
        Variable y = Variable.leaf(Tensor.scalar(3.0));
        Variable f = x.mul(y).add(x.sin()).mul(y);                   // f = (xy + sin x)·y
        Gradients g = f.backward();
        g.of(x);   // ∂f/∂x = y² + y·cos x = 7.7516
        g.of(y);   // ∂f/∂y = 2xy + sin x  = 12.9093
        Tensor h = Autodiff.hvp(v -> v.tanh().sum(), Tensor.of(0.5, 1.0), Tensor.of(1.0, 0.0)); // Hessian-vector product
        GradCheck.check(in -> in.get(0).tanh().mul(in.get(1)).sum(), Tensor.of(0.3), Tensor.of(2.0)).assertPassed();
        System.out.println(g.of(x) + " " + g.of(y) + " " + h);
        return g;
    }

    static Variable layers() {
        Rng rng = new Rng(1);
        Sequential net = new Sequential(new Conv2d(1, 6, 5, rng), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(6 * 2 * 2, 10, rng));
        Variable logits = net.forward(Variable.constant(Tensor.randn(rng, 4, 1, 8, 8)));
        Variable loss = new CrossEntropy().forward(logits, new int[] {0, 3, 1, 9});
        SGD sgd = SGD.builder(net.parameters()).learningRate(0.1).momentum(0.9).build();
        sgd.step(loss.backward());                                   // θ ← θ − η·v, v ← μv + ∇L
        System.out.println(loss);
        return loss;
    }

    static Tensor theory() {
        Rng rng = new Rng(3);
        var critical = Criticality.criticalPoint(ScalarActivation.forName("gelu")); // (C_b, C_W, K*) ≈ (0.173, 1.983, 3.56)
        Tensor x = Tensor.randn(rng, 50, 6);
        Tensor agop = Agop.of(net2 -> net2.tanh().matmul(Variable.constant(Tensor.randn(new Rng(2), 6, 3))), x);
        // AGOP = (1/n) Σᵢ Σ_c ∇ₓf_c(xᵢ) ∇ₓf_c(xᵢ)ᵀ, a 6×6 matrix: which input directions the predictor uses
        System.out.println(critical + " " + agop.shape());
        return agop;
    }

    public static void main(String[] args) {
        tensors();
        autodiff();
        layers();
        theory();
    }
}
