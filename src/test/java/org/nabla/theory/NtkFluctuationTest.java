package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/** The factorised diagonal NTK against autograd, the ratio estimator, and the ensemble mean against its exact value. */
class NtkFluctuationTest {
    @Test
    void factorisedFormulaEqualsAutograd() {
        double[] x = {0.4, -1.1, 0.7, 0.2, 1.5};
        for (ScalarActivation a : new ScalarActivation[] {ScalarActivation.RELU, ScalarActivation.TANH}) {
            List<double[][]> ws = NtkFluctuation.sampleWeights(new Rng(8), 2.0, x.length, 12, 4);
            NtkFluctuation.Diagonal d = NtkFluctuation.diagonal(ws, a, 2.0, x);
            List<Variable> params = new ArrayList<>();
            List<Variable> weightsOnly = new ArrayList<>();
            for (Tensor w : NtkFluctuation.asTensors(ws)) {
                Variable wv = Variable.leaf(w);
                params.add(wv);
                weightsOnly.add(wv);
                params.add(Variable.leaf(Tensor.zeros(w.dim(0))));
            }
            Tensor input = Tensor.of(new double[][] {x});
            double spAll = NeuralTangentKernel.empirical(params, xv -> MultilayerPerceptron.forward(params, a, xv), input).item();
            assertThat(d.spAll()).as(a + " Θ_sp_all").isCloseTo(spAll, within(1e-12 * spAll));
            double ntk = 0;
            for (Variable w : weightsOnly) {
                ntk += 2.0 / w.shape().dim(1)
                        * NeuralTangentKernel.empirical(List.of(w), xv -> MultilayerPerceptron.forward(params, a, xv), input).item();
            }
            assertThat(d.ntkWeights()).as(a + " Θ_weights").isCloseTo(ntk, within(1e-12 * ntk));
            assertThat(Arrays.stream(d.spAllTerms()).sum()).isCloseTo(d.spAll(), within(1e-12 * spAll));
        }
    }

    /** For Θ ~ Exp(1), E[Θ²]/E[Θ]² = 2; for a constant, exactly 1 with zero standard error. */
    @Test
    void ratioEstimatorAndItsStandardError() {
        Rng rng = new Rng(3);
        double[] s = new double[20_000];
        for (int i = 0; i < s.length; i++) {
            s[i] = -Math.log(1 - rng.nextDouble());
        }
        NtkFluctuation.Ratio r = NtkFluctuation.ratio(s);
        assertThat(Math.abs(r.value() - 2.0)).isLessThanOrEqualTo(4 * r.standardError());
        assertThat(r.standardError()).isBetween(0.01, 0.05); // delta method: √(Var(r̂)) = √(20/N)·… ≈ 0.03
        double[] c = new double[50];
        Arrays.fill(c, 3.5);
        assertThat(NtkFluctuation.ratio(c).value()).isEqualTo(1.0);
        assertThat(NtkFluctuation.ratio(c).standardError()).isEqualTo(0.0);
    }

    /** Bias-free ReLU with C_W = 2: the ensemble mean of Θ is its width-independent exact value; 1 &lt; r &lt; exp(5β). */
    @Test
    void ensembleMeanIsExactAndRatioLiesBelowExpFiveBeta() {
        double[] x = new double[10];
        Arrays.fill(x, 1.0);
        NtkFluctuation.Result r = NtkFluctuation.measure(ScalarActivation.RELU, 2.0, x, 5, 32, 1000, 21);
        double[] exact = NtkFluctuation.reluMeans(x, 5, 32);
        assertThat(exact).containsExactly(5 + 10 + 4 * 32, 10.0);
        assertThat(Math.abs(r.meanSpAll() - exact[0])).isLessThanOrEqualTo(4 * r.meanSpAllSe());
        assertThat(Math.abs(r.meanNtkWeights() - exact[1])).isLessThanOrEqualTo(4 * r.meanNtkWeightsSe());
        assertThat(r.spAll().value()).isGreaterThan(1.0).isLessThan(r.exp5Beta());
        for (NtkFluctuation.Ratio layer : r.perLayerTermRatio()) {
            // each layer's term follows exp(5β) much more closely than the total does
            assertThat(Math.abs(layer.value() - r.exp5Beta())).isLessThan(Math.abs(r.spAll().value() - r.exp5Beta()));
        }
    }
}
