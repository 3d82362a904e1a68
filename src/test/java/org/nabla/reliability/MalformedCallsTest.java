package org.nabla.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nabla.activation.ELU;
import org.nabla.activation.Hardtanh;
import org.nabla.activation.LeakyReLU;
import org.nabla.activation.LogSoftmax;
import org.nabla.activation.PReLU;
import org.nabla.activation.Softmax;
import org.nabla.activation.Softplus;
import org.nabla.autodiff.Autodiff;
import org.nabla.autodiff.GradCheck;
import org.nabla.autodiff.Parameter;
import org.nabla.autodiff.Variable;
import org.nabla.data.Csv;
import org.nabla.data.DataFileException;
import org.nabla.data.DataLoader;
import org.nabla.data.Digits;
import org.nabla.data.MinMaxScaler;
import org.nabla.data.Splits;
import org.nabla.data.Standardizer;
import org.nabla.data.Synthetic;
import org.nabla.data.TensorDataset;
import org.nabla.init.Critical;
import org.nabla.init.Fans;
import org.nabla.init.Gain;
import org.nabla.init.KaimingNormal;
import org.nabla.init.Normal;
import org.nabla.init.Orthogonal;
import org.nabla.init.Uniform;
import org.nabla.init.XavierNormal;
import org.nabla.io.Npy;
import org.nabla.io.NpyFormatException;
import org.nabla.layer.AdaptiveAvgPool2d;
import org.nabla.layer.AvgPool2d;
import org.nabla.layer.BatchNorm1d;
import org.nabla.layer.Conv2d;
import org.nabla.layer.ConvTranspose2d;
import org.nabla.layer.Dropout;
import org.nabla.layer.Embedding;
import org.nabla.layer.LSTMCell;
import org.nabla.layer.LayerNorm;
import org.nabla.layer.Linear;
import org.nabla.layer.MaxPool2d;
import org.nabla.layer.MultiHeadAttention;
import org.nabla.layer.PositionalEncoding;
import org.nabla.layer.RNN;
import org.nabla.layer.RNNCell;
import org.nabla.layer.ScaledDotProductAttention;
import org.nabla.layer.Sequential;
import org.nabla.loss.BinaryCrossEntropy;
import org.nabla.loss.BinaryCrossEntropyWithLogits;
import org.nabla.loss.CrossEntropy;
import org.nabla.loss.FocalLoss;
import org.nabla.loss.Huber;
import org.nabla.loss.KLDivergence;
import org.nabla.loss.MeanSquaredError;
import org.nabla.loss.MultiMarginHinge;
import org.nabla.loss.NegativeLogLikelihood;
import org.nabla.loss.Reduction;
import org.nabla.optim.Adagrad;
import org.nabla.optim.Adam;
import org.nabla.optim.CosineAnnealingLR;
import org.nabla.optim.ExponentialLR;
import org.nabla.optim.LBFGS;
import org.nabla.optim.LinearWarmup;
import org.nabla.optim.RMSprop;
import org.nabla.optim.ReduceLROnPlateau;
import org.nabla.optim.SGD;
import org.nabla.optim.StepLR;
import org.nabla.tensor.Rng;
import org.nabla.tensor.Shape;
import org.nabla.tensor.Tensor;
import org.nabla.tensor.linalg.Linalg;
import org.nabla.train.ConfusionMatrix;
import org.nabla.train.GradientNormBelow;
import org.nabla.train.MaxEpochs;
import org.nabla.train.NoValidationImprovement;
import org.nabla.train.Progress;
import org.nabla.train.RelativeLossChangeBelow;
import org.nabla.train.Trainer;

/**
 * Bad input never gives a wrong answer silently: every call below is malformed (a wrong shape, rank
 * or axis, a negative size, a NaN hyper-parameter, a label out of range, an empty data set, …) and
 * must fail with the documented exception type whose message names the operation and the
 * offending values — never with a generic {@code NullPointerException},
 * {@code ArrayIndexOutOfBoundsException}, {@code NegativeArraySizeException} or
 * {@code ClassCastException} from deep inside, and never by returning a result.
 */
class MalformedCallsTest {

    /** A call that must fail. */
    @FunctionalInterface
    interface Call {
        Object run() throws Exception;
    }

    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<IndexOutOfBoundsException> IOOBE = IndexOutOfBoundsException.class;
    private static final Class<IllegalStateException> ISE = IllegalStateException.class;
    private static final Class<ArithmeticException> AE = ArithmeticException.class;

    private static final List<Class<? extends Throwable>> GENERIC = List.of(NullPointerException.class,
            ArrayIndexOutOfBoundsException.class, StringIndexOutOfBoundsException.class,
            NegativeArraySizeException.class, ClassCastException.class, UnsupportedOperationException.class,
            ArrayStoreException.class);

    private static final List<Arguments> CASES = new ArrayList<>();

    private static void c(String name, Class<? extends Throwable> expected, Call call, String... fragments) {
        CASES.add(Arguments.of(name, expected, call, fragments));
    }

    private static Tensor m23() {
        return Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    }

    private static Variable v(Tensor t) {
        return Variable.leaf(t);
    }

