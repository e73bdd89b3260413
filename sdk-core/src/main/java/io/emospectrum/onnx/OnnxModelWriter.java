package io.emospectrum.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a small ONNX model from scratch, for graphs this project builds itself (the text head, the
 * expression network converted from its TF.js graph), straight to the protobuf wire format so that
 * no generated ONNX classes are needed. Deterministic: the same graph gives the same bytes.
 *
 * <p>Field numbers: ModelProto ir_version = 1, opset_import = 8, graph = 7; GraphProto node = 1,
 * name = 2, initializer = 5, input = 11, output = 12; NodeProto input = 1, output = 2, name = 3,
 * op_type = 4, attribute = 5, domain = 7; AttributeProto name = 1, f = 2, i = 3, s = 4, ints = 8,
 * type = 20; TensorProto dims = 1, data_type = 2, name = 8, raw_data = 9; ValueInfoProto name = 1,
 * type = 2; TypeProto.tensor_type = 1; Tensor elem_type = 1, shape = 2; TensorShapeProto.dim = 1;
 * Dimension dim_value = 1, dim_param = 2.
 */
public final class OnnxModelWriter {
    /** IR version 8 (onnx 1.10+), which every onnxruntime this project runs on reads. */
    private static final long IR_VERSION = 8;

    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int NODE_DOMAIN = 7;
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_F = 2;
    private static final int ATTRIBUTE_I = 3;
    private static final int ATTRIBUTE_S = 4;
    private static final int ATTRIBUTE_INTS = 8;
    private static final int ATTRIBUTE_TYPE = 20;
    private static final int ATTRIBUTE_TYPE_FLOAT = 1;
    private static final int ATTRIBUTE_TYPE_INT = 2;
    private static final int ATTRIBUTE_TYPE_STRING = 3;
    private static final int ATTRIBUTE_TYPE_INTS = 7;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;

    /**
     * A graph input or output: float32; a dimension of -1 is symbolic ({@code N} for the first,
     * the batch, {@code D1}, {@code D2}... for the others).
     */
    public record TensorInfo(String name, long... dims) {
        public TensorInfo {
            dims = dims.clone();
        }
    }

    private OnnxModelWriter() {
    }

    public static void write(Path target, String graphName, long opset, List<OnnxNode> nodes, List<OnnxInitializer> initializers,
                             List<TensorInfo> inputs, List<TensorInfo> outputs) {
        try (OutputStream os = Files.newOutputStream(target)) {
            write(os, graphName, opset, nodes, initializers, inputs, outputs);
        } catch (IOException e) {
            throw new ModelLoadException("cannot write ONNX model " + target + ": " + e.getMessage(), e);
        }
    }

