package org.nabla.io.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nabla.autodiff.NoGrad;
import org.nabla.autodiff.Variable;
import org.nabla.io.AtomicFiles;
import org.nabla.io.onnx.GraphBuilder.Value;
import org.nabla.io.onnx.OnnxProto.Graph;
import org.nabla.io.onnx.OnnxProto.Model;
import org.nabla.io.onnx.OnnxProto.Node;
import org.nabla.io.onnx.OnnxProto.ValueInfo;
import org.nabla.layer.Embedding;
import org.nabla.module.Module;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Tensor;

/**
 * ONNX (Open Neural Network Exchange, onnx.ai; IR version 8, opset 17) files of Nabla models: export
 * a model for ONNX Runtime or any other ONNX reader, and read an ONNX file (Nabla's or one that
 * torch.onnx.export wrote) back as an {@link OnnxModule}. The protobuf encoding is written here,
 * without a dependency.
 *
 * <pre>{@code
 * Onnx.export(model, exampleInput, Path.of("model.onnx"));            // float64 (DOUBLE) tensors
 * Onnx.export(model, exampleInput, Path.of("model32.onnx"), Onnx.Precision.FLOAT);
 * OnnxModule back = Onnx.read(Path.of("model.onnx"));                  // computes what model computes
 * }</pre>
 * The graph is traced on the example input in evaluation mode (Dropout is the identity, BatchNorm
 * uses its running statistics), with the example's shape fixed in the file. docs/exchange.md lists
 * the operators each module becomes.
 */
public final class Onnx {
    /** The ai.onnx opset written and the highest one read. */
    public static final int OPSET = 17;
    /** The lowest ai.onnx opset read (Softmax, ReduceSum, Unsqueeze, … have their current form from 13). */
    public static final int MIN_OPSET = 13;
    private static final long IR_VERSION = 8;

    /** The element type of the floating-point tensors in an exported file. */
    public enum Precision {
        /** 64-bit (ONNX DOUBLE): the file computes what Nabla computes. */
        DOUBLE,
        /** 32-bit (ONNX FLOAT): weights rounded to float, as most ONNX consumers expect. */
        FLOAT
    }

    private Onnx() {
    }

    /** Writes the model as a float64 ONNX file, traced on the example input. */
    public static void export(Module model, Tensor exampleInput, Path file) throws IOException {
        export(model, exampleInput, file, Precision.DOUBLE);
    }

    /** Writes the model as an ONNX file with the given precision, atomically (an error leaves no file). */
    public static void export(Module model, Tensor exampleInput, Path file, Precision precision) throws IOException {
        byte[] bytes = toBytes(model, exampleInput, precision);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * The ONNX encoding of the model traced on the example input.
     *
     * @throws IllegalArgumentException when a module has no ONNX form (naming it and its path)
     */
    public static byte[] toBytes(Module model, Tensor exampleInput, Precision precision) {
        int elem = precision == Precision.DOUBLE ? OnnxProto.DOUBLE : OnnxProto.FLOAT;
        boolean training = model.isTraining();
        model.eval();
        try (NoGrad scope = NoGrad.enter()) {
            GraphBuilder g = new GraphBuilder(elem, model);
            String inputName = "input";
            g.reserve(inputName);
            g.reserve("output");
            int inputType = takesIndices(model) ? OnnxProto.INT64 : elem;
            Value out = LayerExport.export(g, model, new Value(inputName, Variable.constant(exampleInput)));
            List<Node> nodes = new ArrayList<>(g.nodes());
            nodes.add(new Node("/output", "Identity", "", List.of(out.name()), List.of("output"), Map.of()));
            Graph graph = new Graph("nabla", nodes, g.initializers(),
                    List.of(new ValueInfo(inputName, inputType, GraphBuilder.longs(exampleInput.dims()))),
                    List.of(new ValueInfo("output", elem, GraphBuilder.longs(out.value().shape().dims()))));
            return OnnxProto.encode(new Model(IR_VERSION, Map.of("", (long) OPSET), "nabla", graph));
        } finally {
            model.train(training);
        }
    }

    private static boolean takesIndices(Module m) {
        Module first = m;
        while (first instanceof Sequential s && s.size() > 0) {
            first = s.get(0);
        }
        return first instanceof Embedding;
    }

    /**
     * Reads an ONNX file as a module.
     *
     * @throws OnnxFormatException naming the file, and the byte offset or node, when it is not a
     *                             well-formed model of a supported opset and operators
     */
    public static OnnxModule read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /** Reads ONNX bytes as a module; {@code source} names them in error messages. */
    public static OnnxModule read(byte[] bytes, String source) {
        Model m = OnnxProto.decode(bytes, source);
        Long opset = m.opsets().containsKey("") ? m.opsets().get("") : m.opsets().get("ai.onnx");
        if (opset == null) {
            throw new OnnxFormatException(source + ": expected an opset_import of the default ONNX domain, found "
                    + m.opsets());
        }
        if (opset < MIN_OPSET || opset > OPSET) {
            throw new OnnxFormatException(source + ": opset " + opset + " of the default ONNX domain is not supported,"
                    + " expected " + MIN_OPSET + " to " + OPSET);
        }
        return new OnnxModule(source, m.graph(), opset);
    }
}
