package io.emospectrum.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One initializer (a constant tensor) of an ONNX graph: its name, shape, element type (ONNX
 * {@code TensorProto.DataType}: 1 float, 2 uint8, 3 int8, 7 int64) and little-endian bytes.
 */
public record OnnxInitializer(String name, long[] dims, int dataType, byte[] raw) {
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT8 = 3;
    public static final int INT64 = 7;

    public OnnxInitializer {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** The values of a float tensor, in row-major order. */
    public float[] floats() {
        if (dataType != FLOAT) {
            throw new IllegalStateException(name + " is not a float tensor (ONNX data type " + dataType + ")");
        }
        float[] f = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }

    public static byte[] toRaw(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return b.array();
    }

    public static byte[] toRaw(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }
}
