package org.nabla.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nabla.data.FashionMnist;

/** Runs the quick mode of each sequence and vision example and checks its key figure. */
class SequenceAndVisionExamplesTest {
    @Test
    void leNet5LearnsFashionMnistWhenTheFilesArePresent() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(FashionMnist.DEBIAN_DIRECTORY.resolve("train-images-idx3-ubyte.gz"))
                || Files.isRegularFile(FashionMnist.DEBIAN_DIRECTORY.resolve("train-images-idx3-ubyte")),
                "Fashion-MNIST not installed (apt-get install -y dataset-fashion-mnist)");
        double accuracy = LeNet5.run(FashionMnist.DEBIAN_DIRECTORY, 2000, 1000, 1);
        // chance is 0.10; one epoch on 2,000 images (32 Adam steps) measured 0.570
        assertThat(accuracy).isGreaterThan(0.45);
    }

    @Test
    void charLanguageModelFallsWellBelowTheUnigramEntropyOnHeldOutText() {
        CharLanguageModel.Result r = CharLanguageModel.run(8);
        assertThat(r.unigramEntropy()).isBetween(2.5, 3.5);
        // measured (quick mode, 8 epochs) 2.120 nats/char on the held-out paragraphs vs 3.020: ratio 0.70
        assertThat(r.heldOutCrossEntropy()).isLessThan(0.75 * r.unigramEntropy());
        assertThat(r.trainingCrossEntropy()).isLessThan(r.heldOutCrossEntropy());
        assertThat(r.sample()).startsWith("Alice ").hasSize("Alice ".length() + 200);
    }

    @Test
    void theTextIsChapterOneInAsciiWithItsLastParagraphsHeldOut() {
        String text = CharLanguageModel.TEXT;
        assertThat(text.chars().filter(c -> c > 127).count()).isZero();
        assertThat(text).startsWith("Alice was beginning to get very tired").endsWith("very soon finished off the cake.\n")
                .hasSize(11208);
        int split = CharLanguageModel.heldOutStart(text);
        assertThat(text.charAt(split - 1)).isEqualTo('\n');
        assertThat(text.substring(split)).startsWith("\"Come, there's no use in crying like that!\"").hasSize(1543);
    }

    @Test
    void unigramEntropyIsTheTextbookFormula() {
        assertThat(CharLanguageModel.unigramEntropy("aaaa")).isZero();
        assertThat(CharLanguageModel.unigramEntropy("abab")).isCloseTo(Math.log(2), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(CharLanguageModel.unigramEntropy("abcd")).isCloseTo(Math.log(4), org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void tinyTransformerLearnsToReverseDigitSequences() {
        TinyTransformerSort.Result r = TinyTransformerSort.run(TinyTransformerSort.Task.REVERSE, 6, 150);
        // measured 0.975 of held-out sequences and 0.995 of digits exactly right after 150 steps (warm-up + cosine)
        assertThat(r.sequenceAccuracy()).isGreaterThan(0.9);
        assertThat(r.tokenAccuracy()).isGreaterThan(0.97);
    }

    @Test
    void targetsAreReversalAndSorting() {
        int[] x = {3, 1, 4, 1, 5, 9};
        assertThat(TinyTransformerSort.target(TinyTransformerSort.Task.REVERSE, x)).containsExactly(9, 5, 1, 4, 1, 3);
        assertThat(TinyTransformerSort.target(TinyTransformerSort.Task.SORT, x)).containsExactly(1, 1, 3, 4, 5, 9);
    }
}
