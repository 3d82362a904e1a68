package org.nabla.examples;

import java.nio.file.Path;
import java.util.Locale;
import org.nabla.autodiff.Variable;
import org.nabla.data.Batch;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.TensorDataset;
import org.nabla.optim.Adam;
import org.nabla.prob.VariationalAutoencoder;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * A variational autoencoder (Kingma &amp; Welling 2014) on the embedded 8×8 digits: encoder 64 → 128 →
 * (μ, log σ²) ∈ ℝ⁸ × ℝ⁸, decoder 8 → 128 → 64 Bernoulli logits, trained by minimizing −ELBO =
 * reconstruction + KL with one reparameterized draw z = μ + σ ⊙ ε per digit and Adam.
 *
 * <p>It prints −ELBO (nats per image) with its two terms per epoch and writes one PNG: the first row
 * 16 test digits, the second their reconstructions σ(ℓ(μ(x))), the last two rows 32 new digits
 * σ(ℓ(z)), z ~ 𝒩(0, I). Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.VaeDigits
 * -Dargs=--quick}.
 */
public final class VaeDigits {
    private VaeDigits() {
    }

    /** Trains and writes the picture (if {@code picture} is not null); returns {−ELBO before, −ELBO after}. */
    public static double[] run(boolean quick, Path picture) throws Exception {
        TensorDataset digits = Digits.load();
        VariationalAutoencoder vae = new VariationalAutoencoder(64, 128, 8, new Rng(1));
        Adam adam = Adam.builder(vae.parameters()).learningRate(3e-3).build();
        Rng noise = new Rng(2);
        double before = vae.negativeElbo(digits.features(), new Rng(3));
        System.out.printf(Locale.ROOT, "before training: -ELBO %.2f nats per image%n", before);
        DataLoader loader = DataLoader.shuffled(digits, 32, 4);
        int epochs = quick ? 2 : 60;
        double after = before;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Batch b : loader.epoch(epoch)) {
                adam.step(vae.negativeElbo(Variable.constant(b.features()), noise).backward());
            }
            VariationalAutoencoder.Terms t = vae.terms(Variable.constant(digits.features()), new Rng(3));
            after = t.negativeElbo().item();
            System.out.printf(Locale.ROOT, "epoch %2d: -ELBO %.2f = reconstruction %.2f + KL %.2f%n", epoch + 1, after,
                    t.reconstruction().item(), t.kl().item());
        }
        if (picture != null) {
            Tensor originals = digits.features().slice(0, 0, 16);
            Tensor reconstructions = vae.reconstruct(originals);
            Tensor samples = vae.generate(new Rng(5), 32);
            Tensor all = Tensor.concat(0, originals, reconstructions, samples).reshape(64, 8, 8);
            ProbabilityPlots.imageGrid(all, 16, 6, picture);
            System.out.println("digits (row 1), reconstructions (row 2), samples (rows 3-4) written to " + picture);
        }
        return new double[] {before, after};
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick, Path.of("target", "vae-digits.png"));
    }
}
