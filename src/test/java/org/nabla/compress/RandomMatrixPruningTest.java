package org.nabla.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nabla.io.Npz;
import org.nabla.layer.Linear;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.QR;

/**
 * The Marchenko–Pastur law against SciPy quadrature and its moments; the BEMA fit and the
 * Tracy–Widom-corrected edge against SciPy (src/test/resources/linalg/make_marchenko_pastur.py); a pure
 * Gaussian 1000 × 500 matrix (σ² fitted within 1 %, nothing kept) and rank-k spikes above the BBP
 * threshold (exactly k kept).
 */
class RandomMatrixPruningTest {
    private static Map<String, Tensor> ref;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        ref = Npz.read(Paths.get(RandomMatrixPruningTest.class.getResource("/linalg/marchenko_pastur.npz").toURI()));
    }

    @Test
    void distributionFunctionAgreesWithQuadrature() {
        for (String g : new String[] {"0.25", "1"}) {
            MarchenkoPastur mp = new MarchenkoPastur(Double.parseDouble(g), 1.3);
            Tensor xs = ref.get("cdf.x." + g);
            for (int i = 0; i < xs.size(); i++) {
                double f = mp.cdf(xs.get(i));
                assertThat(f).isCloseTo(ref.get("cdf." + g).get(i), within(1e-10));
                assertThat(mp.quantile(f)).isCloseTo(xs.get(i), within(1e-9));
            }
        }
    }

    @Test
    void massMeanAndVarianceAreThoseOfTheLaw() {
        MarchenkoPastur mp = new MarchenkoPastur(0.4, 2.0);
        int n = 20000;
        double lo = mp.lowerEdge();
        double h = (mp.upperEdge() - lo) / n;
        double mass = 0;
        double mean = 0;
        double second = 0;
        for (int i = 0; i < n; i++) { // midpoint rule on the density itself
            double x = lo + (i + 0.5) * h;
            double f = mp.density(x) * h;
            mass += f;
            mean += x * f;
            second += x * x * f;
        }
        assertThat(mass).isCloseTo(1, within(1e-4));
        assertThat(mean).isCloseTo(2.0, within(1e-4)); // E = σ²
        assertThat(second - mean * mean).isCloseTo(4.0 * 0.4, within(1e-3)); // Var = σ⁴γ
        assertThat(mp.cdf(mp.upperEdge())).isEqualTo(1);
        assertThat(mp.cdf(mp.quantile(0.5))).isCloseTo(0.5, within(1e-12));
        assertThatThrownBy(() -> new MarchenkoPastur(1.5, 1)).hasMessageContaining("γ = 1.5");
    }

    @Test
    void fitAndEdgeAgreeWithScipy() {
        RandomMatrixPruning fit = RandomMatrixPruning.of(ref.get("w"));
        assertThat(fit.law().variance()).isCloseTo(ref.get("sigma2").toDouble(), within(1e-9));
        assertThat(fit.edge()).isCloseTo(ref.get("edge").toDouble(), within(1e-9));
        assertThat(fit.kept()).isEqualTo((int) ref.get("kept").toDouble());
        assertThat(fit.law().ratio()).isEqualTo(0.4);
        assertThat(fit.edge()).isGreaterThan(fit.bulkEdge());
    }

    @Test
    void pureNoiseIsFittedAndNothingIsKept() {
        double sigma = 0.3;
        Tensor w = Tensor.randn(new Rng(31), 1000, 500).mul(sigma);
        RandomMatrixPruning fit = RandomMatrixPruning.of(w);
        assertThat(Math.abs(fit.law().variance() / (sigma * sigma) - 1)).isLessThan(0.01);
        assertThat(fit.kept()).isZero();
        assertThat(fit.eigenvalues().get(499)).isLessThan(fit.edge());
        Linear l = new Linear(500, 1000, new Rng(0));
        l.weight().set(w);
        assertThatThrownBy(() -> RandomMatrixPruning.prune(l, 0.2, 0.05)).hasMessageContaining("noise");
    }

    @Test
    void spikesAboveTheBbpThresholdAreExactlyKept() {
        Rng rng = new Rng(32);
        int n = 1000;
        int p = 500;
        double sigma = 0.5;
        double[] d = {2.0 * sigma, 2.5 * sigma, 3.0 * sigma}; // BBP threshold σγ^(1/4) = 0.42
        Tensor u = QR.of(Tensor.randn(rng, n, 3)).q();
        Tensor v = QR.of(Tensor.randn(rng, p, 3)).q();
        Tensor w = Tensor.randn(rng, p, n).mul(sigma); // a layer with in = 1000, out = 500
        for (int k = 0; k < 3; k++) {
            w = w.add(v.select(1, k).outer(u.select(1, k)).mul(Math.sqrt(n) * d[k]));
        }
        RandomMatrixPruning fit = RandomMatrixPruning.of(w);
        assertThat(fit.kept()).isEqualTo(3);
        // the spikes push the bulk up a little (interlacing): 1.16 % here
        assertThat(Math.abs(fit.law().variance() / (sigma * sigma) - 1)).isLessThan(0.02);
        Linear l = new Linear(n, p, new Rng(0));
        l.weight().set(w);
        LowRankLinear pruned = RandomMatrixPruning.prune(l, 0.2, 0.05);
        assertThat(pruned.rank()).isEqualTo(3);
        assertThat(pruned.parameterCount()).isEqualTo(3 * (n + p) + p);
        // below the threshold (d = 0.2 < σγ^(1/4)) a spike stays in the bulk
        Tensor weak = Tensor.randn(new Rng(33), p, n).mul(sigma)
                .add(v.select(1, 0).outer(u.select(1, 0)).mul(Math.sqrt(n) * 0.2));
        assertThat(RandomMatrixPruning.of(weak).kept()).isZero();
        assertThatThrownBy(() -> RandomMatrixPruning.tracyWidomQuantile(0.2)).hasMessageContaining("0.2");
    }
}
