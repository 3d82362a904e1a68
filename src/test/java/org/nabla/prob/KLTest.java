package org.nabla.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Variable;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class KLTest {
    @Test
    void closedFormAgreesWithMonteCarlo() {
        Normal p = Normal.of(Variable.constant(Tensor.of(0.5, -1.0, 0.0)), Variable.constant(Tensor.of(0.8, 2.0, 0.3)));
        Normal q = Normal.of(Variable.constant(Tensor.of(0.0, 1.0, 0.2)), Variable.constant(Tensor.of(1.0, 1.5, 0.5)));
        double[] exact = KL.normalNormal(p, q).value().toArray();
        double[] mc = KL.monteCarlo(p, q, new Rng(21), 400_000).toArray();
        for (int i = 0; i < 3; i++) {
            assertThat(exact[i]).isPositive();
            assertThat(mc[i]).as("entry %d", i).isCloseTo(exact[i], within(0.01 + 0.01 * exact[i]));
        }
    }

    @Test
    void againstTheStandardNormalItIsHalfOfMuSquaredPlusVarianceMinusOneMinusLogVariance() {
        Normal p = Normal.of(Variable.constant(Tensor.of(0.7)), Variable.constant(Tensor.of(0.4)));
        double kl = KL.normalNormal(p, Normal.standard(1)).item();
        assertThat(kl).isCloseTo(0.5 * (0.49 + 0.16 - 1 - Math.log(0.16)), within(1e-15));
        assertThat(KL.normalNormal(p, p).item()).isEqualTo(0.0);
    }

    @Test
    void closedFormPassesGradCheck() {
        GradCheck.check(in -> KL.normalNormal(Normal.withLogStd(in.get(0), in.get(1)), Normal.of(in.get(2), in.get(3))).sum(),
                Tensor.of(0.3, -0.2), Tensor.of(0.1, -0.5), Tensor.of(-0.4, 0.6), Tensor.of(1.2, 0.7)).assertPassed();
    }
}
