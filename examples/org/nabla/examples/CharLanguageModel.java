package org.nabla.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.nabla.autodiff.NoGrad;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.layer.Embedding;
import org.nabla.layer.LSTM;
import org.nabla.layer.Linear;
import org.nabla.layer.RecurrentLayer;
import org.nabla.loss.CrossEntropy;
import org.nabla.optim.Adam;
import org.nabla.optim.CosineAnnealingLR;
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
 * <p>The text is Chapter I of Lewis Carroll, "Alice's Adventures in Wonderland" (1865), public domain
 * ({@link #TEXT}, 11,208 characters, 59 distinct). Its last paragraphs (the final 1,543 characters,
 * from "Come, there's no use in crying") are held out: the model never trains on them, so the
 * cross-entropy on them says how much it has learned about English rather than about this page. On
 * a text this small an LSTM soon learns the training part by heart: trained for 60 epochs at a
 * constant learning rate, an LSTM of width 96 brought its training loss down to 0.5 nats/char while
 * its held-out loss, after bottoming out at 1.95 near epoch 15, climbed back to 2.8. Hence the recipe:
 * embedding 16, LSTM width 128 (83,307 parameters), B = 16 streams, windows of T = 32, and 20 epochs of
 * Adam with η₀ = 10⁻² annealed to 0 along a half cosine ({@link CosineAnnealingLR}, one step per
 * window), which stops near the bottom of the held-out curve.
 *
 * <p>Measured (shared 2-core machine, other builds running, so slower than on an idle one):
 * <ul>
 *   <li>full run, 20 epochs: held-out cross-entropy 1.879 nats/char against a unigram entropy of
 *       3.020 (ratio 0.62); training loss 1.293; 27 s. Sample (τ = 0.7, seed 7): "Alice of the had to
 *       the tried to hers down the wan iney that for she like wordd for it on a matck out atying not or
 *       of tirether for the wistle seet even sume to the was little wable the sould not muld her m".</li>
 *   <li>{@code --quick}, 8 epochs: held-out 2.120 (ratio 0.70), training 1.954; 18 s.</li>
 * </ul>
 *
 * <p>Run: {@code mvn -q -B test-compile exec:java -Dexample=org.nabla.examples.CharLanguageModel -Dargs="--quick"}
 * (8 epochs), or without {@code --quick} (20 epochs).
 */
public final class CharLanguageModel {
    /** What a run measured: cross-entropies in nats per character. */
    public record Result(double trainingCrossEntropy, double heldOutCrossEntropy, double unigramEntropy, String sample) {
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
     * Where the held-out part of a text begins: at the start of the paragraph in which its last tenth
     * begins (for {@link #TEXT}, the last 1,543 of 11,208 characters).
     */
    static int heldOutStart(String text) {
        return text.lastIndexOf('\n', text.length() * 9 / 10) + 1;
    }

    /**
     * Trains on {@link #TEXT} up to {@link #heldOutStart} and returns the training cross-entropy (the
     * mean loss over the last epoch), the cross-entropy on the held-out part (read as one stream from a
     * zero state), the unigram entropy of the text and a sample.
     *
     * @param epochs passes over the training part; the learning rate follows a half cosine over all of them
     */
    public static Result run(int epochs) {
        String text = TEXT;
        String vocab = vocabularyOf(text);
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocab.indexOf(text.charAt(i));
        }
        int split = heldOutStart(text);
        int streams = 16;
        int window = 32;
        int embed = 16;
        int hidden = 128;
        Rng rng = new Rng(2024);
        CharLanguageModel m = new CharLanguageModel(vocab, embed, hidden, rng);
        List<Parameter> params = new ArrayList<>(m.embedding.parameters());
        params.addAll(m.lstm.parameters());
        params.addAll(m.head.parameters());
        // stream b reads characters b·S … (b + 1)·S − 1 and predicts the next one, S = ⌊(split − 1) / B⌋,
        // so no input or target ever comes from the held-out part
        int streamLength = (split - 1) / streams;
        int windowsPerEpoch = (streamLength + window - 1) / window;
        Adam adam = Adam.builder(params).learningRate(1e-2).build();
        CosineAnnealingLR schedule = new CosineAnnealingLR(adam, epochs * windowsPerEpoch, 0);
        CrossEntropy ce = new CrossEntropy();
        double unigram = unigramEntropy(text);
        System.out.printf(Locale.ROOT, "text: %d characters, %d distinct; unigram entropy %.4f nats/char (%.3f bits)%n",
                text.length(), vocab.length(), unigram, unigram / Math.log(2));
        System.out.printf(Locale.ROOT, "training on the first %d characters, the last %d held out%n", split, text.length() - split);
        System.out.printf(Locale.ROOT, "LSTM: embedding %d, hidden %d, %d parameters; %d streams × windows of %d (truncated BPTT)%n",
                embed, hidden, params.stream().mapToInt(Parameter::size).sum(), streams, window);
        int[] heldOut = Arrays.copyOfRange(ids, split, ids.length);
        long started = System.nanoTime();
        double training = Double.NaN;
        double heldOutLoss = Double.NaN;
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
                schedule.step();
                states = detach(out.finalStates());
                total += loss.item() * streams * t;
                count += streams * t;
            }
            training = total / count;
            if (epoch == 1 || epoch % 5 == 0 || epoch == epochs) {
                heldOutLoss = m.evaluate(heldOut);
                System.out.printf(Locale.ROOT, "epoch %3d  cross-entropy: training %.4f, held-out %.4f nats/char  (%.1f s)%n",
                        epoch, training, heldOutLoss, (System.nanoTime() - started) / 1e9);
            }
        }
        String sample = m.sample("Alice ", 200, 0.7, new Rng(7));
        System.out.printf(Locale.ROOT, "held-out cross-entropy %.4f nats/char vs unigram entropy %.4f (ratio %.2f); training %.4f%n",
                heldOutLoss, unigram, heldOutLoss / unigram, training);
        System.out.println("sample (τ = 0.7, seed 7): " + sample.replace('\n', ' '));
        return new Result(training, heldOutLoss, unigram, sample);
    }

    /** The mean −ln p(c_{t+1} | c_{≤t}) over a text read as one stream from a zero state. */
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
        run(quick ? 8 : 20);
    }

    /**
     * Lewis Carroll, "Alice's Adventures in Wonderland" (1865), Chapter I, "Down the Rabbit-Hole", whole;
     * public domain. The text of Project Gutenberg eBook #11 with paragraphs on one line each, typographic
     * quotes and apostrophes made ASCII, em dashes written "--", the underscores marking italics and the
     * rows of asterisks dropped.
     */
    public static final String TEXT = """
            Alice was beginning to get very tired of sitting by her sister on the bank, and of having nothing to \
            do: once or twice she had peeped into the book her sister was reading, but it had no pictures or \
            conversations in it, "and what is the use of a book," thought Alice "without pictures or \
            conversations?"
            So she was considering in her own mind (as well as she could, for the hot day made her feel very \
            sleepy and stupid), whether the pleasure of making a daisy-chain would be worth the trouble of \
            getting up and picking the daisies, when suddenly a White Rabbit with pink eyes ran close by her.
            There was nothing so very remarkable in that; nor did Alice think it so very much out of the way to \
            hear the Rabbit say to itself, "Oh dear! Oh dear! I shall be late!" (when she thought it over \
            afterwards, it occurred to her that she ought to have wondered at this, but at the time it all \
            seemed quite natural); but when the Rabbit actually took a watch out of its waistcoat-pocket, and \
            looked at it, and then hurried on, Alice started to her feet, for it flashed across her mind that \
            she had never before seen a rabbit with either a waistcoat-pocket, or a watch to take out of it, and \
            burning with curiosity, she ran across the field after it, and fortunately was just in time to see \
            it pop down a large rabbit-hole under the hedge.
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
            "Well!" thought Alice to herself, "after such a fall as this, I shall think nothing of tumbling down \
            stairs! How brave they'll all think me at home! Why, I wouldn't say anything about it, even if I \
            fell off the top of the house!" (Which was very likely true.)
            Down, down, down. Would the fall never come to an end? "I wonder how many miles I've fallen by this \
            time?" she said aloud. "I must be getting somewhere near the centre of the earth. Let me see: that \
            would be four thousand miles down, I think--" (for, you see, Alice had learnt several things of this \
            sort in her lessons in the schoolroom, and though this was not a very good opportunity for showing \
            off her knowledge, as there was no one to listen to her, still it was good practice to say it over) \
            "--yes, that's about the right distance--but then I wonder what Latitude or Longitude I've got to?" \
            (Alice had no idea what Latitude was, or Longitude either, but thought they were nice grand words to \
            say.)
            Presently she began again. "I wonder if I shall fall right through the earth! How funny it'll seem \
            to come out among the people that walk with their heads downward! The Antipathies, I think--" (she \
            was rather glad there was no one listening, this time, as it didn't sound at all the right word) \
            "--but I shall have to ask them what the name of the country is, you know. Please, Ma'am, is this \
            New Zealand or Australia?" (and she tried to curtsey as she spoke--fancy curtseying as you're \
            falling through the air! Do you think you could manage it?) "And what an ignorant little girl she'll \
            think me for asking! No, it'll never do to ask: perhaps I shall see it written up somewhere."
            Down, down, down. There was nothing else to do, so Alice soon began talking again. "Dinah'll miss me \
            very much to-night, I should think!" (Dinah was the cat.) "I hope they'll remember her saucer of \
            milk at tea-time. Dinah my dear! I wish you were down here with me! There are no mice in the air, \
            I'm afraid, but you might catch a bat, and that's very like a mouse, you know. But do cats eat bats, \
            I wonder?" And here Alice began to get rather sleepy, and went on saying to herself, in a dreamy \
            sort of way, "Do cats eat bats? Do cats eat bats?" and sometimes, "Do bats eat cats?" for, you see, \
            as she couldn't answer either question, it didn't much matter which way she put it. She felt that \
            she was dozing off, and had just begun to dream that she was walking hand in hand with Dinah, and \
            saying to her very earnestly, "Now, Dinah, tell me the truth: did you ever eat a bat?" when \
            suddenly, thump! thump! down she came upon a heap of sticks and dry leaves, and the fall was over.
            Alice was not a bit hurt, and she jumped up on to her feet in a moment: she looked up, but it was \
            all dark overhead; before her was another long passage, and the White Rabbit was still in sight, \
            hurrying down it. There was not a moment to be lost: away went Alice like the wind, and was just in \
            time to hear it say, as it turned a corner, "Oh my ears and whiskers, how late it's getting!" She \
            was close behind it when she turned the corner, but the Rabbit was no longer to be seen: she found \
            herself in a long, low hall, which was lit up by a row of lamps hanging from the roof.
            There were doors all round the hall, but they were all locked; and when Alice had been all the way \
            down one side and up the other, trying every door, she walked sadly down the middle, wondering how \
            she was ever to get out again.
            Suddenly she came upon a little three-legged table, all made of solid glass; there was nothing on it \
            except a tiny golden key, and Alice's first thought was that it might belong to one of the doors of \
            the hall; but, alas! either the locks were too large, or the key was too small, but at any rate it \
            would not open any of them. However, on the second time round, she came upon a low curtain she had \
            not noticed before, and behind it was a little door about fifteen inches high: she tried the little \
            golden key in the lock, and to her great delight it fitted!
            Alice opened the door and found that it led into a small passage, not much larger than a rat-hole: \
            she knelt down and looked along the passage into the loveliest garden you ever saw. How she longed \
            to get out of that dark hall, and wander about among those beds of bright flowers and those cool \
            fountains, but she could not even get her head through the doorway; "and even if my head would go \
            through," thought poor Alice, "it would be of very little use without my shoulders. Oh, how I wish I \
            could shut up like a telescope! I think I could, if I only knew how to begin." For, you see, so many \
            out-of-the-way things had happened lately, that Alice had begun to think that very few things indeed \
            were really impossible.
            There seemed to be no use in waiting by the little door, so she went back to the table, half hoping \
            she might find another key on it, or at any rate a book of rules for shutting people up like \
            telescopes: this time she found a little bottle on it, ("which certainly was not here before," said \
            Alice,) and round the neck of the bottle was a paper label, with the words "DRINK ME," beautifully \
            printed on it in large letters.
            It was all very well to say "Drink me," but the wise little Alice was not going to do that in a \
            hurry. "No, I'll look first," she said, "and see whether it's marked 'poison' or not"; for she had \
            read several nice little histories about children who had got burnt, and eaten up by wild beasts and \
            other unpleasant things, all because they would not remember the simple rules their friends had \
            taught them: such as, that a red-hot poker will burn you if you hold it too long; and that if you \
            cut your finger very deeply with a knife, it usually bleeds; and she had never forgotten that, if \
            you drink much from a bottle marked "poison," it is almost certain to disagree with you, sooner or \
            later.
            However, this bottle was not marked "poison," so Alice ventured to taste it, and finding it very \
            nice, (it had, in fact, a sort of mixed flavour of cherry-tart, custard, pine-apple, roast turkey, \
            toffee, and hot buttered toast,) she very soon finished it off.
            "What a curious feeling!" said Alice; "I must be shutting up like a telescope."
            And so it was indeed: she was now only ten inches high, and her face brightened up at the thought \
            that she was now the right size for going through the little door into that lovely garden. First, \
            however, she waited for a few minutes to see if she was going to shrink any further: she felt a \
            little nervous about this; "for it might end, you know," said Alice to herself, "in my going out \
            altogether, like a candle. I wonder what I should be like then?" And she tried to fancy what the \
            flame of a candle is like after the candle is blown out, for she could not remember ever having seen \
            such a thing.
            After a while, finding that nothing more happened, she decided on going into the garden at once; \
            but, alas for poor Alice! when she got to the door, she found she had forgotten the little golden \
            key, and when she went back to the table for it, she found she could not possibly reach it: she \
            could see it quite plainly through the glass, and she tried her best to climb up one of the legs of \
            the table, but it was too slippery; and when she had tired herself out with trying, the poor little \
            thing sat down and cried.
            "Come, there's no use in crying like that!" said Alice to herself, rather sharply; "I advise you to \
            leave off this minute!" She generally gave herself very good advice, (though she very seldom \
            followed it), and sometimes she scolded herself so severely as to bring tears into her eyes; and \
            once she remembered trying to box her own ears for having cheated herself in a game of croquet she \
            was playing against herself, for this curious child was very fond of pretending to be two people. \
            "But it's no use now," thought poor Alice, "to pretend to be two people! Why, there's hardly enough \
            of me left to make one respectable person!"
            Soon her eye fell on a little glass box that was lying under the table: she opened it, and found in \
            it a very small cake, on which the words "EAT ME" were beautifully marked in currants. "Well, I'll \
            eat it," said Alice, "and if it makes me grow larger, I can reach the key; and if it makes me grow \
            smaller, I can creep under the door; so either way I'll get into the garden, and I don't care which \
            happens!"
            She ate a little bit, and said anxiously to herself, "Which way? Which way?", holding her hand on \
            the top of her head to feel which way it was growing, and she was quite surprised to find that she \
            remained the same size: to be sure, this generally happens when one eats cake, but Alice had got so \
            much into the way of expecting nothing but out-of-the-way things to happen, that it seemed quite \
            dull and stupid for life to go on in the common way.
            So she set to work, and very soon finished off the cake.
            """;
}
