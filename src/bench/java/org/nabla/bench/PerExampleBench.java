package org.nabla.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.nabla.activation.ReLU;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.PerExampleGradients;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.loss.Reduction;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.theory.Agop;
import org.nabla.theory.NeuralTangentKernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The batched per-example derivatives against the loops they replace (docs/benchmarks.md,
 * "Per-example derivatives"): (a) the empirical NTK Gram matrix of 200 inputs (d = 16) of a
 * 16-512-10 ReLU network, per-example path vs n·c = 2,000 sweeps; (b) per-example gradients of a
 * batch of 64 for a 784-256-128-10 ReLU MLP with cross entropy, one batched pass vs 64 single-example
 * sweeps; (c) the AGOP of a 64-128-10 ReLU network (the digits' shape) over 1,000 inputs, checked
 * c + 1 sweeps vs the former unchecked c sweeps. Milliseconds per call. The loops are copies of the
 * former code (the test oracles live in src/test).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class PerExampleBench {
    private Sequential ntkNet;
    private List<Variable> ntkLeaves;
    private Tensor ntkX;
    private Sequential mlp;
    private Tensor batch;
    private int[] labels;
    private Sequential digits;
    private Tensor digitsX;

    @Setup(Level.Trial)
    public void setUp() {
        Rng rng = new Rng(24);
        ntkNet = new Sequential(new Linear(16, 512, rng), new ReLU(), new Linear(512, 10, rng));
        ntkX = Tensor.randn(rng, 200, 16);
        mlp = new Sequential(new Linear(784, 256, rng), new ReLU(), new Linear(256, 128, rng), new ReLU(),
                new Linear(128, 10, rng));
        batch = Tensor.rand(rng, 64, 784);
        labels = new int[64];
        for (int i = 0; i < 64; i++) {
            labels[i] = rng.nextInt(10);
        }
        digits = new Sequential(new Linear(64, 128, rng), new ReLU(), new Linear(128, 10, rng));
        digitsX = Tensor.rand(rng, 1000, 64).mul(16);
        refreshLeaves();
    }

    private void refreshLeaves() {
        ntkLeaves = new ArrayList<>();
        for (Parameter p : ntkNet.parameters()) {
            ntkLeaves.add(p.variable());
        }
    }

    @Benchmark
    public Tensor ntkPerExample() {
        return NeuralTangentKernel.empirical(ntkLeaves, ntkNet::forward, ntkX);
    }

    @Benchmark
    public Tensor ntkSweeps() {
        return ntkBySweeps(ntkLeaves, ntkNet::forward, ntkX);
    }

    /** The per-example gradients in their stored form (outer products for the weights). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 5, time = 1)
    @Measurement(iterations = 10, time = 1)
    public PerExampleGradients perExampleGradientsStored() {
        CrossEntropy ce = new CrossEntropy(Reduction.NONE);
        return PerExampleGradients.of(xv -> ce.forward(mlp.forward(xv), labels), batch);
    }

    /** The same, each parameter's (64, shape) tensor materialized. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 5, time = 1)
    @Measurement(iterations = 10, time = 1)
    public List<Tensor> perExampleGradientsDense() {
        PerExampleGradients g = perExampleGradientsStored();
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : mlp.parameters()) {
            out.add(g.of(p));
        }
        return out;
    }

    /** 64 forward passes and single-example sweeps, each parameter's gradient kept. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 5, time = 1)
    @Measurement(iterations = 10, time = 1)
    public List<Tensor> perExampleGradientsLoop() {
        CrossEntropy ce = new CrossEntropy(Reduction.SUM);
        List<Parameter> params = mlp.parameters();
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < batch.dim(0); i++) {
            Gradients g = ce.forward(mlp.forward(Variable.constant(batch.slice(0, i, i + 1))), new int[] {labels[i]})
                    .backward();
            for (Parameter p : params) {
                out.add(g.of(p));
            }
        }
        return out;
    }

    @Benchmark
    public Tensor agopChecked() {
        return Agop.of(digits::forward, digitsX);
    }

    @Benchmark
    public Tensor agopUncheckedSweeps() {
        Variable xv = Variable.leaf(digitsX);
        Variable y = digits.forward(xv);
        int n = digitsX.dim(0);
        int c = y.shape().dim(1);
        Tensor[] g = new Tensor[c];
        for (int k = 0; k < c; k++) {
            double[] seed = new double[n * c];
            for (int i = 0; i < n; i++) {
                seed[i * c + k] = 1.0;
            }
            g[k] = y.backward(Tensor.of(y.shape(), seed)).of(xv);
        }
        return Agop.ofGradients(Tensor.stack(0, g), false);
    }

    /** The former NeuralTangentKernel.empirical: one reverse sweep per output entry, Θ = J Jᵀ. */
    static Tensor ntkBySweeps(List<Variable> parameters, Function<Variable, Variable> f, Tensor x) {
        Variable y = f.apply(Variable.constant(x));
        int m = y.shape().size();
        int p = 0;
        for (Variable v : parameters) {
            p += v.shape().size();
        }
        double[] jac = new double[m * p];
        for (int r = 0; r < m; r++) {
            double[] seed = new double[m];
            seed[r] = 1.0;
            Gradients g = y.backward(Tensor.of(y.shape(), seed));
            int offset = 0;
            for (Variable v : parameters) {
                int size = v.shape().size();
                System.arraycopy(g.of(v).toArray(), 0, jac, r * p + offset, size);
                offset += size;
            }
        }
        Tensor j = Tensor.of(new int[] {m, p}, jac);
        return j.matmul(j.transpose());
    }
}
