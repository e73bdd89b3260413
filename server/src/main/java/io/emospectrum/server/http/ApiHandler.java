package io.emospectrum.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.error.InvalidInputException;
import io.emospectrum.error.ProviderNotFoundException;
import io.emospectrum.error.UnsupportedMediaException;
import io.emospectrum.fusion.FusedReading;
import io.emospectrum.fusion.clip.ClipAnalyzer;
import io.emospectrum.fusion.clip.ClipListener;
import io.emospectrum.fusion.clip.ClipSummary;
import io.emospectrum.fusion.json.FusionJson;
import io.emospectrum.json.ReadingJson;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.media.ImageFrame;
import io.emospectrum.server.Extractors;
import io.emospectrum.server.ServerConfig;
import io.emospectrum.server.auth.BearerAuth;
import io.emospectrum.server.call.CallRegistry;
import io.emospectrum.server.metrics.ServerMetrics;
import io.emospectrum.spectrum.EmotionReading;
import io.emospectrum.spi.FaceEmotionExtractor;
import io.emospectrum.spi.TextAnalysis;
import io.emospectrum.spi.TextEmotionExtractor;
import io.emospectrum.spi.VoiceAnalysis;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The HTTP side of the server: health and readiness, metrics, the live page, and one-shot analyses
 * of a text, an audio file, an image and a clip, answering the JSON the CLI prints for the same
 * input. Errors are JSON ({@code {"error": ..., "status": ...}}): 400 bad input, 401 no or wrong
 * token, 404, 405, 413 body too large, 415 unsupported media, 501 clips without a spool directory,
 * 503 not ready, busy, or the modality is not installed.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String JSON = "application/json";
    private static final String NDJSON = "application/x-ndjson";
    private static final Set<String> WAV = Set.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave");
    private static final Set<String> IMAGES = Set.of("image/jpeg", "image/png", "image/bmp", "image/gif");
    private static final Map<String, String> CLIPS = Map.of("video/mp4", ".mp4", "video/webm", ".webm",
            "video/x-matroska", ".mkv", "video/quicktime", ".mov", "video/x-msvideo", ".avi");
    private static final int TEXT_BATCH = 32;
    private static final Set<String> ENDPOINTS = Set.of("/v1/text", "/v1/audio", "/v1/image", "/v1/clip", "/metrics");

    private final ServerConfig config;
    private final Extractors extractors;
    private final BearerAuth auth;
    private final ServerMetrics metrics;
    private final CallRegistry calls;
    private final BooleanSupplier ready;
    private final ObjectMapper mapper;
    private final ReadingJson readings;
    private final Semaphore analyses;
    private final StaticPages pages = new StaticPages();

    public ApiHandler(ServerConfig config, Extractors extractors, BearerAuth auth, ServerMetrics metrics, CallRegistry calls,
                      BooleanSupplier ready, ObjectMapper mapper) {
        this.config = config;
        this.extractors = extractors;
        this.auth = auth;
        this.metrics = metrics;
        this.calls = calls;
        this.ready = ready;
        this.mapper = mapper;
        this.readings = new ReadingJson(mapper);
        this.analyses = new Semaphore(config.maxConcurrentRequests());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        String endpoint = path;
        int status;
        try {
            Reply reply = route(path, method, request);
            status = reply.status();
            reply.write(response, callback);
        } catch (HttpStatusException e) {
            status = e.status();
            error(response, callback, status, e.getMessage());
        } catch (UnsupportedMediaException e) {
            status = 415;
            error(response, callback, status, e.getMessage());
        } catch (InvalidInputException e) {
            status = 400;
            error(response, callback, status, e.getMessage());
        } catch (ProviderNotFoundException e) {
            status = 503;
            error(response, callback, status, e.getMessage());
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("event", "request_failure").addKeyValue("path", path).setCause(e).log("request failed");
            status = 500;
            error(response, callback, status, "internal error: " + e.getClass().getSimpleName());
        }
        if (!ENDPOINTS.contains(path)) {
            endpoint = "other"; // a label per unknown path would let clients grow the metrics without bound
        }
        metrics.request(endpoint, status);
        return true;
    }

    private Reply route(String path, String method, Request request) {
        switch (path) {
            case "/health" -> {
                requireMethod(method, "GET");
                return Reply.json(200, object().put("status", "up").toString());
            }
            case "/ready" -> {
                requireMethod(method, "GET");
                boolean ok = ready.getAsBoolean();
                ObjectNode o = object().put("status", ok ? "ready" : "not_ready").put("calls", calls.size())
                        .put("maxCalls", calls.maxCalls());
                return Reply.json(ok ? 200 : 503, o.toString());
            }
            case "/metrics" -> {
                requireMethod(method, "GET");
                requireAuth(request);
                return new Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            }
            case "/v1/text" -> {
                return analysis(request, method, () -> text(request));
            }
            case "/v1/audio" -> {
                return analysis(request, method, () -> audio(request));
            }
            case "/v1/image" -> {
                return analysis(request, method, () -> image(request));
            }
            case "/v1/clip" -> {
                return analysis(request, method, () -> clip(request));
            }
            default -> {
                StaticPages.Page page = pages.get(path);
                if (page == null) {
                    throw new HttpStatusException(404, "no such endpoint: " + path);
                }
                requireMethod(method, "GET");
                return new Reply(200, page.contentType(), page.body());
            }
        }
    }

    private interface Analysis {
        Reply run();
    }

    private Reply analysis(Request request, String method, Analysis a) {
        requireMethod(method, "POST");
        requireAuth(request);
        try {
            if (!analyses.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new HttpStatusException(503, "the server is busy with " + config.maxConcurrentRequests()
                        + " analyses; try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpStatusException(503, "interrupted");
        }
        try {
            return a.run();
        } finally {
            analyses.release();
        }
    }

    // ---- one-shot analyses ----

    /** One text per line, as {@code emospectrum text --input}: one JSON object per line, errors in place. */
    private Reply text(Request request) {
        requireType(request, Set.of("text/plain"), "text/plain; charset=utf-8");
        TextEmotionExtractor text = extractors.text().orElseThrow(() -> new ProviderNotFoundException(
                "no text extractor is installed on this server (io.emospectrum:modality-text)", List.of()));
        String body;
        try {
            body = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body(request))).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("the body is not UTF-8 text");
        }
        List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the newline that ends the last line
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException("the body is empty: send one text per line");
        }
        boolean segments = flag(request, "segments");
        StringBuilder out = new StringBuilder();
        for (int from = 0; from < lines.size(); from += TEXT_BATCH) {
            List<String> batch = new ArrayList<>();
            for (String l : lines.subList(from, Math.min(lines.size(), from + TEXT_BATCH))) {
                batch.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
            }
            List<Object> results = analyzeTexts(text, batch);
            for (int i = 0; i < batch.size(); i++) {
                ObjectNode o = object();
                o.put("line", from + i + 1);
                if (results.get(i) instanceof TextAnalysis a) {
                    readings.write(a.overall(), o);
                    readings.writeText(a, o); // as the CLI writes it
                    if (segments) {
                        ArrayNode s = o.putArray("segments");
                        for (EmotionReading r : a.segments()) {
                            s.add(readings.toNode(r));
                        }
                    }
                } else {
                    o.put("error", (String) results.get(i));
                }
                out.append(o).append('\n');
            }
        }
        return new Reply(200, NDJSON, out.toString());
    }

    /** Batched; if the batch fails on one bad text, each alone, so the others are still read (as the CLI does). */
    private static List<Object> analyzeTexts(TextEmotionExtractor text, List<String> batch) {
        try {
            return new ArrayList<>(text.analyzeAll(batch));
        } catch (InvalidInputException batchFailed) {
            List<Object> out = new ArrayList<>();
            for (String t : batch) {
                try {
                    out.add(text.analyze(t));
                } catch (InvalidInputException e) {
                    out.add(e.getMessage());
                }
            }
            return out;
        }
    }

    /** A WAV file, as {@code emospectrum audio}: its windows and summary. */
    private Reply audio(Request request) {
        requireType(request, WAV, "audio/wav");
        AudioBuffer audio = MediaDecoding.wav(body(request));
        VoiceAnalysis a = extractors.voice().analyze(audio);
        ObjectNode o = object();
        ArrayNode windows = o.putArray("windows");
        for (EmotionReading w : a.windows()) {
            windows.add(readings.toNode(w));
        }
        o.set("summary", readings.toNode(a.summary()));
        return Reply.json(200, o.toString());
    }

    /** An image, as {@code emospectrum image}: every face with its box ({@code ?crop=true}: the image is a face). */
    private Reply image(Request request) {
        requireType(request, IMAGES, "image/jpeg, image/png, image/bmp or image/gif");
        FaceEmotionExtractor face = extractors.face().orElseThrow(() -> new ProviderNotFoundException(
                "no face extractor is installed on this server (io.emospectrum:modality-image)", List.of()));
        ImageFrame frame = MediaDecoding.image(body(request));
        List<EmotionReading> faces = flag(request, "crop") ? List.of(face.classifyCrop(frame)) : face.analyze(frame);
        ObjectNode o = object();
        ArrayNode arr = o.putArray("faces");
        for (EmotionReading r : faces) {
            arr.add(readings.toNode(r));
        }
        return Reply.json(200, o.toString());
    }

    /** A clip, as {@code emospectrum video}: the fused windows, then the summary. Needs a spool directory. */
    private Reply clip(Request request) {
        String suffix = CLIPS.get(contentType(request));
        if (suffix == null) {
            throw new UnsupportedMediaException("Content-Type must be one of " + CLIPS.keySet() + ", was " + contentType(request));
        }
        Path spool = config.spoolDir().orElseThrow(() -> new HttpStatusException(501,
                "clip analysis needs a spool directory (serve --spool-dir DIR): a clip is decoded from a file, and this "
                        + "server writes nothing to disk unless configured to"));
        FaceEmotionExtractor face = extractors.face().orElse(null);
        byte[] body = body(request);
        Path file = null;
        try {
            file = Files.createTempFile(spool, "clip-", suffix);
            Files.write(file, body);
            ClipAnalyzer analyzer = ClipAnalyzer.builder().face(face).voice(extractors.voice()).build();
            FusionJson json = new FusionJson(readings);
            StringBuilder out = new StringBuilder();
            ClipSummary summary = analyzer.analyze(file, new ClipListener() {
                @Override
                public void onWindow(FusedReading w) {
                    out.append(json.window(w)).append('\n');
                }
            });
            ObjectNode sum = json.summary(summary);
            sum.remove("file"); // the spooled file's name is the server's business
            out.append(sum).append('\n');
            return new Reply(200, NDJSON, out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the clip to " + spool, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.atWarn().addKeyValue("file", file).log("cannot delete a spooled clip");
                }
            }
        }
    }

    // ---- helpers ----

    private void requireAuth(Request request) {
        if (!auth.allows(request)) {
            metrics.connectionRejected("unauthorized");
            throw new HttpStatusException(401, "a valid bearer token is required (Authorization: Bearer TOKEN)");
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new HttpStatusException(405, "use " + allowed);
        }
    }

    private static String contentType(Request request) {
        String ct = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (ct == null) {
            return "";
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static void requireType(Request request, Set<String> allowed, String hint) {
        String ct = contentType(request);
        if (!allowed.contains(ct)) {
            throw new UnsupportedMediaException("Content-Type must be " + hint + ", was '" + ct + "'");
        }
        String full = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (ct.startsWith("text/") && full.toLowerCase(Locale.ROOT).contains("charset=")
                && !full.toLowerCase(Locale.ROOT).replace(" ", "").contains("charset=utf-8")) {
            throw new UnsupportedMediaException("text must be UTF-8, was " + full);
        }
    }

    private static boolean flag(Request request, String name) {
        Fields.Field f = Request.extractQueryParameters(request).get(name);
        return f != null && (f.getValue().isEmpty() || Boolean.parseBoolean(f.getValue()));
    }

    /** The whole body, refused with 413 past the limit (by its declared length, or while reading). */
    private byte[] body(Request request) {
        long max = config.maxBodyBytes();
        long declared = request.getLength();
        if (declared > max) {
            throw new HttpStatusException(413, "the body is " + declared + " bytes; the limit is " + max);
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (b.length > max) {
                throw new HttpStatusException(413, "the body is larger than the limit of " + max + " bytes");
            }
            if (b.length == 0) {
                throw new InvalidInputException("the body is empty");
            }
            return b;
        } catch (IOException e) {
            throw new InvalidInputException("the body could not be read: " + e.getMessage());
        }
    }

    private ObjectNode object() {
        return mapper.createObjectNode();
    }

    private void error(Response response, Callback callback, int status, String message) {
        ObjectNode o = object().put("error", message).put("status", status);
        if (status == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        // An error may be answered before the request body was read (a missing token, a wrong type,
        // a body too large). Jetty then drops the connection after the response; saying so keeps
        // keep-alive clients from sending their next request down a connection that is closing.
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        Reply.json(status, o.toString()).write(response, callback);
    }

    private record Reply(int status, String contentType, String body) {
        static Reply json(int status, String body) {
            return new Reply(status, JSON, body);
        }

        void write(Response response, Callback callback) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            Content.Sink.write(response, true, body, callback);
        }
    }
}