    private static List<Parameter> params() {
        return List.of(new Parameter("w", Tensor.ones(2, 2)));
    }

    private static TensorDataset tiny() {
        return new TensorDataset(Tensor.arange(8).reshape(4, 2), Tensor.of(0, 1, 0, 1));
    }

    static {
        Rng rng = new Rng(1);
        // ---------------------------------------------------------------- tensor
        c("Tensor.of: too few values", IAE, () -> Tensor.of(Shape.of(2, 3), 1, 2, 3), "[2, 3]", "3");
        c("Tensor.of: ragged rows", IAE, () -> Tensor.of(new double[][] {{1, 2}, {3}}), "2", "1");
        c("Shape.of: negative dimension", IAE, () -> Shape.of(2, -1), "-1");
        c("Tensor.zeros: negative dimension", IAE, () -> Tensor.zeros(-1), "-1");
        c("Tensor.ones: negative dimension", IAE, () -> Tensor.ones(2, -3), "-3");
        c("Tensor.eye: negative size", IAE, () -> Tensor.eye(-1), "eye", "-1");
        c("Tensor.arange: negative length", IAE, () -> Tensor.arange(-1), "arange", "-1");
        c("Tensor.arange: zero step", IAE, () -> Tensor.arange(0, 1, 0), "arange", "step");
        c("Tensor.arange: NaN step", IAE, () -> Tensor.arange(0, 1, Double.NaN), "arange", "NaN");
        c("Tensor.linspace: negative count", IAE, () -> Tensor.linspace(0, 1, -1), "linspace", "-1");
        c("Tensor.uniform: low > high", IAE, () -> Tensor.uniform(rng, 1, 0, 3), "uniform", "1.0", "0.0");
        c("Tensor.normal: negative std", IAE, () -> Tensor.normal(rng, 0, -1, 3), "normal", "-1.0");
        c("Tensor.uniform: infinite bound", IAE, () -> Tensor.uniform(rng, 0, Double.POSITIVE_INFINITY, 3), "uniform",
                "Infinity");
        c("Tensor.normal: NaN mean", IAE, () -> Tensor.normal(rng, Double.NaN, 1, 3), "normal", "NaN");
        c("Tensor.bernoulli: p > 1", IAE, () -> Tensor.bernoulli(rng, 1.5, 3), "bernoulli", "1.5");
        c("Tensor.permutation: negative n", IAE, () -> Tensor.permutation(rng, -1), "permutation", "-1");
        c("Tensor.oneHot: label ≥ classes", IAE, () -> Tensor.oneHot(new int[] {0, 3}, 3), "oneHot", "3");
        c("Tensor.oneHot: negative label", IAE, () -> Tensor.oneHot(new int[] {-1}, 3), "oneHot", "-1");
        c("Tensor.get: index out of range", IOOBE, () -> m23().get(5, 0), "5", "[2, 3]");
        c("Tensor.get: wrong number of indices", IAE, () -> m23().get(0), "1", "[2, 3]");
        c("Tensor.item: not one element", ISE, () -> m23().item(), "item", "[2, 3]");
        c("Tensor.add: shapes do not broadcast", IAE, () -> m23().add(Tensor.zeros(4)), "add", "[2, 3]", "[4]");
        c("Tensor.matmul: inner dimensions differ", IAE, () -> Tensor.zeros(3, 4).matmul(Tensor.zeros(5, 2)),
                "matmul", "[3, 4]", "[5, 2]");
        c("Tensor.matmul: scalar operand", IAE, () -> Tensor.scalar(2).matmul(Tensor.zeros(2, 2)), "matmul", "[]");
        c("Tensor.dot: lengths differ", IAE, () -> Tensor.zeros(3).dot(Tensor.zeros(4)), "dot", "[3]", "[4]");
        c("Tensor.reshape: size differs", IAE, () -> m23().reshape(4, 4), "reshape", "[2, 3]", "[4, 4]");
        c("Tensor.reshape: two inferred axes", IAE, () -> m23().reshape(-1, -1), "reshape", "-1");
        c("Tensor.reshape: negative dimension", IAE, () -> m23().reshape(-2, 3), "reshape", "-2");
        c("Tensor.transpose: axis out of range", IAE, () -> m23().transpose(0, 2), "transpose", "2");
        c("Tensor.permute: repeated axis", IAE, () -> m23().permute(0, 0), "permute", "[0, 0]");
        c("Tensor.permute: wrong length", IAE, () -> m23().permute(0), "permute", "[0]");
        c("Tensor.slice: zero step", IAE, () -> m23().slice(1, 0, 3, 0), "slice", "step");
        c("Tensor.slice: axis out of range", IAE, () -> m23().slice(5, 0, 1), "slice", "5");
        c("Tensor.select: index out of range", IOOBE, () -> m23().select(0, 2), "select", "2");
        c("Tensor.sum: axis out of range", IAE, () -> m23().sum(2), "sum", "2");
        c("Tensor.sum: repeated axis", IAE, () -> m23().sum(new int[] {0, 0}, false), "sum", "0");
        c("Tensor.mean: axis out of range", IAE, () -> m23().mean(-3), "mean", "-3");
        c("Tensor.max: empty tensor", IAE, () -> Tensor.zeros(0).max(), "max", "[0]");
        c("Tensor.argmax: axis out of range", IAE, () -> m23().argmax(3), "argmax", "3");
        c("Tensor.logSumExp: axis out of range", IAE, () -> m23().logSumExp(2), "logSumExp", "2");
        c("Tensor.broadcastTo: incompatible target", IAE, () -> Tensor.zeros(3).broadcastTo(2, 2), "broadcast",
                "[3]", "[2, 2]");
        c("Tensor.squeeze: dimension is not 1", IAE, () -> m23().squeeze(0), "squeeze", "[2, 3]");
        c("Tensor.unsqueeze: axis out of range", IAE, () -> m23().unsqueeze(5), "unsqueeze", "5");
        c("Tensor.concat: shapes differ", IAE, () -> Tensor.concat(0, m23(), Tensor.zeros(2, 2)), "concat",
                "[2, 3]", "[2, 2]");
        c("Tensor.concat: no parts", IAE, () -> Tensor.concat(0, List.of()), "concat");
        c("Tensor.stack: shapes differ", IAE, () -> Tensor.stack(0, Tensor.zeros(2), Tensor.zeros(3)), "stack",
                "[2]", "[3]");
        c("Tensor.split: sizes do not add up", IAE, () -> m23().split(1, 1, 1), "split", "3");
        c("Tensor.chunk: zero chunks", IAE, () -> m23().chunk(0, 0), "chunk", "0");
        c("Tensor.indexSelect: index out of range", IOOBE, () -> m23().indexSelect(1, 0, 3), "indexSelect", "3");
        c("Tensor.gather: index out of range", IOOBE, () -> m23().gather(1, Tensor.of(new double[][] {{0}, {7}})),
                "gather", "7");
        c("Tensor.gather: non-integer index", IAE, () -> m23().gather(1, Tensor.of(new double[][] {{0}, {0.5}})),
                "gather", "0.5");
        c("Tensor.where: shapes do not broadcast", IAE,
                () -> Tensor.where(Tensor.ones(2), Tensor.zeros(3), Tensor.zeros(3)), "where", "[2]", "[3]");
        c("Tensor.clip: low > high", IAE, () -> m23().clip(1, 0), "clip", "1.0", "0.0");
        c("Rng.nextInt: bound 0", IAE, () -> new Rng(1).nextInt(0), "nextInt", "0");
        // ---------------------------------------------------------------- linalg
        c("Linalg.solve: not square", IAE, () -> Linalg.solve(m23(), Tensor.zeros(2)), "solve", "[2, 3]");
        c("Linalg.solve: singular", IAE, () -> Linalg.solve(Tensor.of(new double[][] {{1, 2}, {2, 4}}), Tensor.ones(2)),
                "singular");
        c("Linalg.solve: rows of b differ", IAE, () -> Linalg.solve(Tensor.eye(2), Tensor.zeros(3)), "solve", "[3]");
        c("Linalg.inverse: not square", IAE, () -> Linalg.inverse(m23()), "inverse", "[2, 3]");
        c("Linalg.det: vector", IAE, () -> Linalg.det(Tensor.zeros(3)), "det", "[3]");
        c("Linalg.cholesky: not positive definite", IAE,
                () -> Linalg.cholesky(Tensor.of(new double[][] {{1, 2}, {2, 1}})), "cholesky", "positive");
        c("Linalg.eigh: not square", IAE, () -> Linalg.eigh(m23()), "eigh", "[2, 3]");
        c("Linalg.lstsq: rows differ", IAE, () -> Linalg.lstsq(m23(), Tensor.zeros(3)), "lstsq", "[2, 3]", "[3]");
        c("Linalg.norm: unknown order", IAE, () -> Linalg.norm(m23(), "bogus"), "norm", "bogus");
        c("Linalg.matrixRank: negative tolerance", IAE, () -> Linalg.matrixRank(m23(), -1), "matrixRank", "-1");
        // ---------------------------------------------------------------- autodiff
        c("Variable.backward: non-scalar without seed", IAE, () -> v(m23()).exp().backward(), "backward", "[2, 3]");
        c("Variable.backward: seed of the wrong shape", IAE, () -> v(m23()).exp().backward(Tensor.zeros(3, 2)),
                "backward", "[3, 2]", "[2, 3]");
        c("Autodiff.hvp: direction of the wrong shape", IAE,
                () -> Autodiff.hvp(x -> x.square().sum(), Tensor.ones(3), Tensor.ones(2)), "hvp", "[2]", "[3]");
        c("Parameter.set: shape differs", IAE, () -> {
            new Parameter("w", Tensor.zeros(2, 2)).set(Tensor.zeros(3));
            return null;
        }, "'w'", "[2, 2]", "[3]");
        c("Autodiff.grad: non-scalar function", IAE, () -> Autodiff.grad(x -> x.exp(), Tensor.ones(3)), "grad", "[3]");
        c("Autodiff.jvp: tangent of the wrong shape", IAE,
                () -> Autodiff.jvp(x -> x.exp(), Tensor.ones(3), Tensor.ones(4)), "jvp", "[4]", "[3]");
        c("Autodiff.hessian: non-scalar function", IAE, () -> Autodiff.hessian(x -> x.exp(), Tensor.ones(2)),
                "hessian", "[2]");
        c("GradCheck.eps: zero", IAE, () -> GradCheck.withDefaults().eps(0), "eps", "0");
        c("GradCheck.tolerance: negative", IAE, () -> GradCheck.withDefaults().tolerance(-1, 0), "tolerance", "-1");
        c("Variable.matmul: inner dimensions differ", IAE, () -> v(m23()).matmul(v(m23())), "matmul", "[2, 3]");
        c("Variable.reshape: size differs", IAE, () -> v(m23()).reshape(5), "reshape", "[2, 3]", "[5]");
        c("Variable.select: index out of range", IOOBE, () -> v(m23()).select(1, 3), "select", "3");
        c("Variable.concat: no parts", IAE, () -> Variable.concat(0, List.of()), "concat");
        c("Variable.gather: index out of range", IOOBE,
                () -> v(m23()).gather(1, Tensor.of(new double[][] {{0}, {-1}})), "gather", "-1");
        c("Variable.sum: axis out of range", IAE, () -> v(m23()).sum(4), "sum", "4");
        // ---------------------------------------------------------------- activation
        c("Softmax: axis out of range", IAE, () -> Softmax.softmax(v(m23()), 3), "3", "[2, 3]");
        c("LogSoftmax: axis out of range", IAE, () -> LogSoftmax.logSoftmax(v(m23()), -3), "-3", "[2, 3]");
        c("LeakyReLU: NaN slope", IAE, () -> new LeakyReLU(Double.NaN), "LeakyReLU", "NaN");
        c("ELU: NaN alpha", IAE, () -> new ELU(Double.NaN), "ELU", "NaN");
        c("Hardtanh: min > max", IAE, () -> new Hardtanh(1, -1), "Hardtanh", "1.0", "-1.0");
        c("Softplus: beta 0", IAE, () -> new Softplus(0, 20), "Softplus", "0");
        c("Softplus: NaN threshold", IAE, () -> new Softplus(1, Double.NaN), "Softplus", "NaN");
        c("PReLU: no parameters", IAE, () -> new PReLU(0, 0.25), "PReLU", "0");
        c("PReLU: channel count differs", IAE, () -> new PReLU(3, 0.25).forward(v(Tensor.zeros(2, 4))), "PReLU",
                "3", "4");
        // ---------------------------------------------------------------- loss
        c("MeanSquaredError: shapes differ", IAE, () -> new MeanSquaredError().forward(m23(), Tensor.zeros(3, 2)),
                "MeanSquaredError", "[2, 3]", "[3, 2]");
        c("CrossEntropy: label ≥ classes", IAE, () -> new CrossEntropy().forward(v(m23()), new int[] {0, 3}),
                "CrossEntropy", "3");
        c("CrossEntropy: negative label", IAE, () -> new CrossEntropy().forward(v(m23()), new int[] {-1, 0}),
                "CrossEntropy", "-1");
        c("CrossEntropy: label count differs from batch", IAE,
                () -> new CrossEntropy().forward(v(m23()), new int[] {0, 1, 2}), "CrossEntropy", "3", "2");
        c("CrossEntropy: fractional class label", IAE, () -> new CrossEntropy().forward(m23(), Tensor.of(0, 1.5)),
                "CrossEntropy", "1.5");
        c("CrossEntropy: label smoothing > 1", IAE, () -> new CrossEntropy(Reduction.MEAN, 1.5, null),
                "CrossEntropy", "1.5");
        c("CrossEntropy: class weights of the wrong length", IAE,
                () -> new CrossEntropy(Reduction.MEAN, 0, Tensor.ones(4)).forward(v(m23()), new int[] {0, 1}),
                "CrossEntropy", "[4]", "3");
        c("NegativeLogLikelihood: label ≥ classes", IAE,
                () -> new NegativeLogLikelihood().forward(v(m23()), new int[] {0, 9}), "NegativeLogLikelihood", "9");
        c("BinaryCrossEntropy: probability outside [0, 1]", IAE,
                () -> new BinaryCrossEntropy().forward(Tensor.of(0.5, 1.5), Tensor.of(0, 1)), "BinaryCrossEntropy",
                "1.5");
        c("BinaryCrossEntropyWithLogits: shapes differ", IAE,
                () -> new BinaryCrossEntropyWithLogits().forward(Tensor.zeros(3), Tensor.zeros(2)),
                "BinaryCrossEntropyWithLogits", "[3]", "[2]");
        c("Huber: delta 0", IAE, () -> new Huber(0), "Huber", "0");
        c("Huber: NaN delta", IAE, () -> new Huber(Double.NaN), "Huber", "NaN");
        c("FocalLoss: alpha > 1", IAE, () -> new FocalLoss(2, 2), "FocalLoss", "2.0");
        c("FocalLoss: negative gamma", IAE, () -> new FocalLoss(0.25, -1), "FocalLoss", "-1");
        c("MultiMarginHinge: p = 3", IAE, () -> new MultiMarginHinge(3, 1, null, Reduction.MEAN), "MultiMarginHinge",
                "3");
        c("MultiMarginHinge: label ≥ classes", IAE, () -> new MultiMarginHinge().forward(v(m23()), new int[] {0, 5}),
                "MultiMarginHinge", "5");
        c("KLDivergence: shapes differ", IAE, () -> new KLDivergence().forward(m23(), Tensor.zeros(2, 2)),
                "KLDivergence", "[2, 3]", "[2, 2]");
        // ---------------------------------------------------------------- layer
        c("Linear: zero inputs", IAE, () -> new Linear(0, 3, rng), "Linear", "0");
        c("Linear: input features differ", IAE, () -> new Linear(4, 3, rng).forward(m23()), "Linear", "4", "[2, 3]");
        c("Conv2d: negative padding", IAE, () -> new Conv2d(1, 1, 3, 1, -1, 1, 1, true, rng), "Conv2d", "-1");
        c("Conv2d: rank-3 input", IAE, () -> new Conv2d(1, 2, 3, rng).forward(Tensor.zeros(1, 5, 5)), "Conv2d",
                "[1, 5, 5]");
        c("Conv2d: channels differ", IAE, () -> new Conv2d(3, 2, 3, rng).forward(Tensor.zeros(1, 2, 5, 5)), "Conv2d",
                "3", "[1, 2, 5, 5]");
        c("Conv2d: kernel larger than the padded input", IAE,
                () -> new Conv2d(1, 1, 5, rng).forward(Tensor.zeros(1, 1, 3, 3)), "(3, 3)", "(5, 5)");
        c("ConvTranspose2d: output padding ≥ stride", IAE,
                () -> new ConvTranspose2d(1, 1, 3, 1, 0, 1, true, rng), "ConvTranspose2d", "1");
        c("MaxPool2d: kernel 0", IAE, () -> new MaxPool2d(0), "MaxPool2d", "0");
        c("MaxPool2d: rank-2 input", IAE, () -> new MaxPool2d(2).forward(Tensor.zeros(4, 4)), "MaxPool2d", "[4, 4]");
        c("AvgPool2d: stride 0", IAE, () -> new AvgPool2d(2, 0, 0), "AvgPool2d", "0");
        c("AvgPool2d: padding > half the kernel", IAE, () -> new AvgPool2d(2, 2, 2), "AvgPool2d", "2");
        c("AdaptiveAvgPool2d: output size 0", IAE, () -> new AdaptiveAvgPool2d(0, 1), "AdaptiveAvgPool2d", "0");
        c("Dropout: p > 1", IAE, () -> new Dropout(1.5, rng), "Dropout", "1.5");
        c("Dropout: NaN p", IAE, () -> new Dropout(Double.NaN, rng), "Dropout", "NaN");
        c("BatchNorm1d: zero features", IAE, () -> new BatchNorm1d(0), "BatchNorm1d", "0");
        c("BatchNorm1d: momentum > 1", IAE, () -> new BatchNorm1d(3, 1e-5, 2, true), "BatchNorm1d", "2");
        c("BatchNorm1d: features differ", IAE, () -> new BatchNorm1d(4).forward(m23()), "BatchNorm1d", "4",
                "[2, 3]");
        c("BatchNorm1d: one example per channel in training", IAE,
                () -> new BatchNorm1d(3).forward(Tensor.zeros(1, 3)), "batchNorm", "more than 1 value", "[1, 3]");
        c("LayerNorm: trailing shape differs", IAE, () -> new LayerNorm(4).forward(m23()), "LayerNorm", "[4]",
                "[2, 3]");
        c("LayerNorm: non-positive eps", IAE, () -> new LayerNorm(new int[] {3}, -1, true), "LayerNorm", "-1");
        c("Embedding: index ≥ num", IOOBE, () -> new Embedding(5, 2, rng).lookup(0, 5), "Embedding", "5");
        c("Embedding: negative index", IOOBE, () -> new Embedding(5, 2, rng).lookup(-1), "Embedding", "-1");
        c("Embedding: fractional index", IAE, () -> new Embedding(5, 2, rng).lookup(Tensor.of(0.5)), "Embedding",
                "0.5");
        c("Embedding: zero rows", IAE, () -> new Embedding(0, 2, rng), "Embedding", "0");
        c("MultiHeadAttention: heads do not divide the width", IAE, () -> new MultiHeadAttention(10, 3, rng),
                "MultiHeadAttention", "10", "3");
        c("MultiHeadAttention: width differs", IAE,
                () -> new MultiHeadAttention(4, 2, rng).forward(Tensor.zeros(1, 3, 5)), "MultiHeadAttention", "4");
        c("ScaledDotProductAttention: key width differs", IAE, () -> ScaledDotProductAttention.attention(
                v(Tensor.zeros(1, 2, 3)), v(Tensor.zeros(1, 2, 4)), v(Tensor.zeros(1, 2, 4)), false, null), "[1, 2, 3]",
                "[1, 2, 4]");
        c("PositionalEncoding: sequence longer than the table", IAE,
                () -> new PositionalEncoding(4, 3).forward(Tensor.zeros(1, 5, 4)), "PositionalEncoding", "5", "3");
        c("PositionalEncoding: width differs", IAE,
                () -> new PositionalEncoding(4, 8).forward(Tensor.zeros(1, 2, 6)), "PositionalEncoding", "4", "6");
        c("RNN: input width differs", IAE, () -> new RNN(3, 4, rng).forward(Tensor.zeros(2, 5, 2)), "RNN", "3",
                "[2, 5, 2]");
        c("RNN: zero layers", IAE, () -> new RNN(3, 4, 0, rng), "RNN", "0");
        c("RNNCell: unknown nonlinearity", IAE, () -> new RNNCell(3, 4, "sigmoid", true, rng), "RNNCell", "sigmoid");
        c("LSTMCell: state list of the wrong length", IAE,
                () -> new LSTMCell(3, 4, rng).step(v(Tensor.zeros(2, 3)), List.of(v(Tensor.zeros(2, 4)))), "LSTMCell",
                "2 tensors", "got 1");
        c("GRUCell: empty state list", IAE, () -> new org.nabla.layer.GRUCell(3, 4, rng).step(v(Tensor.zeros(2, 3)),
                List.of()), "GRUCell", "got 0");
        c("Sequential.get: index out of range", IOOBE, () -> new Sequential(new Linear(2, 2, rng)).get(5), "5", "1");
        // ---------------------------------------------------------------- init
        c("Normal: negative std", IAE, () -> new Normal(0, -1), "Normal", "-1");
        c("Uniform: low > high", IAE, () -> new Uniform(1, 0), "Uniform", "1.0", "0.0");
        c("Orthogonal: vector shape", IAE, () -> new Orthogonal().initialize(Shape.of(3), rng), "Orthogonal", "[3]");
        c("Fans: rank-1 shape", IAE, () -> Fans.of(Shape.of(3)), "[3]");
        c("Gain: unknown nonlinearity", IAE, () -> Gain.of("bogus"), "bogus");
        c("Critical: negative weight variance", IAE, () -> Critical.of(0, -1), "Critical", "-1");
        c("XavierNormal: NaN gain", IAE, () -> new XavierNormal(Double.NaN), "XavierNormal", "NaN");
        c("KaimingNormal: unknown nonlinearity", IAE,
                () -> KaimingNormal.forNonlinearity("bogus", 0, org.nabla.init.FanMode.FAN_IN), "bogus");
        // ---------------------------------------------------------------- optim
        c("SGD: negative learning rate", IAE, () -> SGD.builder(params()).learningRate(-1).build(), "SGD", "-1");
        c("SGD: NaN learning rate", IAE, () -> SGD.builder(params()).learningRate(Double.NaN).build(), "SGD", "NaN");
        c("SGD: infinite weight decay", IAE,
                () -> SGD.builder(params()).learningRate(0.1).weightDecay(Double.POSITIVE_INFINITY).build(), "SGD", "Infinity");
        c("SGD: empty parameter list", IAE, () -> SGD.builder(List.of()).learningRate(0.1).build(), "SGD", "parameter");
        c("SGD: the same parameter twice", IAE, () -> {
            Parameter p = new Parameter("w", Tensor.ones(2));
            return SGD.builder(List.of(p, p)).learningRate(0.1).build();
        }, "SGD", "'w'");
        c("Adam: beta1 = 1", IAE, () -> Adam.builder(params()).betas(1.0, 0.999).build(), "Adam", "1.0");
        c("Adam: negative epsilon", IAE, () -> Adam.builder(params()).epsilon(-1e-8).build(), "Adam", "-1.0E-8");
        c("RMSprop: alpha > 1", IAE, () -> RMSprop.builder(params()).alpha(1.5).build(), "RMSprop", "1.5");
        c("Adagrad: negative learning-rate decay", IAE, () -> Adagrad.builder(params()).learningRateDecay(-1).build(),
                "Adagrad", "-1");
        c("LBFGS: history size 0", IAE, () -> LBFGS.builder(params()).historySize(0).build(), "LBFGS", "0");
        c("Optimizer.addParameterGroup: unknown hyper-parameter", IAE, () -> {
            SGD sgd = SGD.builder(params()).learningRate(0.1).build();
            return sgd.addParameterGroup(List.of(new Parameter("b", Tensor.ones(1))), Map.of("bogus", 1.0));
        }, "bogus");
        c("Optimizer.addParameterGroup: parameter already in a group", IAE, () -> {
            List<Parameter> ps = params();
            return SGD.builder(ps).learningRate(0.1).build().addParameterGroup(ps, Map.of());
        }, "'w'");
        c("Optimizer.loadState: state of another shape", IAE, () -> {
            Parameter p = new Parameter("w", Tensor.ones(2));
            SGD sgd = SGD.builder(List.of(p)).learningRate(0.1).momentum(0.9).build();
            Variable loss = p.variable().square().sum();
            sgd.step(loss.backward());
            Map<String, Tensor> state = new java.util.LinkedHashMap<>(sgd.state());
            state.replaceAll((k, t) -> t.rank() == 1 && t.size() == 2 ? Tensor.ones(3) : t);
            SGD other = SGD.builder(List.of(new Parameter("w", Tensor.ones(2)))).learningRate(0.1).momentum(0.9)
                    .build();
            other.loadState(state);
            return other;
        }, "[3]");
        c("StepLR: step size 0", IAE, () -> new StepLR(SGD.builder(params()).learningRate(0.1).build(), 0, 0.1), "StepLR", "0");
        c("ExponentialLR: NaN gamma", IAE, () -> new ExponentialLR(SGD.builder(params()).learningRate(0.1).build(), Double.NaN),
                "ExponentialLR", "NaN");
        c("CosineAnnealingLR: zero steps", IAE, () -> new CosineAnnealingLR(SGD.builder(params()).learningRate(0.1).build(), 0, 0),
                "CosineAnnealingLR", "0");
        c("LinearWarmup: start factor > 1", IAE, () -> new LinearWarmup(SGD.builder(params()).learningRate(0.1).build(), 10, 2),
                "LinearWarmup", "2");
        c("ReduceLROnPlateau: factor 1", IAE, () -> new ReduceLROnPlateau(SGD.builder(params()).learningRate(0.1).build(),
                ReduceLROnPlateau.Mode.MIN, 1.0, 10, 1e-4, 0, 0), "ReduceLROnPlateau", "1.0");
        c("ReduceLROnPlateau.step: NaN metric", IAE, () -> {
            new ReduceLROnPlateau(SGD.builder(params()).learningRate(0.1).build()).step(Double.NaN);
            return null;
        }, "ReduceLROnPlateau", "NaN");
        // ---------------------------------------------------------------- data
        c("TensorDataset: counts differ", IAE, () -> new TensorDataset(Tensor.zeros(4, 2), Tensor.zeros(3)),
                "TensorDataset", "4", "3");
        c("TensorDataset: scalar features", IAE, () -> new TensorDataset(Tensor.scalar(1), Tensor.zeros(1)),
                "TensorDataset", "[]");
        c("TensorDataset.features: index out of range", IOOBE, () -> tiny().features(9), "9", "4");
        c("TensorDataset.batch: negative index", IOOBE, () -> tiny().batch(0, -1), "-1", "4");
        c("DataLoader: batch size 0", IAE, () -> DataLoader.sequential(tiny(), 0), "DataLoader", "0");
        c("DataLoader.order: negative epoch", IAE, () -> DataLoader.shuffled(tiny(), 2, 1).order(-1), "DataLoader",
                "-1");
        c("Splits.indices: train fraction > 1", IAE, () -> Splits.indices(10, 1.2, 0, 1), "1.2");
        c("Splits.indices: fractions add to more than 1", IAE, () -> Splits.indices(10, 0.5, 0.6, 1), "0.5", "0.6");
        c("Splits.indices: negative size", IAE, () -> Splits.indices(-1, 0.5, 0, 1), "-1");
        c("Digits.trainTest: fraction NaN", IAE, () -> Digits.trainTest(Double.NaN, 1), "NaN");
        c("Synthetic.xor: negative size", IAE, () -> Synthetic.xor(-1, 0.1, 1), "xor", "-1");
        c("Synthetic.twoMoons: negative noise", IAE, () -> Synthetic.twoMoons(10, -0.1, 1), "twoMoons", "-0.1");
        c("Synthetic.circles: factor > 1", IAE, () -> Synthetic.circles(10, 1.5, 0, 1), "circles", "1.5");
        c("Standardizer.fit: no rows", IAE, () -> Standardizer.fit(Tensor.zeros(0, 3)), "Standardizer", "[0, 3]");
        c("Standardizer.transform: feature count differs", IAE,
                () -> Standardizer.fit(Tensor.randn(new Rng(2), 5, 3)).transform(Tensor.zeros(2, 4)), "Standardizer",
                "[2, 4]", "3");
        c("MinMaxScaler.fit: no rows", IAE, () -> MinMaxScaler.fit(Tensor.zeros(0, 3)), "MinMaxScaler", "[0, 3]");
        c("Csv.read: target column out of range", DataFileException.class, () -> Csv.format().header(false)
                .targetColumn(5).read(new ByteArrayInputStream("1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)),
                        "t.csv"), "t.csv", "5");
        c("Csv.read: target column name absent", DataFileException.class, () -> Csv.format().targetColumn("y")
                .read(new ByteArrayInputStream("a,b\n3,4\n".getBytes(StandardCharsets.UTF_8)), "n.csv"), "n.csv",
                "'y'");
        c("Csv.read: ragged row", DataFileException.class, () -> Csv.format().header(false).readTable(
                new ByteArrayInputStream("1,2\n3\n".getBytes(StandardCharsets.UTF_8)), "bad.csv"), "bad.csv", "2");
        // ---------------------------------------------------------------- io
        c("Npy.fromBytes: not a .npy file", NpyFormatException.class,
                () -> Npy.fromBytes("hello world, not numpy".getBytes(StandardCharsets.US_ASCII), "x.npy"), "x.npy");
        c("Npy.fromBytes: empty", NpyFormatException.class, () -> Npy.fromBytes(new byte[0], "empty.npy"),
                "empty.npy");
        // ---------------------------------------------------------------- train
        c("Trainer.classes: 1", IAE, () -> Trainer.builder(new Linear(2, 1, rng), (a, b) -> a.sum(),
                SGD.builder(params()).learningRate(0.1).build()).classes(1), "Trainer", "1");
        c("Trainer.fit: empty training set", IAE, () -> {
            Linear model = new Linear(2, 2, rng);
            TensorDataset empty = new TensorDataset(Tensor.zeros(0, 2), Tensor.zeros(0));
            return Trainer.builder(model, (a, b) -> a.sum(), SGD.builder(model.parameters()).learningRate(0.1).build())
                    .progress(Progress.silent()).build().fit(DataLoader.sequential(empty, 4));
        }, "Trainer.fit", "no batches");
        c("Trainer.fit: model outputs fewer scores than classes", IAE, () -> {
            Linear model = new Linear(2, 2, rng);
            return Trainer.builder(model, new CrossEntropy()::forward, SGD.builder(model.parameters()).learningRate(0.1).build())
                    .classes(3).epochs(1).progress(Progress.silent()).build()
                    .fit(DataLoader.sequential(new TensorDataset(Tensor.zeros(2, 2), Tensor.of(0, 2)), 2));
        }, "2");
        c("Trainer.fit: patience rule without validation set", ISE, () -> {
            Linear model = new Linear(2, 2, rng);
            return Trainer.builder(model, new CrossEntropy()::forward, SGD.builder(model.parameters()).learningRate(0.1).build())
                    .stopWhen(new NoValidationImprovement(2), new MaxEpochs(3)).progress(Progress.silent()).build();
        }, "NoValidationImprovement", "validation loader");
        c("ConfusionMatrix: no classes", IAE, () -> new ConfusionMatrix(0), "ConfusionMatrix", "0");
        c("ConfusionMatrix.add: fractional label", IAE, () -> {
            new ConfusionMatrix(3).add(m23(), Tensor.of(0, 1.5));
            return null;
        }, "ConfusionMatrix", "1.5");
        c("ConfusionMatrix.add: class out of range", IAE, () -> {
            new ConfusionMatrix(3).add(5, 0);
            return null;
        }, "ConfusionMatrix", "5");
        c("ConfusionMatrix.add: scores and labels differ", IAE, () -> {
            new ConfusionMatrix(3).add(m23(), Tensor.of(0, 1, 2));
            return null;
        }, "ConfusionMatrix", "[2, 3]", "[3]");
        c("ConfusionMatrix.precision: class out of range", IAE, () -> new ConfusionMatrix(3).precision(3),
                "ConfusionMatrix", "3");
        c("MaxEpochs: 0", IAE, () -> new MaxEpochs(0), "MaxEpochs", "0");
        c("NoValidationImprovement: patience 0", IAE, () -> new NoValidationImprovement(0), "NoValidationImprovement",
                "0");
        c("RelativeLossChangeBelow: negative", IAE, () -> new RelativeLossChangeBelow(-1), "RelativeLossChangeBelow",
                "-1");
        c("ConfusionMatrix.recall: negative class", IAE, () -> new ConfusionMatrix(3).recall(-1), "ConfusionMatrix",
                "-1");
        c("ConfusionMatrix.count: class out of range", IAE, () -> new ConfusionMatrix(3).count(0, 3),
                "ConfusionMatrix", "3");
        c("GradientNormBelow: NaN", IAE, () -> new GradientNormBelow(Double.NaN), "GradientNormBelow", "NaN");
    }

    static Stream<Arguments> malformedCalls() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCalls")
    void failsLoudlyWithAMessageNamingTheOperationAndTheValues(String name, Class<? extends Throwable> expected,
            Call call, String[] fragments) {
        Object result;
        try {
            result = call.run();
        } catch (Throwable t) {
            for (Class<? extends Throwable> generic : GENERIC) {
                if (generic.isInstance(t)) {
                    throw new AssertionError(name + ": a generic " + t.getClass().getSimpleName()
                            + " escaped instead of a descriptive " + expected.getSimpleName(), t);
                }
            }
            if (!expected.isInstance(t)) {
                throw new AssertionError(name + ": expected " + expected.getSimpleName() + " but got "
                        + t.getClass().getName() + ": " + t.getMessage(), t);
            }
            assertThat(t.getMessage()).as(name + " — message").isNotBlank();
            for (String fragment : fragments) {
                assertThat(t.getMessage()).as(name + " — message should name " + fragment)
                        .containsIgnoringCase(fragment);
            }
            return;
        }
        fail(name + ": returned " + result + " instead of failing with " + expected.getSimpleName());
    }

    @org.junit.jupiter.api.Test
    void theSuiteIsLarge() {
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(100);
    }
}
