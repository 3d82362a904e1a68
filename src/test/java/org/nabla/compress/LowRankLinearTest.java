package org.nabla.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nabla.compress.SameMap.assertSameMapAndInputGradient;
import static org.nabla.compress.SameMap.maxAbs;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nabla.autodiff.GradCheck;
import org.nabla.io.Npz;
import org.nabla.layer.Linear;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Linalg;

/**
 * Eckart–Young for the factorized layer against NumPy (src/test/resources/linalg/make_low_rank.py) and
 * against the norms of W − W₂W₁ measured here; full rank computes the same map and gradient; central
 * differences through the two layers.
 */
class LowRankLinearTest {

    private static Linear layer(Tensor w, Rng rng) {
        Linear l = new Linear(w.dim(1), w.dim(0), true, rng);
        l.weight().set(w);
        return l;
    }

    @Test
    void errorsAreTheDiscardedSingularValues() throws IOException, URISyntaxException {
        Map<String, Tensor> ref = Npz.read(Paths.get(getClass().getResource("/linalg/low_rank.npz").toURI()));
        Tensor w = ref.get("w");
        Linear l = layer(w, new Rng(1));
        for (int r = 1; r <= 5; r++) {
            LowRankLinear f = LowRankLinear.of(l, r);
            Tensor residual = w.sub(f.weight());
            double fro = Linalg.norm(residual, "fro").toDouble();
            double spec = Linalg.svdvals(residual).get(0);
            // the reported errors: √(Σ discarded σᵢ²) and σ_{r+1}
            assertThat(f.frobeniusError()).isCloseTo(fro, within(1e-12));
            assertThat(f.spectralError()).isCloseTo(r < 5 ? spec : 0, within(1e-12));
            // and NumPy's norms of its own truncation
            assertThat(f.frobeniusError()).isCloseTo(ref.get("fro" + r).toDouble(), within(1e-12));
            assertThat(spec).isCloseTo(ref.get("spec" + r).toDouble(), within(1e-12));
            assertThat(maxAbs(f.singularValues().sub(ref.get("s")))).isLessThan(1e-13);
            assertThat(f.parameterCount()).isEqualTo(r * (5 + 7) + 7);
        }
    }

    @Test
    void fullRankComputesTheSameMapAndGradient() {
        Rng rng = new Rng(2);
        Linear l = new Linear(6, 4, rng);
        LowRankLinear f = LowRankLinear.of(l, 4);
        Tensor x = Tensor.randn(rng, 3, 6);
        assertSameMapAndInputGradient(l, f.module(), x, rng, 1e-12);
        GradCheck.check(in -> f.module().apply(in.get(0)), x).assertPassed();
    }

    @Test
    void truncationBoundsTheOutputError() {
        Rng rng = new Rng(3);
        Linear l = new Linear(8, 6, rng);
        LowRankLinear f = LowRankLinear.of(l, 2);
        Tensor x = Tensor.randn(rng, 1, 8);
        double err = f.module().forward(x).sub(l.forward(x)).norm();
        assertThat(err).isLessThanOrEqualTo(x.norm() * f.spectralError() * (1 + 1e-12));
        assertThatThrownBy(() -> LowRankLinear.of(l, 7)).hasMessageContaining("[1, 6]").hasMessageContaining("in=8");
    }
}
