package io.emospectrum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.ExtractorOptions;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.TextExtractorProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code emospectrum text}: one JSON object per text (per line of the input), in input order; with
 * {@code --transcript}, one per turn of a conversation (each read with the turns before it) and
 * one per speaker.
 */
@Command(name = "text", description = {"Read emotion from text: the arguments, or one text per line of --input.",
        "--transcript reads a conversation (JSON Lines or CSV with speaker, text, start, end): one object per turn, "
                + "each read with the turns before it, then one per speaker."},
        mixinStandardHelpOptions = true)
final class TextCommand implements Callable<Integer> {
    /** Lines longer than this are reported as errors rather than read into memory. */
    static final int MAX_LINE_BYTES = 8 << 20;
    /** The provider that scores each sentence of a short text only when its {@code segments} property asks. */
    private static final String SENTENCE_SEGMENTS_PROVIDER = "goemotions-minilm";
    private static final String SEGMENTS_PROPERTY = "segments";

    @Spec
    CommandSpec spec;

    @Mixin
    ExtractorOptionsMixin common;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Texts to read (each one output object).")
    List<String> texts = new ArrayList<>();

    @Option(names = "--input", paramLabel = "FILE", description = "Read one text per line from FILE ('-' for standard input); UTF-8.")
    String input;

    @Option(names = "--transcript", paramLabel = "FILE", description = "Read a conversation: JSON Lines ({\"speaker\":..., "
            + "\"text\":..., \"start\":..., \"end\":...} per line) or CSV with a header row (speaker,text,start,end); "
            + "start and end optional, in seconds or [HH:]MM:SS.mmm. '-' for standard input.")
    String transcript;

    @Option(names = "--no-context", description = "With --transcript: read every turn alone, not with the turns before it.")
    boolean noContext;

    @Option(names = "--segments", description = "Also write the per-sentence readings with their character spans (every text with more than one sentence).")
    boolean segments;

    private PrintWriter err;
    private JsonLines out;
    private int failed;
    private int written;

    /** A line waiting for its batch: either text to analyze or an error to report in order. */
    private record Pending(long line, String text, String error) {
    }

    @Override
    public Integer call() throws IOException {
        err = spec.commandLine().getErr();
        out = new JsonLines(spec.commandLine().getOut());
        if (transcript != null && (input != null || !texts.isEmpty())) {
            throw new InvalidInputException("give --transcript alone, without --input or TEXT arguments");
        }
        if (noContext && transcript == null) {
            throw new InvalidInputException("--no-context applies to --transcript only");
        }
        if (transcript != null) {
            return new TranscriptOutput(out, err, segments, noContext).run(transcript, openInput(transcript, "--transcript"), selected());
        }
        if (input != null && !texts.isEmpty()) {
            throw new InvalidInputException("give texts as arguments or --input, not both");
        }
        if (input == null && texts.isEmpty()) {
            throw new InvalidInputException("no text given: pass TEXT arguments or --input FILE ('-' for stdin)");
        }
        InputStream source = null;
        if (input != null) {
            source = openInput(input, "--input");
        }
        try (TextEmotionExtractor extractor = selected().get()) {
            List<Pending> batch = new ArrayList<>();
            if (source == null) {
                long n = 0;
                for (String t : texts) {
                    // the JVM decodes arguments with replacement characters where their bytes are not valid UTF-8
                    batch.add(t.indexOf('\uFFFD') >= 0
                            ? new Pending(++n, null, "invalid UTF-8 in the argument (bytes the platform could not decode)")
                            : new Pending(++n, t, null));
                    if (batch.size() >= common.batchSize) {
                        flush(extractor, batch);
                    }
                }
            } else {
                Utf8LineReader reader = new Utf8LineReader(new BufferedInputStream(source, 1 << 16), MAX_LINE_BYTES);
                for (Utf8LineReader.Line l = reader.next(); l != null; l = reader.next()) {
                    batch.add(new Pending(l.number(), l.text(), l.error()));
                    if (batch.size() >= common.batchSize) {
                        flush(extractor, batch);
                    }
                }
            }
            flush(extractor, batch);
        } finally {
            if (source != null && source != System.in) {
                source.close();
            }
        }
        if (written == 0) {
            throw new InvalidInputException("input " + input + " is empty: no lines to read");
        }
        return failed == 0 ? EmoSpectrumCli.EXIT_OK : EmoSpectrumCli.EXIT_PARTIAL;
    }

