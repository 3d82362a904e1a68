/**
 * ONNX (opset 17): export of a model to an ONNX file as a graph of standard operators, and import of
 * an ONNX file (one that Nabla or {@code torch.onnx.export} wrote, within the supported operators) as
 * an {@link org.nabla.io.onnx.OnnxModule} that interprets the graph with Nabla's operations. The
 * protobuf wire format is written and read here, without a runtime dependency.
 *
 * <p>May import the packages up to {@code layer} and {@code io}. Decisions of docs/design.md: 7 (a bad
 * file names the file, the node and what was expected), 11 (initializers carry state-dict names).
 */
package org.nabla.io.onnx;
