package org.nabla.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.nabla.autodiff.NoGrad;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Embedding;
import org.nabla.layer.LSTM;
import org.nabla.layer.Linear;
import org.nabla.layer.RecurrentLayer;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Tensor;

/**
 * A character-level language model: an LSTM reads a text one character at a time and predicts the
 * next one,
 * <pre>
 *   e_t = E[c_t],   (h_t, s_t) = LSTM(e_t, h_{t−1}, s_{t−1}),   p(c_{t+1} | c_{≤t}) = softmax(W h_t + b),
 *   ℓ = −(1/T) Σ_t log p(c_{t+1} | c_{≤t})    (cross-entropy per character, in nats).
 * </pre>
 * Training uses truncated backpropagation through time (Williams and Peng 1990; Sutskever, PhD
 * thesis 2013, §2.5.4): the text is cut into B parallel streams, each stream into windows of T
 * characters; the state is carried from one window to the next but detached, so gradients flow back
 * at most T steps. The figure to beat is the unigram entropy H = −Σ_c p(c) log p(c) of the text: the
 * cross-entropy of the best model that ignores context. A model that uses context falls well below it.
 * Finally it samples a continuation (temperature τ: p ∝ softmax(logits / τ)) from a seeded Rng.
 *
 * <p>The text: the opening of Chapter I of Lewis Carroll, "Alice's Adventures in Wonderland" (1865),
 * public domain, as in Project Gutenberg eBook #11 (typographic quotes replaced by ASCII ones).
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.CharLanguageModel -Dargs="--quick"}.
 */
public final class CharLanguageModel {
    /** Lewis Carroll, "Alice's Adventures in Wonderland" (1865), Chapter I, first paragraphs; public domain. */
    public static final String TEXT = """
            Alice was beginning to get very tired of sitting by her sister on the bank, and of having nothing \
            to do: once or twice she had peeped into the book her sister was reading, but it had no pictures or \
            conversations in it, "and what is the use of a book," thought Alice "without pictures or conversations?"
            So she was considering in her own mind (as well as she could, for the hot day made her feel very \
            sleepy and stupid), whether the pleasure of making a daisy-chain would be worth the trouble of \
            getting up and picking the daisies, when suddenly a White Rabbit with pink eyes ran close by her.
            There was nothing so very remarkable in that; nor did Alice think it so very much out of the way to \
            hear the Rabbit say to itself, "Oh dear! Oh dear! I shall be late!" (when she thought it over \
            afterwards, it occurred to her that she ought to have wondered at this, but at the time it all seemed \
            quite natural); but when the Rabbit actually took a watch out of its waistcoat-pocket, and looked at \
            it, and then hurried on, Alice started to her feet, for it flashed across her mind that she had never \
            before seen a rabbit with either a waistcoat-pocket, or a watch to take out of it, and burning with \
            curiosity, she ran across the field after it, and fortunately was just in time to see it pop down a \
            large rabbit-hole under the hedge.
            In another moment down went Alice after it, never once considering how in the world she was to get \
            out again.
            The rabbit-hole went straight on like a tunnel for some way, and then dipped suddenly down, so \
            suddenly that Alice had not a moment to think about stopping herself before she found herself \
            falling down a very deep well.
            Either the well was very deep, or she fell very slowly, for she had plenty of time as she went down \
            to look about her and to wonder what was going to happen next. First, she tried to look down and \
            make out what she was coming to, but it was too dark to see anything; then she looked at the sides \
            of the well, and noticed that they were filled with cupboards and book-shelves; here and there she \
            saw maps and pictures hung upon pegs. She took down a jar from one of the shelves as she passed; it \
            was labelled "ORANGE MARMALADE", but to her great disappointment it was empty: she did not like to \
            drop the jar for fear of killing somebody underneath, so managed to put it into one of the cupboards \
            as she fell past it.
            """;

    /** What a run measured. */
    public record Result(double crossEntropy, double unigramEntropy, String sample) {
    }

    private final String vocabulary;
    private final Embedding embedding;
    private final LSTM lstm;
    private final Linear head;

    private CharLanguageModel(String vocabulary, int embed, int hidden, Rng rng) {
        this.vocabulary = vocabulary;
        this.embedding = new Embedding(vocabulary.length(), embed, rng);
        this.lstm = new LSTM(embed, hidden, rng);
        this.head = new Linear(hidden, vocabulary.length(), rng);
    }

    /** The sorted distinct characters of a text. */
    static String vocabularyOf(String text) {
        TreeSet<Character> set = new TreeSet<>();
        for (char c : text.toCharArray()) {
            set.add(c);
        }
        StringBuilder sb = new StringBuilder();
        set.forEach(sb::append);
        return sb.toString();
    }

