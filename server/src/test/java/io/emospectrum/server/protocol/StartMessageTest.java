package io.emospectrum.server.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartMessageTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static StartMessage parse(String json) throws Exception {
        return StartMessage.parse(MAPPER.readTree(json));
    }

    @Test
    void defaultsFollowTheChannelCount() throws Exception {
        StartMessage mono = parse("{\"type\":\"start\",\"callId\":\"a\",\"sampleRate\":8000,\"encoding\":\"mulaw\"}");
        assertThat(mono.channels()).isEqualTo(1);
        assertThat(mono.customerChannel()).isZero();
        assertThat(mono.agentChannel()).isEqualTo(-1);
        assertThat(mono.frameBytes()).isEqualTo(1);
        StartMessage stereo = parse("{\"type\":\"start\",\"callId\":\"b\",\"sampleRate\":16000,\"encoding\":\"pcm16\",\"channels\":2}");
        assertThat(stereo.customerChannel()).isEqualTo(1);
        assertThat(stereo.agentChannel()).isZero();
        assertThat(stereo.frameBytes()).isEqualTo(4);
        StartMessage swapped = parse("{\"type\":\"start\",\"callId\":\"c\",\"sampleRate\":16000,\"encoding\":\"pcm16\",\"channels\":2,"
                + "\"customerChannel\":0}");
        assertThat(swapped.agentChannel()).isEqualTo(1);
    }

    @Test
    void badStartsAreRefusedWithTheirCode() {
        String[][] cases = {
                {"{\"type\":\"start\",\"sampleRate\":8000,\"encoding\":\"pcm16\"}", "bad_message"},
                {"{\"type\":\"start\",\"callId\":\"a b\",\"sampleRate\":8000,\"encoding\":\"pcm16\"}", "bad_message"},
                {"{\"type\":\"start\",\"callId\":\"a\",\"sampleRate\":4000,\"encoding\":\"pcm16\"}", "bad_message"},
                {"{\"type\":\"start\",\"callId\":\"a\",\"sampleRate\":8000.5,\"encoding\":\"pcm16\"}", "bad_message"},
                {"{\"type\":\"start\",\"callId\":\"a\",\"sampleRate\":8000,\"encoding\":\"pcm16\",\"channels\":3}", "bad_message"},
                {"{\"type\":\"start\",\"callId\":\"a\",\"sampleRate\":8000,\"encoding\":\"pcm16\",\"channels\":2,\"agentChannel\":1}",
                        "bad_message"},
                {"{\"type\":\"start\",\"callId\":\"a\",\"sampleRate\":8000,\"encoding\":\"pcm16\",\"extra\":1}", "bad_message"},
                {"{\"type\":\"start\",\"callId\":\"a\",\"sampleRate\":8000,\"encoding\":\"flac\"}", "unsupported_encoding"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> parse(c[0])).as(c[0]).isInstanceOf(ProtocolException.class)
                    .satisfies(e -> assertThat(((ProtocolException) e).code().code()).isEqualTo(c[1]));
        }
    }
}
