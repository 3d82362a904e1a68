package org.nabla.examples;

// README: quickstart begin
import java.nio.file.Path;
import org.nabla.activation.ReLU;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.Split;
import org.nabla.data.TensorDataset;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.train.History;
import org.nabla.train.Trainer;
import org.nabla.viz.TrainingPlots;

public class Quickstart {
    public static void main(String[] args) throws Exception {
        Split<TensorDataset> digits = Digits.trainTest(0.8, 42);          // 1,438 / 359 images, 8×8
        Rng rng = new Rng(7);
        Sequential model = new Sequential(
                new Linear(64, 64, rng), new ReLU(), new Linear(64, 10, rng)); // logits f(x; θ)
        Trainer trainer = Trainer.builder(model, new CrossEntropy(),      // ℓ = −log softmax(f(x))_y
                        Adam.builder(model.parameters()).learningRate(0.01).build())
                .classes(10).epochs(15).build();
        History history = trainer.fit(DataLoader.shuffled(digits.train(), 32, 1)); // backprop + Adam
        TrainingPlots.loss(history).writePng(Path.of("target", "loss.png")); // the loss curve
        double accuracy = trainer.evaluate(DataLoader.sequential(digits.test(), 100)).accuracy();
        System.out.printf("test accuracy: %.4f%n", accuracy);
    }
}
// README: quickstart end
