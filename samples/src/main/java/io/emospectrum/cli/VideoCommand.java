package io.emospectrum.cli;

import io.emospectrum.error.ProviderNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code emospectrum video}: the fused emotion timeline of a clip (built by the fusion module). */
@Command(name = "video", description = "Fused emotion timeline of a video clip (faces, voice, subtitles).",
        mixinStandardHelpOptions = true)
final class VideoCommand implements Callable<Integer> {
    @Mixin
    ExtractorOptionsMixin common;

    @Parameters(paramLabel = "FILE", arity = "1", description = "The video clip.")
    Path file;

    @Override
    public Integer call() {
        // Replaced by the fusion module's clip analysis; until then the subcommand says it is missing.
        throw new ProviderNotFoundException("video analysis needs the EmoSpectrum fusion module's clip analyzer, "
                + "which is not in this build", List.of());
    }
}
