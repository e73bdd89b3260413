package io.emospectrum.text.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.emospectrum.error.ModelLoadException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a small ONNX model from scratch (ModelProto: ir_version = 1, opset_import = 8, graph = 7;
 * GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12; ValueInfoProto: name = 1,
 * type = 2; TypeProto.tensor_type = 1; Tensor: elem_type = 1, shape = 2; TensorShapeProto.dim = 1;
 * Dimension: dim_value = 1, dim_param = 2), for graphs this project builds itself, such as the
 * text head. Deterministic: the same graph gives the same bytes.
 */
public final class OnnxModelWriter {
    /** IR version 8 (onnx 1.10+), which every onnxruntime this project runs on reads. */
    private static final long IR_VERSION = 8;

    /** A graph input or output: float32, with a dimension of -1 written as the symbolic {@code N}. */
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
            CodedOutputStream out = CodedOutputStream.newInstance(os);
            out.writeInt64(1, IR_VERSION);
            ByteString.Output graph = ByteString.newOutput();
            CodedOutputStream g = CodedOutputStream.newInstance(graph);
            for (OnnxNode n : nodes) {
                g.writeBytes(1, OnnxGraph.nodeBytes(n));
            }
            g.writeString(2, graphName);
            for (OnnxInitializer t : initializers) {
                g.writeBytes(5, OnnxGraph.tensorBytes(t));
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
        } catch (IOException e) {
            throw new ModelLoadException("cannot write ONNX model " + target + ": " + e.getMessage(), e);
        }
    }

    private static ByteString valueInfo(TensorInfo t) throws IOException {
        ByteString.Output shape = ByteString.newOutput();
        CodedOutputStream s = CodedOutputStream.newInstance(shape);
        for (long d : t.dims()) {
            ByteString.Output dim = ByteString.newOutput();
            CodedOutputStream dd = CodedOutputStream.newInstance(dim);
            if (d < 0) {
                dd.writeString(2, "N");
            } else {
                dd.writeInt64(1, d);
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
