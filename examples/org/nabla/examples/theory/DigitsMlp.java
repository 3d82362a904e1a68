package org.nabla.examples.theory;

import java.util.ArrayList;
import java.util.List;
import org.nabla.activation.ReLU;
import org.nabla.autodiff.Parameter;
import org.nabla.data.DataLoader;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;
import org.nabla.train.Progress;
import org.nabla.train.Trainer;

/**
 * The network the theory examples train on the digits: 64 → hidden → 10 with ReLU, cross-entropy,
 * Adam (learning rate 3·10⁻³, mini-batches of 32), weights W ∈ ℝ^(out×in) as in {@link Linear}.
 */
final class DigitsMlp {
    private DigitsMlp() {
    }

    /** Trains a fresh network for the given number of epochs (0: the network at initialization) and returns it. */
    static Sequential train(TensorDataset train, int hidden, int epochs, long seed) {
        Rng rng = new Rng(seed);
        Sequential model = new Sequential(new Linear(64, hidden, rng), new ReLU(), new Linear(hidden, 10, rng));
        if (epochs == 0) {
            return model;
        }
        Adam adam = Adam.builder(model.parameters()).learningRate(3e-3).build();
        Trainer trainer = Trainer.builder(model, new CrossEntropy(), adam).classes(10).epochs(epochs)
                .progress(Progress.silent()).build();
        trainer.fit(DataLoader.shuffled(train, 32, seed + 1));
        return model;
    }

    /** W₁, b₁, W₂, b₂ of a trained network, as {@link org.nabla.theory.MultilayerPerceptron} takes them. */
    static List<Tensor> weights(Sequential model) {
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            out.add(p.value());
        }
        return out;
    }

    /** The fraction of rows whose largest logit is at the label. */
    static double accuracy(Tensor logits, Tensor labels) {
        double[] predicted = logits.argmax(1).toArray();
        double[] y = labels.toArray();
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            if (predicted[i] == y[i]) {
                right++;
            }
        }
        return (double) right / y.length;
    }
}
