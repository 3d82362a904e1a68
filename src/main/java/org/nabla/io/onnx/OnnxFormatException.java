package org.nabla.io.onnx;

/**
 * An ONNX file that cannot be read or run: malformed protobuf (with the byte offset), an operator or
 * opset this reader does not support, or a node whose inputs do not fit (naming the node and what
 * was expected).
 */
public final class OnnxFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with the message. */
    public OnnxFormatException(String message) {
        super(message);
    }

    /** An exception with the message and cause. */
    public OnnxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
