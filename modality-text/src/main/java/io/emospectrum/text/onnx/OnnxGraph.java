package io.emospectrum.text.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.emospectrum.error.ModelLoadException;
import io.emospectrum.onnx.OnnxInitializer;
import io.emospectrum.onnx.OnnxModelWriter;
import io.emospectrum.onnx.OnnxNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes and initializers of an ONNX model, read from the protobuf wire format directly
 * (ModelProto.graph = 7; GraphProto.node = 1, initializer = 5; NodeProto input = 1, output = 2,
 * name = 3, op_type = 4; TensorProto dims = 1, data_type = 2, float_data = 4, name = 8,
 * raw_data = 9), so that no generated ONNX classes are needed. {@link #rewrite} copies a model
 * byte for byte except the initializers it is given new values for and the structural changes of
 * an {@link OnnxGraphEdit}.
 */
public final class OnnxGraph {
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    private static final int OPSET_DOMAIN = 1;
    private static final int OPSET_VERSION = 2;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_DOMAIN = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_INT32_DATA = 5;
    private static final int TENSOR_INT64_DATA = 7;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;

    private final List<OnnxNode> nodes;
    private final Map<String, OnnxInitializer> initializers;

    private OnnxGraph(List<OnnxNode> nodes, Map<String, OnnxInitializer> initializers) {
        this.nodes = List.copyOf(nodes);
        this.initializers = initializers;
    }

    public static OnnxGraph read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            CodedInputStream model = CodedInputStream.newInstance(bytes);
            model.enableAliasing(true);
            model.setSizeLimit(Integer.MAX_VALUE);
            ByteString graph = null;
            for (int tag = model.readTag(); tag != 0; tag = model.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH) {
                    graph = model.readBytes();
                } else {
                    model.skipField(tag);
                }
            }
            if (graph == null) {
                throw new ModelLoadException(file + " has no graph: not an ONNX model");
            }
            List<OnnxNode> nodes = new ArrayList<>();
            Map<String, OnnxInitializer> inits = new LinkedHashMap<>();
            CodedInputStream g = graph.newCodedInput();
            g.setSizeLimit(Integer.MAX_VALUE);
            for (int tag = g.readTag(); tag != 0; tag = g.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case GRAPH_NODE -> nodes.add(readNode(g.readBytes()));
                    case GRAPH_INITIALIZER -> {
                        OnnxInitializer t = readTensor(g.readBytes());
                        inits.put(t.name(), t);
                    }
                    default -> g.skipField(tag);
                }
            }
            return new OnnxGraph(nodes, inits);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read ONNX model " + file + ": " + e.getMessage(), e);
        }
    }

    public List<OnnxNode> nodes() {
        return nodes;
    }

    public Map<String, OnnxInitializer> initializers() {
        return java.util.Collections.unmodifiableMap(initializers);
    }

    public OnnxInitializer initializer(String name) {
        OnnxInitializer t = initializers.get(name);
        if (t == null) {
            throw new ModelLoadException("the ONNX graph has no initializer '" + name + "'");
        }
        return t;
    }

    /**
     * Writes a copy of {@code source} to {@code target} in which each initializer named in
     * {@code replacements} holds the new values (as {@code raw_data}, same name, shape and type);
     * every other byte is copied as it is. Fails if a replacement names no initializer or has
     * the wrong size.
     */
    public static void rewrite(Path source, Path target, Map<String, OnnxInitializer> replacements) {
        rewrite(source, target, replacements, OnnxGraphEdit.NONE);
    }

    /**
     * As {@link #rewrite(Path, Path, Map)}, and applies {@code edit}: each node it names is replaced
     * in place by its list of nodes, its initializers are appended to the graph's and its operator
     * sets to the model's. Fails if the edit names a node the graph lacks or imports a domain the
     * model already imports.
     */
    public static void rewrite(Path source, Path target, Map<String, OnnxInitializer> replacements, OnnxGraphEdit edit) {
        try {
            byte[] bytes = Files.readAllBytes(source);
            CodedInputStream model = CodedInputStream.newInstance(bytes);
            model.enableAliasing(true);
            model.setSizeLimit(Integer.MAX_VALUE);
            Set<String> done = new HashSet<>();
            Set<String> replacedNodes = new HashSet<>();
            try (OutputStream os = Files.newOutputStream(target)) {
                CodedOutputStream out = CodedOutputStream.newInstance(os, 1 << 16);
                for (int tag = model.readTag(); tag != 0; tag = model.readTag()) {
                    int field = WireFormat.getTagFieldNumber(tag);
                    if (field == MODEL_GRAPH) {
                        out.writeBytes(MODEL_GRAPH, rewriteGraph(model.readBytes(), replacements, done, edit, replacedNodes));
                    } else if (field == MODEL_OPSET_IMPORT && !edit.addedOpsets().isEmpty()) {
                        ByteString opset = model.readBytes();
                        String domain = opsetDomain(opset);
                        if (edit.addedOpsets().containsKey(domain)) {
                            throw new ModelLoadException(source + " already imports operator set '" + domain + "'");
                        }
                        out.writeBytes(MODEL_OPSET_IMPORT, opset);
                    } else {
                        model.skipField(tag, out);
                    }
                }
                for (Map.Entry<String, Long> opset : new java.util.TreeMap<>(edit.addedOpsets()).entrySet()) {
                    ByteString.Output buf = ByteString.newOutput();
                    CodedOutputStream o = CodedOutputStream.newInstance(buf);
                    o.writeString(OPSET_DOMAIN, opset.getKey());
                    o.writeInt64(OPSET_VERSION, opset.getValue());
                    o.flush();
                    out.writeBytes(MODEL_OPSET_IMPORT, buf.toByteString());
                }
                out.flush();
            }
            if (!done.containsAll(replacements.keySet())) {
                Set<String> missing = new HashSet<>(replacements.keySet());
                missing.removeAll(done);
                throw new ModelLoadException(source + " has no initializers named " + missing);
            }
            if (!replacedNodes.containsAll(edit.replacedNodes().keySet())) {
                Set<String> missing = new HashSet<>(edit.replacedNodes().keySet());
                missing.removeAll(replacedNodes);
                throw new ModelLoadException(source + " has no nodes named " + missing);
            }
        } catch (IOException e) {
            throw new ModelLoadException("cannot rewrite ONNX model " + source + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private static ByteString rewriteGraph(ByteString graph, Map<String, OnnxInitializer> replacements, Set<String> done,
                                           OnnxGraphEdit edit, Set<String> replacedNodes) throws IOException {
        CodedInputStream g = graph.newCodedInput();
        g.setSizeLimit(Integer.MAX_VALUE);
        ByteString.Output buf = ByteString.newOutput(graph.size());
        CodedOutputStream out = CodedOutputStream.newInstance(buf, 1 << 16);
        boolean added = edit.addedInitializers().isEmpty();
        for (int tag = g.readTag(); tag != 0; tag = g.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == GRAPH_INITIALIZER) {
                if (!added) {
                    // the added constants go in with the graph's own, before them
                    for (OnnxInitializer t : edit.addedInitializers()) {
                        out.writeBytes(GRAPH_INITIALIZER, OnnxModelWriter.tensorBytes(t));
                    }
                    added = true;
                }
                ByteString tensor = g.readBytes();
                OnnxInitializer old = readTensor(tensor);
                OnnxInitializer neu = replacements.get(old.name());
                if (neu == null) {
                    out.writeBytes(GRAPH_INITIALIZER, tensor);
                } else {
                    if (neu.dataType() != old.dataType() || neu.raw().length != old.raw().length
                            || !java.util.Arrays.equals(neu.dims(), old.dims())) {
                        throw new ModelLoadException("replacement for initializer '" + old.name() + "' has shape "
                                + java.util.Arrays.toString(neu.dims()) + " type " + neu.dataType() + ", the graph's is "
                                + java.util.Arrays.toString(old.dims()) + " type " + old.dataType());
                    }
                    out.writeBytes(GRAPH_INITIALIZER, replaceData(tensor, neu.raw()));
                    done.add(old.name());
                }
            } else if (field == GRAPH_NODE && !edit.replacedNodes().isEmpty()) {
                ByteString node = g.readBytes();
                String name = readNode(node).name();
                List<OnnxNode> with = edit.replacedNodes().get(name);
                if (with == null) {
                    out.writeBytes(GRAPH_NODE, node);
                } else {
                    for (OnnxNode n : with) {
                        out.writeBytes(GRAPH_NODE, OnnxModelWriter.nodeBytes(n));
                    }
                    replacedNodes.add(name);
                }
            } else {
                g.skipField(tag, out);
            }
        }
        if (!added) {
            for (OnnxInitializer t : edit.addedInitializers()) {
                out.writeBytes(GRAPH_INITIALIZER, OnnxModelWriter.tensorBytes(t));
            }
        }
        out.flush();
        return buf.toByteString();
    }

    private static String opsetDomain(ByteString opset) throws IOException {
        CodedInputStream in = opset.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == OPSET_DOMAIN) {
                return in.readStringRequireUtf8();
            }
            in.skipField(tag);
        }
        return "";
    }

    /** The tensor's fields in their order, its data written as {@code raw_data}. */
    private static ByteString replaceData(ByteString tensor, byte[] raw) throws IOException {
        CodedInputStream t = tensor.newCodedInput();
        ByteString.Output buf = ByteString.newOutput(raw.length + 64);
        CodedOutputStream out = CodedOutputStream.newInstance(buf);
        boolean written = false;
        for (int tag = t.readTag(); tag != 0; tag = t.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == TENSOR_RAW_DATA || field == TENSOR_FLOAT_DATA || field == TENSOR_INT32_DATA || field == TENSOR_INT64_DATA) {
                t.skipField(tag);
                if (!written) {
                    out.writeByteArray(TENSOR_RAW_DATA, raw);
                    written = true;
                }
            } else {
                t.skipField(tag, out);
            }
        }
        if (!written) {
            out.writeByteArray(TENSOR_RAW_DATA, raw);
        }
        out.flush();
        return buf.toByteString();
    }

    /** Bytes per element of the integer types whose values sit in int32_data / int64_data. */
    private static int field(int type) {
        return switch (type) {
            case OnnxInitializer.UINT8, OnnxInitializer.INT8 -> 1;
            case 4, 5 -> 2; // uint16, int16
            case 6 -> 4; // int32
            case 7 -> 8; // int64
            default -> throw new ModelLoadException("ONNX tensor type " + type + " stored as integers is not supported");
        };
    }

    /** Little-endian bytes of integer values, {@code width} bytes each (what raw_data would hold). */
    private static byte[] intsToRaw(List<Long> ints, int width) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(ints.size() * width).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : ints) {
            switch (width) {
                case 1 -> b.put((byte) v);
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return b.array();
    }

    private static OnnxNode readNode(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NODE_INPUT -> inputs.add(in.readStringRequireUtf8());
                case NODE_OUTPUT -> outputs.add(in.readStringRequireUtf8());
                case NODE_NAME -> name = in.readStringRequireUtf8();
                case NODE_OP_TYPE -> op = in.readStringRequireUtf8();
                case NODE_DOMAIN -> domain = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        return new OnnxNode(name, op, domain, inputs, outputs, Map.of());
    }

    /** A repeated integer field's values, packed (one length-delimited run) or one per tag. */
    private static void readInt64s(CodedInputStream in, int wire, List<Long> into) throws IOException {
        if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                into.add(in.readInt64());
            }
            in.popLimit(limit);
        } else {
            into.add(in.readInt64());
        }
    }

        private static OnnxInitializer readTensor(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        in.setSizeLimit(Integer.MAX_VALUE);
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = "";
        byte[] raw = null;
        java.io.ByteArrayOutputStream floats = null;
        List<Long> ints = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            switch (field) {
                case TENSOR_DIMS -> readInt64s(in, wire, dims);
                case TENSOR_DATA_TYPE -> type = in.readInt32();
                case TENSOR_NAME -> name = in.readStringRequireUtf8();
                case TENSOR_RAW_DATA -> raw = in.readByteArray();
                case TENSOR_FLOAT_DATA -> {
                    if (floats == null) {
                        floats = new java.io.ByteArrayOutputStream();
                    }
                    if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        floats.write(in.readByteArray()); // packed little-endian floats
                    } else {
                        int bits = in.readRawLittleEndian32();
                        floats.write(new byte[]{(byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24)});
                    }
                }
                case TENSOR_INT32_DATA, TENSOR_INT64_DATA -> {
                    if (ints == null) {
                        ints = new ArrayList<>();
                    }
                    readInt64s(in, wire, ints);
                }
                default -> in.skipField(tag);
            }
        }
        if (raw == null && floats != null) {
            raw = floats.toByteArray();
        }
        if (raw == null && ints != null) {
            raw = intsToRaw(ints, field(type));
        }
        if (raw == null) {
            raw = new byte[0];
        }
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        return new OnnxInitializer(name, d, type, raw);
    }
}
