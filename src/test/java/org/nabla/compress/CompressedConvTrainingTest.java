package org.nabla.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nabla.activation.ReLU;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Gradients;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Conv2d;
import org.nabla.layer.Flatten;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.module.Module;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.train.Progress;
import org.nabla.train.Trainer;

/**
 * The compressed convolutions are trainable modules: every factor is a parameter, the gradient of a loss
 * with respect to each agrees with central differences (GradCheck, through the chain of the functional
 * convolutions with the module's geometry, and entry by entry on the module itself), and a few epochs of
 * the Trainer after compression lower the training loss.
 */
class CompressedConvTrainingTest {

    private static Conv2d small(Rng rng) {
        return Conv2d.builder(3, 4, 3, 3).padding(1, 1).rng(rng).build();
    }

    private static List<Module> compressed(Conv2d conv) {
        return List.of(TuckerConv2d.of(conv, 2, 3, 10).module(),
                CPConv2d.of(conv, 3, new Rng(5), 50, 1e-12).module());
    }

    /** The Sequential of convolutions as a function of its input and of every weight and bias, in order. */
    private static Variable chain(Sequential s, List<Variable> in) {
        Variable y = in.get(0);
        int k = 1;
        for (Module m : s.layers()) {
            Conv2d c = (Conv2d) m;
            Variable w = in.get(k++);
            Variable b = c.bias() == null ? null : in.get(k++);
            y = Conv2d.conv2d(y, w, b, c.stride(), c.paddingBefore(), c.dilation(), c.groups());
        }
        return y;
    }

    @Test
    void everyFactorIsAParameterAndItsGradientMatchesCentralDifferences() {
        Rng rng = new Rng(60);
        Conv2d conv = small(rng);
        Tensor x = Tensor.randn(rng, 2, 3, 5, 5);
        for (Module m : compressed(conv)) {
            Sequential s = (Sequential) m;
            List<Parameter> ps = s.parameters();
            assertThat(ps).hasSize(s.size() + 1); // one weight per convolution, the bias on the last
            List<Tensor> inputs = new ArrayList<>();
            inputs.add(x);
            ps.forEach(p -> inputs.add(p.value()));
            // the functional chain is the module
            List<Variable> leaves = inputs.stream().map(Variable::leaf).toList();
            Tensor y = s.forward(x);
            assertThat(SameMap.maxAbs(chain(s, leaves).value().sub(y))).isLessThan(1e-14);
            Tensor cot = Tensor.randn(rng, y.dims());
            GradCheck.check(in -> chain(s, in).mul(Variable.constant(cot)).sum(), inputs.toArray(Tensor[]::new))
                    .assertPassed();
            // the module's parameter gradients are the chain's, and central differences on the module agree
            Gradients g = s.apply(Variable.constant(x)).mul(Variable.constant(cot)).sum().backward();
            Gradients gf = chain(s, leaves).mul(Variable.constant(cot)).sum().backward();
            for (int i = 0; i < ps.size(); i++) {
                Parameter p = ps.get(i);
                assertThat(SameMap.maxAbs(g.of(p).sub(gf.of(leaves.get(i + 1))))).isLessThan(1e-13);
                double[] v = p.value().toArray();
                double[] grad = g.of(p).toArray();
                for (int j = 0; j < v.length; j++) {
                    double h = 1e-6;
                    double old = v[j];
                    v[j] = old + h;
                    p.set(Tensor.of(p.shape(), v.clone()));
                    double up = s.forward(x).mul(cot).sum().item();
                    v[j] = old - h;
                    p.set(Tensor.of(p.shape(), v.clone()));
                    double down = s.forward(x).mul(cot).sum().item();
                    v[j] = old;
                    p.set(Tensor.of(p.shape(), v.clone()));
                    assertThat(grad[j]).as("%s entry %d", p.name(), j).isCloseTo((up - down) / (2 * h), within(1e-6));
                }
            }
        }
    }

    @Test
    void aFewTrainerEpochsAfterCompressionLowerTheLoss() {
        TensorDataset flat = Digits.load();
        TensorDataset digits = flat.subset(IntStream.range(0, 200).toArray());
        digits = digits.withFeatures(digits.features().reshape(200, 1, 8, 8));
        Rng rng = new Rng(61);
        Conv2d c1 = Conv2d.builder(1, 4, 3, 3).padding(1, 1).rng(rng).build();
        Conv2d c2 = Conv2d.builder(4, 6, 3, 3).padding(1, 1).rng(rng).build();
        Linear head = new Linear(6 * 64, 10, rng);
        for (int variant = 0; variant < 2; variant++) {
            Module compressed = variant == 0 ? TuckerConv2d.of(c2, 2, 3, 10).module()
                    : CPConv2d.of(c2, 3, new Rng(7), 50, 1e-12).module();
            Linear h = new Linear(6 * 64, 10, new Rng(0));
            h.weight().set(head.weight().value());
            h.bias().set(head.bias().value());
            Sequential model = new Sequential(CPConv2d.of(c1, 2, new Rng(8), 50, 1e-12).module(), new ReLU(),
                    compressed, new ReLU(), new Flatten(), h);
            List<Tensor> start = model.parameters().stream().map(Parameter::value).toList();
            Trainer t = Trainer.builder(model, new CrossEntropy(), Adam.builder(model.parameters()).learningRate(1e-2)
                    .build()).classes(10).epochs(3).progress(Progress.silent()).build();
            double before = t.evaluate(DataLoader.sequential(digits, 100)).loss();
            t.fit(DataLoader.shuffled(digits, 20, 3));
            double after = t.evaluate(DataLoader.sequential(digits, 100)).loss();
            assertThat(after).as("variant %d: loss %f -> %f", variant, before, after).isLessThan(0.5 * before);
            // every factor of both compressed convolutions moved
            for (int i = 0; i < start.size(); i++) {
                assertThat(SameMap.maxAbs(model.parameters().get(i).value().sub(start.get(i)))).isGreaterThan(0);
            }
        }
    }
}
