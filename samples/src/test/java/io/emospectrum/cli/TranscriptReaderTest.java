package io.emospectrum.cli;

import io.emospectrum.conversation.Turn;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.TimeSpan;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TranscriptReaderTest {
    private static List<TranscriptReader.Row> read(String name, String content) throws IOException {
        return read(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<TranscriptReader.Row> read(String name, byte[] content) throws IOException {
        return new TranscriptReader().read(new ByteArrayInputStream(content), name);
    }

    @Test
    void jsonLinesGiveTurnsWithSpeakerTextAndTimes() throws IOException {
        List<TranscriptReader.Row> rows = read("call.jsonl", """
                {"speaker": "agent", "text": "Thank you for calling.", "start": 0.0, "end": 2.5}
                
                {"role": "customer", "transcript": "My card was charged twice!", "start_time": "00:02.5", "end_time": "0:00:05.25", "id": 7}
                {"speaker": 1, "text": "Hello?"}
                """);

        assertThat(rows).extracting(TranscriptReader.Row::error).containsOnlyNulls();
        assertThat(rows).extracting(TranscriptReader.Row::line).containsExactly(1L, 3L, 4L);
        assertThat(rows.get(0).turn()).isEqualTo(Turn.of("agent", "Thank you for calling.", 0.0, 2.5));
        assertThat(rows.get(1).turn()).isEqualTo(new Turn("customer", "My card was charged twice!", new TimeSpan(2.5, 5.25)));
        assertThat(rows.get(2).turn()).isEqualTo(Turn.of("1", "Hello?"));
    }

    @Test
    void csvWithAHeaderRowQuotesAndMultiLineText() throws IOException {
        List<TranscriptReader.Row> rows = read("call.csv", """
                Speaker,Text,Start,End,sentiment
                agent,"Hello, how can I help?",0,1.8,x
                customer,"I said ""cancel it"",
                and nobody did.",1.8,6
                agent,Sorry about that.,,
                """);

        assertThat(rows).extracting(TranscriptReader.Row::error).containsOnlyNulls();
        assertThat(rows).extracting(TranscriptReader.Row::line).containsExactly(2L, 3L, 5L);
        assertThat(rows.get(0).turn()).isEqualTo(Turn.of("agent", "Hello, how can I help?", 0, 1.8));
        assertThat(rows.get(1).turn().text()).isEqualTo("I said \"cancel it\",\nand nobody did.");
        assertThat(rows.get(2).turn()).isEqualTo(Turn.of("agent", "Sorry about that."));
    }

    @Test
    void badJsonRowsSayWhichLineAndWhatIsWrongAndTheRestIsRead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("""
                {"speaker": "agent", "text": "Hi."}
                {"speaker": "agent", "text": "Hi.
                ["not", "an", "object"]
                {"text": "who said this?"}
                {"speaker": "customer", "text": "   "}
                {"speaker": "customer", "text": "late", "start": 5}
                {"speaker": "customer", "text": "late", "start": "five", "end": 6}
                {"speaker": "customer", "text": "late", "start": 6, "end": 5}
                {"speaker": "customer", "text": {"words": "nested"}}
                """.getBytes(StandardCharsets.UTF_8));
        b.write(new byte[] {'{', '"', 's', 'p', 'e', 'a', 'k', 'e', 'r', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        b.write("{\"speaker\": \"customer\", \"text\": \"Still here.\"}\n".getBytes(StandardCharsets.UTF_8));

        List<TranscriptReader.Row> rows = read("bad.jsonl", b.toByteArray());

        assertThat(rows).extracting(TranscriptReader.Row::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(rows.get(0).turn()).isNotNull();
        assertThat(rows.get(1).error()).startsWith("not valid JSON");
        assertThat(rows.get(2).error()).contains("expected a JSON object");
        assertThat(rows.get(3).error()).contains("no speaker");
        assertThat(rows.get(4).error()).contains("text is empty");
        assertThat(rows.get(5).error()).contains("both start and end");
        assertThat(rows.get(6).error()).contains("cannot read the time 'five'");
        assertThat(rows.get(7).error()).contains("ends (5) before it starts (6)");
        assertThat(rows.get(8).error()).contains("must be a string or a number");
        assertThat(rows.get(9).error()).contains("invalid UTF-8");
        assertThat(rows.get(10).turn()).isEqualTo(Turn.of("customer", "Still here."));
    }

    @Test
    void badCsvRowsSayWhichLineAndAnUnclosedQuoteEndsTheReading() throws IOException {
        List<TranscriptReader.Row> rows = read("bad.csv", """
                speaker,text,start,end
                agent,Hello.,0,1
                ,Nobody said this.,1,2
                customer,,2,3
                customer,Too late,abc,4
                customer,"This quote is never closed,4,5
                agent,Lost.,5,6
                """);

        assertThat(rows.get(0).turn()).isEqualTo(Turn.of("agent", "Hello.", 0, 1));
        assertThat(rows.get(1)).extracting(TranscriptReader.Row::line, TranscriptReader.Row::error).containsExactly(3L, "no speaker (give a 'speaker' field)");
        assertThat(rows.get(2).line()).isEqualTo(4L);
        assertThat(rows.get(2).error()).contains("no text");
        assertThat(rows.get(3).error()).contains("cannot read the time 'abc'");
        assertThat(rows.get(4).error()).startsWith("CSV cannot be read from here on");
        assertThat(rows).hasSize(5);
    }

    @Test
    void aCsvWithoutSpeakerAndTextColumnsIsRefused() {
        assertThatThrownBy(() -> read("x.csv", "who,what\nagent,hello\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("header naming the columns speaker and text");
        assertThatThrownBy(() -> read("x.csv", "\n\n")).isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
    }

    @Test
    void theFormatIsTakenFromTheExtensionElseFromTheFirstCharacter() throws IOException {
        assertThat(read("-", "\n{\"speaker\":\"a\",\"text\":\"hi\"}\n").get(0).turn()).isEqualTo(Turn.of("a", "hi"));
        assertThat(read("-", "speaker,text\na,hi\n").get(0).turn()).isEqualTo(Turn.of("a", "hi"));
        assertThat(read("export.txt", "\uFEFFspeaker,text\na,hi\n").get(0).turn()).isEqualTo(Turn.of("a", "hi"));
    }

    @Test
    void timesInSecondsOrClockForm() {
        assertThat(TranscriptReader.seconds("12.5")).isEqualTo(12.5);
        assertThat(TranscriptReader.seconds("01:02:03.5")).isEqualTo(3723.5);
        assertThat(TranscriptReader.seconds("2:03,25")).isEqualTo(123.25);
        assertThat(TranscriptReader.seconds("-1")).isNaN();
        assertThat(TranscriptReader.seconds("NaN")).isNaN();
        assertThat(TranscriptReader.seconds("1e3")).isNaN();
    }
}
