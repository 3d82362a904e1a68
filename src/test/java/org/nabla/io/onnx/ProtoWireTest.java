package org.nabla.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The protobuf wire encoding: known bytes from the protobuf documentation, and decode ∘ encode = identity. */
class ProtoWireTest {
    @Test
    void varintsAreTheDocumentedBytes() {
        // protobuf.dev/programming-guides/encoding: field 1 = 150 is 08 96 01
        assertThat(new ProtoOutput().int64(1, 150).toByteArray()).containsExactly(0x08, 0x96, 0x01);
        // a negative int64 takes ten bytes
        assertThat(new ProtoOutput().int64(1, -1).toByteArray()).hasSize(11);
        // field 2 = "testing" is 12 07 74 65 73 74 69 6e 67
        assertThat(new ProtoOutput().string(2, "testing").toByteArray())
                .containsExactly(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67);
    }

    @Test
    void decodingInvertsEncoding() {
        long[] values = {0, 1, 127, 128, 300, Integer.MAX_VALUE, -1, -300, Long.MIN_VALUE, Long.MAX_VALUE};
        ProtoOutput o = new ProtoOutput();
        for (long v : values) {
            o.int64(3, v);
        }
        o.packedInt64(4, values).float32(5, 0.1f).packedFloat(6, new float[] {1.5f, -2.25f}).string(7, "∇ nabla");
        ProtoInput in = new ProtoInput(o.toByteArray(), "test");
        for (long v : values) {
            assertThat(in.next()).isTrue();
            assertThat(in.field()).isEqualTo(3);
            assertThat(in.int64()).isEqualTo(v);
        }
        assertThat(in.next()).isTrue();
        assertThat(in.int64s()).containsExactly(values);
        assertThat(in.next()).isTrue();
        assertThat(in.float32()).isEqualTo(0.1f);
        assertThat(in.next()).isTrue();
        assertThat(in.float32s()).containsExactly(1.5f, -2.25f);
        assertThat(in.next()).isTrue();
        assertThat(in.string()).isEqualTo("∇ nabla");
        assertThat(in.next()).isFalse();
    }

    @Test
    void unknownFieldsOfEveryWireTypeAreSkipped() {
        ProtoOutput o = new ProtoOutput().int64(9, 5).string(10, "skip me").float32(11, 1f).int64(1, 42);
        ProtoInput in = new ProtoInput(o.toByteArray(), "test");
        long found = -1;
        while (in.next()) {
            if (in.field() == 1) {
                found = in.int64();
            } else {
                in.skip();
            }
        }
        assertThat(found).isEqualTo(42);
    }
}
