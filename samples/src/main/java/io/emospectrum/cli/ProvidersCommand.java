package io.emospectrum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.spi.ExtractorProvider;
import io.emospectrum.spi.ProviderRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code emospectrum providers}: what is on the class path, one JSON object per provider. */
@Command(name = "providers", description = "List the extractor providers on the class path (default first per kind).",
        mixinStandardHelpOptions = true)
final class ProvidersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonLines out = new JsonLines(spec.commandLine().getOut());
        for (ProviderRegistry<?> r : List.of(ProviderRegistry.text(), ProviderRegistry.face(), ProviderRegistry.voice())) {
            boolean first = true;
            for (ExtractorProvider<?> p : r.providers()) {
                ObjectNode o = out.object();
                o.put("kind", r.kind());
                o.put("name", p.name());
                o.put("rank", p.rank());
                o.put("default", first);
                o.put("description", p.description());
                out.write(o);
                first = false;
            }
        }
        return EmoSpectrumCli.EXIT_OK;
    }
}
