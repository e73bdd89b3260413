package io.emospectrum.server.call;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emospectrum.fusion.call.CallJson;
import io.emospectrum.server.ServerConfig;
import io.emospectrum.server.metrics.ServerMetrics;
import io.emospectrum.spi.VoiceEmotionExtractor;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every call shares: the configuration, the voice extractor (thread-safe, one for the
 * server), the JSON writer, the meters, the scoring threads, the registry of open calls and the
 * number of messages waiting to be scored.
 */
public record CallContext(ServerConfig config, VoiceEmotionExtractor voice, CallJson json, ObjectMapper mapper,
                          ServerMetrics metrics, Executor scoring, CallRegistry registry, AtomicInteger queued) {
}
