package org.nabla.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.nabla.autodiff.Variable;
import org.nabla.data.Batch;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.TensorDataset;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class VariationalAutoencoderTest {
    @Test
    void negativeElboOnTheDigitsFallsByAtLeastHalf() {
        // binarized (pixel > ½), so that the Bernoulli term is a true log-likelihood with no entropy floor
        TensorDataset grey = Digits.load();
        TensorDataset digits = grey.withFeatures(grey.features().gt(0.5));
        VariationalAutoencoder vae = new VariationalAutoencoder(64, 64, 4, new Rng(1));
        Adam adam = Adam.builder(vae.parameters()).learningRate(3e-3).build();
        double before = vae.negativeElbo(digits.features(), new Rng(2));
        Rng noise = new Rng(3);
        DataLoader loader = DataLoader.shuffled(digits, 32, 4);
        for (int epoch = 0; epoch < 8; epoch++) {
            for (Batch b : loader.epoch(epoch)) {
                adam.step(vae.negativeElbo(Variable.constant(b.features()), noise).backward());
            }
        }
        double after = vae.negativeElbo(digits.features(), new Rng(2));
        System.out.printf("VAE on digits: -ELBO %.3f -> %.3f nats per image%n", before, after);
        assertThat(after).isLessThan(before / 2);
    }

    @Test
    void termsAddUpAndKlIsTheClosedFormAgainstTheStandardNormal() {
        VariationalAutoencoder vae = new VariationalAutoencoder(6, 5, 2, new Rng(1));
        Tensor x = Tensor.rand(new Rng(2), 3, 6);
        VariationalAutoencoder.Terms t = vae.terms(Variable.constant(x), new Rng(3));
        assertThat(t.negativeElbo().item()).isCloseTo(t.reconstruction().item() + t.kl().item(), within(1e-12));
        Normal q = vae.encode(Variable.constant(x));
        double kl = 0;
        for (int i = 0; i < 6; i++) {
            double mu = q.loc().value().toArray()[i];
            double var = q.variance().value().toArray()[i];
            kl += 0.5 * (mu * mu + var - 1 - Math.log(var));
        }
        assertThat(t.kl().item()).isCloseTo(kl / 3, within(1e-12));
        assertThat(vae.generate(new Rng(4), 5).dims()).containsExactly(5, 6);
        assertThat(vae.reconstruct(x).dims()).containsExactly(3, 6);
    }

    @Test
    void shapesAreChecked() {
        VariationalAutoencoder vae = new VariationalAutoencoder(6, 5, 2, new Rng(1));
        assertThatThrownBy(() -> vae.encode(Variable.constant(Tensor.zeros(3, 5))))
                .hasMessageContaining("VariationalAutoencoder.encode: expected x of shape (batch, 6), got [3, 5]");
        assertThatThrownBy(() -> vae.decode(Variable.constant(Tensor.zeros(3, 3))))
                .hasMessageContaining("expected z of shape (batch, 2), got [3, 3]");
    }
}