    /** Creates the extractor when called, so that bad usage is reported before a model loads. */
    private Supplier<TextEmotionExtractor> selected() {
        TextExtractorProvider provider = ProviderRegistry.text().select(common.provider);
        ExtractorOptions o = common.toOptions();
        if (segments && provider.name().equals(SENTENCE_SEGMENTS_PROVIDER) && o.property(SEGMENTS_PROPERTY).isEmpty()) {
            // The bundled provider reads a short text whole unless asked for its sentences too.
            o = o.toBuilder().property(SEGMENTS_PROPERTY, "sentences").build();
        }
        ExtractorOptions options = o;
        return () -> provider.create(options);
    }

    private static InputStream openInput(String name, String option) throws IOException {
        if (name.equals("-")) {
            return System.in;
        }
        Path p = Path.of(name);
        if (Files.isDirectory(p)) {
            throw new InvalidInputException(option + " " + name + " is a directory, not a file");
        }
        if (Files.exists(p) && !Files.isRegularFile(p)) { // a FIFO would block for ever, a device never end
            throw new InvalidInputException(option + " " + name + " is not a regular file (a device or pipe); "
                    + "for a stream use " + option + " - and redirect it");
        }
        try {
            return Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(option + " " + name + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(option + " " + name + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private void flush(TextEmotionExtractor extractor, List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<String> good = new ArrayList<>();
        for (Pending p : batch) {
            if (p.error() == null) {
                good.add(p.text());
            }
        }
        List<Object> results = analyze(extractor, good);
        int k = 0;
        for (Pending p : batch) {
            Object result = p.error() != null ? p.error() : results.get(k++);
            if (result instanceof TextAnalysis a) {
                writeReading(p.line(), a);
            } else {
                writeError(p.line(), (String) result);
            }
        }
        batch.clear();
    }

    /** Batched; if the batch fails on one bad text, each text alone so the others still get read. */
    private List<Object> analyze(TextEmotionExtractor extractor, List<String> good) {
        List<Object> results = new ArrayList<>(good.size());
        if (good.isEmpty()) {
            return results;
        }
        try {
            results.addAll(extractor.analyzeAll(good));
            return results;
        } catch (RuntimeException | OutOfMemoryError batchFailed) {
            if (ItemFailure.endsTheRun(batchFailed)) {
                throw batchFailed;
            }
            results.clear();
        }
        for (String t : good) {
            try {
                results.add(extractor.analyze(t));
            } catch (RuntimeException | OutOfMemoryError e) {
                if (ItemFailure.endsTheRun(e)) {
                    throw e;
                }
                results.add(ItemFailure.message(e));
            }
        }
        return results;
    }

    private void writeReading(long line, TextAnalysis a) {
        ObjectNode o = out.object();
        o.put("line", line);
        out.readings().write(a.overall(), o);
        out.readings().writeText(a, o);
        if (segments) {
            ArrayNode s = o.putArray("segments");
            for (EmotionReading r : a.segments()) {
                s.add(out.readings().toNode(r));
            }
        }
        out.write(o);
        written++;
    }

    private void writeError(long line, String message) {
        ObjectNode o = out.object();
        o.put("line", line);
        o.put("error", message);
        out.write(o);
        err.println("emospectrum: line " + line + ": " + message);
        err.flush();
        written++;
        failed++;
    }
}
