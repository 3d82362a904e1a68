package org.nabla.io.onnx;

import java.nio.charset.StandardCharsets;

/**
 * Reads the protocol-buffer wire encoding written by {@link ProtoOutput} (and by any protobuf
 * library): one field at a time, with every length checked against the bytes that are left, so a
 * truncated or corrupted file fails with the offset and what was expected instead of reading past
 * the end.
 */
final class ProtoInput {
    private final byte[] data;
    private final int end;
    private final String where;
    private int pos;
    private int field;
    private int wireType;

    ProtoInput(byte[] data, String where) {
        this(data, 0, data.length, where);
    }

    private ProtoInput(byte[] data, int start, int end, String where) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.where = where;
    }

    /** Advances to the next field; false at the end of this message. */
    boolean next() {
        if (pos >= end) {
            return false;
        }
        long key = varint();
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        if (field < 1) {
            throw error("a field number ≥ 1, got " + field);
        }
        return true;
    }

    int field() {
        return field;
    }

    int wireType() {
        return wireType;
    }

    int position() {
        return pos;
    }

    OnnxFormatException error(String expected) {
        return new OnnxFormatException(where + ": malformed protobuf at byte " + pos + ": expected " + expected);
    }

    private long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw error("the rest of a varint, found the end of the data (file truncated?)");
            }
            byte b = data[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw error("a varint of at most 10 bytes");
    }

    private void require(int wire, String what) {
        if (wireType != wire) {
            throw error(what + " (wire type " + wire + ") for field " + field + ", got wire type " + wireType);
        }
    }

    /** The value of a varint field. */
    long int64() {
        require(ProtoOutput.VARINT, "a varint");
        return varint();
    }

    /** The value of a float field. */
    float float32() {
        require(ProtoOutput.FIXED32, "a 4-byte float");
        need(4);
        int bits = 0;
        for (int i = 0; i < 4; i++) {
            bits |= (data[pos++] & 0xFF) << (8 * i);
        }
        return Float.intBitsToFloat(bits);
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw error(n + " more bytes, only " + (end - pos) + " left (file truncated?)");
        }
    }

    private int length() {
        require(ProtoOutput.LENGTH, "a length-delimited value");
        long n = varint();
        if (n < 0 || n > end - pos) {
            throw error("a length ≤ " + (end - pos) + " (the bytes left), got " + n + " (file truncated?)");
        }
        return (int) n;
    }

    /** The bytes of a length-delimited field. */
    byte[] bytes() {
        int n = length();
        byte[] b = new byte[n];
        System.arraycopy(data, pos, b, 0, n);
        pos += n;
        return b;
    }

    String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** A reader over the sub-message in this field. */
    ProtoInput message(String what) {
        int n = length();
        ProtoInput m = new ProtoInput(data, pos, pos + n, where + " › " + what);
        pos += n;
        return m;
    }

    /** The entries of a repeated int64 field, packed or one at a time. */
    long[] int64s() {
        if (wireType == ProtoOutput.VARINT) {
            return new long[] {varint()};
        }
        ProtoInput p = message("packed int64");
        long[] v = new long[8];
        int k = 0;
        while (p.pos < p.end) {
            if (k == v.length) {
                v = java.util.Arrays.copyOf(v, 2 * k);
            }
            v[k++] = p.varint();
        }
        return java.util.Arrays.copyOf(v, k);
    }

    /** The entries of a repeated float field, packed or one at a time. */
    float[] float32s() {
        if (wireType == ProtoOutput.FIXED32) {
            return new float[] {float32()};
        }
        byte[] b = bytes();
        if (b.length % 4 != 0) {
            throw error("packed floats (a multiple of 4 bytes), got " + b.length + " bytes");
        }
        float[] v = new float[b.length / 4];
        for (int i = 0; i < v.length; i++) {
            int bits = 0;
            for (int j = 0; j < 4; j++) {
                bits |= (b[4 * i + j] & 0xFF) << (8 * j);
            }
            v[i] = Float.intBitsToFloat(bits);
        }
        return v;
    }

    /** The entries of a repeated double field, packed or one at a time. */
    double[] float64s() {
        if (wireType == ProtoOutput.FIXED64) {
            need(8);
            return new double[] {Double.longBitsToDouble(fixed64())};
        }
        byte[] b = bytes();
        if (b.length % 8 != 0) {
            throw error("packed doubles (a multiple of 8 bytes), got " + b.length + " bytes");
        }
        double[] v = new double[b.length / 8];
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v);
        return v;
    }

    private long fixed64() {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (long) (data[pos++] & 0xFF) << (8 * i);
        }
        return bits;
    }

    /** Skips the value of the current field (a field this reader does not use). */
    void skip() {
        switch (wireType) {
            case ProtoOutput.VARINT -> varint();
            case ProtoOutput.FIXED64 -> {
                need(8);
                pos += 8;
            }
            case ProtoOutput.LENGTH -> {
                int n = length(); // before the addition: length() moves pos past the varint
                pos += n;
            }
            case ProtoOutput.FIXED32 -> {
                need(4);
                pos += 4;
            }
            default -> throw error("wire type 0, 1, 2 or 5 for field " + field + ", got " + wireType);
        }
    }
}
