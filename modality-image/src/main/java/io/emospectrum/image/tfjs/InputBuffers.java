package io.emospectrum.image.tfjs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Reusable direct float buffers for a model's input, one per concurrent caller. onnxruntime wraps
 * a direct buffer as the input tensor, but copies a heap array into a new direct buffer on every
 * call, which only the garbage collector frees: under load, with little heap garbage, resident
 * memory grew by the input's size per call (docs/modality-image.md). Thread-safe.
 */
public final class InputBuffers {
    private final Queue<FloatBuffer> free = new ConcurrentLinkedQueue<>();

    /** A cleared native-order direct buffer of at least {@code floats} capacity; give it back after the call. */
    public FloatBuffer take(int floats) {
        FloatBuffer b = free.poll();
        if (b == null || b.capacity() < floats) {
            b = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        return b.clear();
    }

    /** Returns a buffer once no tensor reads it any more. */
    public void give(FloatBuffer b) {
        free.offer(b);
    }

    /** Drops the idle buffers (the garbage collector frees their memory). */
    public void clear() {
        free.clear();
    }
}