    /** H = −Σ_c p(c) ln p(c), p the character frequencies of the text, in nats. */
    public static double unigramEntropy(String text) {
        int[] counts = new int[Character.MAX_VALUE + 1];
        for (char c : text.toCharArray()) {
            counts[c]++;
        }
        double h = 0;
        for (int n : counts) {
            if (n > 0) {
                double p = (double) n / text.length();
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** Logits (B, T, V) and the final states for indices (B, T) starting from states (null = zeros). */
    private RecurrentLayer.Output step(Tensor indices, List<List<Variable>> states) {
        return lstm.run(embedding.lookup(indices), states);
    }

    private Variable logits(Variable hidden) {
        return head.forward(hidden);
    }

    private static List<List<Variable>> detach(List<List<Variable>> states) {
        List<List<Variable>> r = new ArrayList<>();
        for (List<Variable> layer : states) {
            List<Variable> l = new ArrayList<>();
            for (Variable v : layer) {
                l.add(v.detach());
            }
            r.add(l);
        }
        return r;
    }

    /**
     * Trains on {@link #TEXT} and returns the final per-character cross-entropy (measured over the whole
     * text with the trained model, state carried across windows), the unigram entropy and a sample.
     *
     * @param epochs passes over the text
     */
    public static Result run(int epochs) {
        String text = TEXT;
        String vocab = vocabularyOf(text);
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocab.indexOf(text.charAt(i));
        }
        int streams = 16;
        int window = 32;
        Rng rng = new Rng(2024);
        CharLanguageModel m = new CharLanguageModel(vocab, 16, 96, rng);
        List<org.nabla.autodiff.Parameter> params = new ArrayList<>(m.embedding.parameters());
        params.addAll(m.lstm.parameters());
        params.addAll(m.head.parameters());
        Adam adam = Adam.builder(params).learningRate(1e-2).build();
        CrossEntropy ce = new CrossEntropy();
        double unigram = unigramEntropy(text);
        int streamLength = (ids.length - 1) / streams;
        System.out.printf(Locale.ROOT, "text: %d characters, %d distinct; unigram entropy %.4f nats/char (%.3f bits)%n",
                text.length(), vocab.length(), unigram, unigram / Math.log(2));
        System.out.printf(Locale.ROOT, "LSTM: embedding %d, hidden %d, %d parameters; %d streams × windows of %d (truncated BPTT)%n",
                16, 96, params.stream().mapToInt(org.nabla.autodiff.Parameter::size).sum(), streams, window);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            List<List<Variable>> states = null;
            double total = 0;
            int count = 0;
            for (int start = 0; start < streamLength; start += window) {
                int t = Math.min(window, streamLength - start);
                double[] in = new double[streams * t];
                int[] target = new int[streams * t];
                for (int b = 0; b < streams; b++) {
                    for (int s = 0; s < t; s++) {
                        int pos = b * streamLength + start + s;
                        in[b * t + s] = ids[pos];
                        target[b * t + s] = ids[pos + 1];
                    }
                }
                RecurrentLayer.Output out = m.step(Tensor.of(new int[] {streams, t}, in), states);
                Variable logits = m.logits(out.output()).reshape(streams * t, vocab.length());
                Variable loss = ce.forward(logits, target);
                adam.step(loss.backward());
                states = detach(out.finalStates());
                total += loss.item() * streams * t;
                count += streams * t;
            }
            if (epoch == 1 || epoch % 10 == 0 || epoch == epochs) {
                System.out.printf(Locale.ROOT, "epoch %3d  training cross-entropy %.4f nats/char%n", epoch, total / count);
            }
        }
        double crossEntropy = m.evaluate(ids);
        String sample = m.sample("Alice ", 200, 0.7, new Rng(7));
        System.out.printf(Locale.ROOT, "cross-entropy on the text %.4f nats/char vs unigram entropy %.4f (ratio %.2f)%n",
                crossEntropy, unigram, crossEntropy / unigram);
        System.out.println("sample (τ = 0.7, seed 7): " + sample.replace('\n', ' '));
        return new Result(crossEntropy, unigram, sample);
    }

    /** The mean −ln p(c_{t+1} | c_{≤t}) over the whole text, read as one stream. */
    double evaluate(int[] ids) {
        try (NoGrad ignored = NoGrad.enter()) {
            double[] in = new double[ids.length - 1];
            int[] target = new int[ids.length - 1];
            for (int i = 0; i < in.length; i++) {
                in[i] = ids[i];
                target[i] = ids[i + 1];
            }
            RecurrentLayer.Output out = step(Tensor.of(new int[] {1, in.length}, in), null);
            Variable logits = logits(out.output()).reshape(in.length, vocabulary.length());
            return new CrossEntropy().forward(logits, target).item();
        }
    }

    /** Continues {@code prompt} by n characters drawn from softmax(logits / τ). */
    String sample(String prompt, int n, double temperature, Rng rng) {
        try (NoGrad ignored = NoGrad.enter()) {
            StringBuilder sb = new StringBuilder(prompt);
            double[] in = new double[prompt.length()];
            for (int i = 0; i < in.length; i++) {
                in[i] = vocabulary.indexOf(prompt.charAt(i));
            }
            RecurrentLayer.Output out = step(Tensor.of(new int[] {1, in.length}, in), null);
            Variable last = out.output().select(1, in.length - 1);
            List<List<Variable>> states = out.finalStates();
            for (int i = 0; i < n; i++) {
                double[] z = logits(last).value().toArray();
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double[] p = new double[z.length];
                double sum = 0;
                for (int k = 0; k < z.length; k++) {
                    p[k] = Math.exp((z[k] - max) / temperature);
                    sum += p[k];
                }
                double u = rng.nextDouble() * sum;
                int c = 0;
                while (c < p.length - 1 && u >= p[c]) {
                    u -= p[c];
                    c++;
                }
                sb.append(vocabulary.charAt(c));
                out = step(Tensor.of(new int[] {1, 1}, c), states);
                last = out.output().select(1, 0);
                states = out.finalStates();
            }
            return sb.toString();
        }
    }

    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        run(quick ? 15 : 60);
    }
}