    /** The model's bytes, for a runtime that loads a model from memory. */
    public static byte[] toBytes(String graphName, long opset, List<OnnxNode> nodes, List<OnnxInitializer> initializers,
                                 List<TensorInfo> inputs, List<TensorInfo> outputs) {
        ByteString.Output buf = ByteString.newOutput();
        try {
            write(buf, graphName, opset, nodes, initializers, inputs, outputs);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return buf.toByteString().toByteArray();
    }

    private static void write(OutputStream os, String graphName, long opset, List<OnnxNode> nodes, List<OnnxInitializer> initializers,
                              List<TensorInfo> inputs, List<TensorInfo> outputs) throws IOException {
        CodedOutputStream out = CodedOutputStream.newInstance(os);
        out.writeInt64(1, IR_VERSION);
        ByteString.Output graph = ByteString.newOutput();
        CodedOutputStream g = CodedOutputStream.newInstance(graph);
        for (OnnxNode n : nodes) {
            g.writeBytes(1, nodeBytes(n));
        }
        g.writeString(2, graphName);
        for (OnnxInitializer t : initializers) {
            g.writeBytes(5, tensorBytes(t));
        }
        for (TensorInfo i : inputs) {
            g.writeBytes(11, valueInfo(i));
        }
        for (TensorInfo o : outputs) {
            g.writeBytes(12, valueInfo(o));
        }
        g.flush();
        out.writeBytes(7, graph.toByteString());
        ByteString.Output opsetId = ByteString.newOutput();
        CodedOutputStream o = CodedOutputStream.newInstance(opsetId);
        o.writeString(1, "");
        o.writeInt64(2, opset);
        o.flush();
        out.writeBytes(8, opsetId.toByteString());
        out.flush();
    }

    /** One {@code NodeProto}, its attributes in name order. */
    public static ByteString nodeBytes(OnnxNode n) throws IOException {
        ByteString.Output buf = ByteString.newOutput();
        CodedOutputStream out = CodedOutputStream.newInstance(buf);
        for (String i : n.inputs()) {
            out.writeString(NODE_INPUT, i);
        }
        for (String o : n.outputs()) {
            out.writeString(NODE_OUTPUT, o);
        }
        out.writeString(NODE_NAME, n.name());
        out.writeString(NODE_OP_TYPE, n.opType());
        for (Map.Entry<String, Object> a : new TreeMap<>(n.attributes()).entrySet()) {
            ByteString.Output ab = ByteString.newOutput();
            CodedOutputStream ao = CodedOutputStream.newInstance(ab);
            ao.writeString(ATTRIBUTE_NAME, a.getKey());
            Object value = a.getValue();
            if (value instanceof Long v) {
                ao.writeInt64(ATTRIBUTE_I, v);
                ao.writeEnum(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT);
            } else if (value instanceof Float v) {
                ao.writeFloat(ATTRIBUTE_F, v);
                ao.writeEnum(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_FLOAT);
            } else if (value instanceof String v) {
                ao.writeString(ATTRIBUTE_S, v);
                ao.writeEnum(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_STRING);
            } else {
                for (long x : (long[]) value) { // OnnxNode admits no other type
                    ao.writeInt64(ATTRIBUTE_INTS, x);
                }
                ao.writeEnum(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INTS);
            }
            ao.flush();
            out.writeBytes(NODE_ATTRIBUTE, ab.toByteString());
        }
        if (!n.domain().isEmpty()) {
            out.writeString(NODE_DOMAIN, n.domain());
        }
        out.flush();
        return buf.toByteString();
    }

    /** One {@code TensorProto}, its data as {@code raw_data}. */
    public static ByteString tensorBytes(OnnxInitializer t) throws IOException {
        ByteString.Output buf = ByteString.newOutput(t.raw().length + 64);
        CodedOutputStream out = CodedOutputStream.newInstance(buf);
        for (long d : t.dims()) {
            out.writeInt64(TENSOR_DIMS, d);
        }
        out.writeInt32(TENSOR_DATA_TYPE, t.dataType());
        out.writeString(TENSOR_NAME, t.name());
        out.writeByteArray(TENSOR_RAW_DATA, t.raw());
        out.flush();
        return buf.toByteString();
    }

    private static ByteString valueInfo(TensorInfo t) throws IOException {
        ByteString.Output shape = ByteString.newOutput();
        CodedOutputStream s = CodedOutputStream.newInstance(shape);
        long[] dims = t.dims();
        for (int k = 0; k < dims.length; k++) {
            ByteString.Output dim = ByteString.newOutput();
            CodedOutputStream dd = CodedOutputStream.newInstance(dim);
            if (dims[k] < 0) {
                dd.writeString(2, k == 0 ? "N" : "D" + k); // distinct names: unknown sizes need not be equal
            } else {
                dd.writeInt64(1, dims[k]);
            }
            dd.flush();
            s.writeBytes(1, dim.toByteString());
        }
        s.flush();
        ByteString.Output tensor = ByteString.newOutput();
        CodedOutputStream tt = CodedOutputStream.newInstance(tensor);
        tt.writeInt32(1, OnnxInitializer.FLOAT);
        tt.writeBytes(2, shape.toByteString());
        tt.flush();
        ByteString.Output type = ByteString.newOutput();
        CodedOutputStream ty = CodedOutputStream.newInstance(type);
        ty.writeBytes(1, tensor.toByteString());
        ty.flush();
        ByteString.Output info = ByteString.newOutput();
        CodedOutputStream i = CodedOutputStream.newInstance(info);
        i.writeString(1, t.name());
        i.writeBytes(2, type.toByteString());
        i.flush();
        return info.toByteString();
    }
}
