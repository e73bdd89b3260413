package io.emospectrum.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxModelWriterTest {

    /** The attributes of an encoded NodeProto (field 5), as name -> [type, value]. */
    private static Map<String, Object[]> attributes(ByteString node) throws IOException {
        Map<String, Object[]> out = new LinkedHashMap<>();
        CodedInputStream in = node.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) != 5) {
                in.skipField(tag);
                continue;
            }
            CodedInputStream a = in.readBytes().newCodedInput();
            String name = null;
            Object value = null;
            int type = 0;
            List<Long> ints = new ArrayList<>();
            for (int t = a.readTag(); t != 0; t = a.readTag()) {
                switch (WireFormat.getTagFieldNumber(t)) {
                    case 1 -> name = a.readStringRequireUtf8();
                    case 2 -> value = a.readFloat();
                    case 3 -> value = a.readInt64();
                    case 4 -> value = a.readStringRequireUtf8();
                    case 8 -> ints.add(a.readInt64());
                    case 20 -> type = a.readEnum();
                    default -> a.skipField(t);
                }
            }
            out.put(name, new Object[] {type, value != null ? value : ints});
        }
        return out;
    }

    @Test
    void everyAttributeTypeIsWrittenWithItsOnnxType() throws IOException {
        OnnxNode conv = new OnnxNode("c", "Conv", "", List.of("x", "w"), List.of("y"), Map.of(
                "group", 4L, "strides", new long[] {2, 1}, "auto_pad", "SAME_UPPER", "alpha", 0.5f));
        Map<String, Object[]> a = attributes(OnnxModelWriter.nodeBytes(conv));
        assertThat(a.keySet()).containsExactly("alpha", "auto_pad", "group", "strides"); // name order: deterministic bytes
        assertThat(a.get("group")).containsExactly(2, 4L);
        assertThat(a.get("strides")).containsExactly(7, List.of(2L, 1L));
        assertThat(a.get("auto_pad")).containsExactly(3, "SAME_UPPER");
        assertThat(a.get("alpha")).containsExactly(1, 0.5f);
    }

    @Test
    void otherAttributeTypesAreRefused() {
        assertThatThrownBy(() -> new OnnxNode("n", "Op", "", List.of(), List.of("y"), Map.of("axis", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("axis");
    }

    @Test
    void theSameGraphGivesTheSameBytes() {
        List<OnnxNode> nodes = List.of(new OnnxNode("r", "Relu", List.of("x"), List.of("y")));
        List<OnnxInitializer> none = List.of();
        List<OnnxModelWriter.TensorInfo> in = List.of(new OnnxModelWriter.TensorInfo("x", -1, 3));
        List<OnnxModelWriter.TensorInfo> out = List.of(new OnnxModelWriter.TensorInfo("y", -1, 3));
        byte[] a = OnnxModelWriter.toBytes("g", 13, nodes, none, in, out);
        assertThat(OnnxModelWriter.toBytes("g", 13, nodes, none, in, out)).isEqualTo(a);
        assertThat(new String(a, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("Relu").contains("N");
    }
}
