package org.nabla.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/** Modular arithmetic data and the circulant structure measures. */
class GrokkingToolsTest {
    @Test
    void modularDataAreOneHotPairsWithTheirLabels() {
        ModularArithmetic add = ModularArithmetic.of(ModularArithmetic.Operation.ADD, 7);
        Tensor x = add.inputs(3 * 7 + 5);
        assertThat(x.shape().dims()).containsExactly(1, 14);
        assertThat(x.get(0, 3)).isEqualTo(1.0);
        assertThat(x.get(0, 7 + 5)).isEqualTo(1.0);
        assertThat(x.sum().item()).isEqualTo(2.0);
        assertThat(add.label(3 * 7 + 5)).isEqualTo(1);
        assertThat(ModularArithmetic.of(ModularArithmetic.Operation.SUBTRACT, 7).label(3 * 7 + 5)).isEqualTo(5);
        assertThat(ModularArithmetic.of(ModularArithmetic.Operation.MULTIPLY, 7).label(3 * 7 + 5)).isEqualTo(1);
        assertThat(add.targets(3 * 7 + 5).get(0, 1)).isEqualTo(1.0);
        int[] train = add.randomTrainPairs(0.5, new Rng(4));
        assertThat(train).hasSize(24).isSorted().doesNotHaveDuplicates();
        assertThat(add.randomTrainPairs(0.5, new Rng(4))).isEqualTo(train);
        FeatureMachine.Split[] s = add.split(train);
        assertThat(s[0].x().dim(0) + s[1].x().dim(0)).isEqualTo(49);
        assertThat(add.complement(train)).doesNotContain(train);
        assertThatThrownBy(() -> add.label(49)).hasMessageContaining("pair index 49");
    }

    @Test
    void circulantFractionIsOneForCirculantMatricesAndTheHankelOneForHankelMatrices() {
        int p = 7;
        double[] c = Tensor.randn(new Rng(1), p).toArray();
        double[][] circ = new double[p][p];
        double[][] hank = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                circ[i][j] = c[Math.floorMod(i - j, p)];
                hank[i][j] = c[(i + j) % p];
            }
        }
        assertThat(CirculantStructure.circulantFraction(Tensor.of(circ))).isCloseTo(1.0, within(1e-14));
        assertThat(CirculantStructure.hankelFraction(Tensor.of(hank))).isCloseTo(1.0, within(1e-14));
        assertThat(CirculantStructure.hankelFraction(Tensor.of(circ))).isLessThan(0.5);
        double noise = CirculantStructure.circulantFraction(Tensor.randn(new Rng(2), p, p));
        assertThat(noise).isBetween(0.0, 1.0);
        assertThat(CirculantStructure.circulantFraction(Tensor.ones(p, p))).isNaN();
        // M = I: the cross block is 0 (undefined), each diagonal block I − J/p is circulant
        Tensor eye = Tensor.eye(2 * p);
        assertThat(CirculantStructure.crossBlockCirculantFraction(eye)).isNaN();
        assertThat(CirculantStructure.blockCirculantFraction(eye)).isCloseTo(1.0, within(1e-14));
        assertThatThrownBy(() -> CirculantStructure.blockCirculantFraction(Tensor.eye(5))).hasMessageContaining("2p×2p");
    }

    @Test
    void theProjectionIsOrthogonal() {
        // fraction = ‖P B₀‖²/‖B₀‖² and the residual B₀ − P B₀ is orthogonal to every circulant matrix
        int p = 5;
        Tensor b = Tensor.randn(new Rng(3), p, p);
        Tensor b0 = b.sub(b.mean());
        double[][] proj = new double[p][p];
        double[] diag = new double[p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                diag[Math.floorMod(i - j, p)] += b0.get(i, j) / p;
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                proj[i][j] = diag[Math.floorMod(i - j, p)];
            }
        }
        Tensor pb = Tensor.of(proj);
        assertThat(CirculantStructure.circulantFraction(b)).isCloseTo(pb.square().sum().item() / b0.square().sum().item(),
                within(1e-14));
        assertThat(b0.sub(pb).flatten().dot(pb.flatten())).isCloseTo(0.0, within(1e-13));
    }
}
