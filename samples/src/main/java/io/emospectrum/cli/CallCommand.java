package io.emospectrum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.fusion.call.CallAnalyzer;
import io.emospectrum.fusion.call.CallOptions;
import io.emospectrum.fusion.call.CallJson;
import io.emospectrum.audio.io.AudioFiles;
import io.emospectrum.audio.io.AudioSource;
import io.emospectrum.media.AudioBuffer;
import io.emospectrum.media.javacv.NativeLogs;
import io.emospectrum.spi.ProviderRegistry;
import io.emospectrum.spi.VoiceEmotionExtractor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code emospectrum call}: reads a call recording as if it were live (20 ms packets, in order),
 * prints each window's reading as soon as it completes ({@code "type": "window"}) and the call
 * summary at the end ({@code "type": "summary"}). The agent's channel is not scored unless
 * {@code --score-agent} is given: the EU AI Act bans emotion recognition of employees at work.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Read a call recording as if live: one JSON line per window as it completes, then the call summary.",
                "Stereo: channel 0 is the agent, channel 1 the customer (change with --agent-channel/--customer-channel).",
                "The agent is NOT scored unless --score-agent is given: the EU AI Act (Art. 5(1)(f)) prohibits emotion "
                        + "recognition of people at work."})
final class CallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExtractorOptionsMixin common;

    @Parameters(paramLabel = "FILE", arity = "1", description = "The call recording (WAV or anything FFmpeg reads), mono or stereo.")
    Path file;

    @Option(names = "--customer-channel", paramLabel = "N", description = "Customer's channel in a multi-channel recording (default: 1).")
    Integer customerChannel;

    @Option(names = "--agent-channel", paramLabel = "N", description = "Agent's channel in a multi-channel recording (default: 0).")
    Integer agentChannel;

    @Option(names = "--score-agent", description = "Also score the agent. Only where the EU AI Act's ban on emotion recognition "
            + "at the workplace does not apply; that decision is yours.")
    boolean scoreAgent;

    @Option(names = "--realtime", description = "Pace the reading at the recording's real speed, as a live call arrives.")
    boolean realtime;

    @Override
    public Integer call() throws InterruptedException {
        NativeLogs.configure(common.verbose);
        JsonLines out = new JsonLines(spec.commandLine().getOut());
        try (VoiceEmotionExtractor extractor = ProviderRegistry.voice().select(common.provider).create(common.toOptions());
             AudioSource src = AudioFiles.open(file)) {
            boolean mono = src.channels() == 1;
            CallOptions options = CallOptions.builder()
                    .customerChannel(customerChannel != null ? customerChannel : mono ? 0 : 1)
                    .agentChannel(agentChannel != null ? agentChannel : mono ? -1 : 0)
                    .scoreAgent(scoreAgent)
                    .build();
            CallJson json = new CallJson(out.readings());
            CallAnalyzer call = new CallAnalyzer(extractor, src.sampleRate(), src.channels(), options, r -> out.write(json.window(r)));
            int packet = Math.max(1, src.sampleRate() / 50);
            long frames = 0;
            long t0 = System.nanoTime();
            float[] chunk;
            while ((chunk = src.read(packet)) != null) {
                call.accept(AudioBuffer.of(chunk, src.channels(), src.sampleRate(), frames / (double) src.sampleRate()));
                frames += chunk.length / src.channels();
                if (realtime) {
                    long due = t0 + (long) (frames * 1e9 / src.sampleRate());
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
            call.close();
            ObjectNode summary = json.summary(call.summary());
            if (!src.issues().isEmpty()) { // read in part: say so, in the output and on stderr
                ArrayNode warnings = summary.putArray("warnings");
                src.issues().forEach(warnings::add);
                for (String w : src.issues()) {
                    spec.commandLine().getErr().println("emospectrum: warning: " + w);
                }
                spec.commandLine().getErr().flush();
            }
            out.write(summary);
            return src.issues().isEmpty() ? EmoSpectrumCli.EXIT_OK : EmoSpectrumCli.EXIT_PARTIAL;
        }
    }
}
