package org.nabla.io.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protocol-buffer wire encoding, the part ONNX needs (protobuf.dev, "Encoding"): a message is a
 * sequence of fields, each a key (field number · 8 + wire type) as a varint followed by the value —
 * a varint (wire type 0: int32, int64, enum), 8 little-endian bytes (1: double), a varint length
 * and that many bytes (2: string, bytes, sub-message, packed repeated numbers) or 4 little-endian
 * bytes (5: float). A varint is 7 bits per byte, least significant group first, the high bit set on
 * every byte but the last; a negative int64 takes ten bytes (two's complement).
 */
final class ProtoOutput {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH = 2;
    static final int FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void key(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long v) {
        long x = v;
        while ((x & ~0x7FL) != 0) {
            out.write((int) ((x & 0x7F) | 0x80));
            x >>>= 7;
        }
        out.write((int) x);
    }

    /** An int32, int64 or enum field (a varint). */
    ProtoOutput int64(int field, long v) {
        key(field, VARINT);
        varint(v);
        return this;
    }

    /** A float field (4 bytes). */
    ProtoOutput float32(int field, float v) {
        key(field, FIXED32);
        int bits = Float.floatToRawIntBits(v);
        for (int i = 0; i < 4; i++) {
            out.write((bits >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** A bytes field. */
    ProtoOutput bytes(int field, byte[] v) {
        key(field, LENGTH);
        varint(v.length);
        out.write(v, 0, v.length);
        return this;
    }

    /** A string field (UTF-8); null writes nothing. */
    ProtoOutput string(int field, String v) {
        return v == null ? this : bytes(field, v.getBytes(StandardCharsets.UTF_8));
    }

    /** A sub-message field. */
    ProtoOutput message(int field, ProtoOutput m) {
        return bytes(field, m.toByteArray());
    }

    /** A packed repeated int64 field (nothing for an empty array). */
    ProtoOutput packedInt64(int field, long[] v) {
        if (v.length == 0) {
            return this;
        }
        ProtoOutput p = new ProtoOutput();
        for (long e : v) {
            p.varint(e);
        }
        return bytes(field, p.toByteArray());
    }

    /** A packed repeated float field (nothing for an empty array). */
    ProtoOutput packedFloat(int field, float[] v) {
        if (v.length == 0) {
            return this;
        }
        byte[] b = new byte[4 * v.length];
        for (int i = 0; i < v.length; i++) {
            int bits = Float.floatToRawIntBits(v[i]);
            for (int j = 0; j < 4; j++) {
                b[4 * i + j] = (byte) (bits >>> (8 * j));
            }
        }
        return bytes(field, b);
    }
}
