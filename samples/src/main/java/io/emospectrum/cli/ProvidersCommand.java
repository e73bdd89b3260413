package io.emospectrum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emospectrum.fusion.pool.PoolingStrategyProvider;
import io.emospectrum.option.OptionKey;
import io.emospectrum.spi.Plugin;
import io.emospectrum.spi.ProviderRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code emospectrum providers}: what is on the class path, one JSON object per provider (extractors,
 * then pooling strategies), with the options each declares.
 */
@Command(name = "providers", description = "List the providers on the class path (default first per kind) and their options.",
        mixinStandardHelpOptions = true)
final class ProvidersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonLines out = new JsonLines(spec.commandLine().getOut());
        for (ProviderRegistry<?> r : List.of(ProviderRegistry.text(), ProviderRegistry.face(), ProviderRegistry.voice(),
                PoolingStrategyProvider.registry())) {
            boolean first = true;
            for (Plugin p : r.providers()) {
                ObjectNode o = out.object();
                o.put("kind", r.kind());
                o.put("name", p.name());
                o.put("rank", p.rank());
                o.put("default", first);
                o.put("description", p.description());
                ArrayNode options = o.putArray("options");
                for (OptionKey<?> k : p.supportedOptions().keys()) {
                    ObjectNode opt = options.addObject();
                    opt.put("name", k.name());
                    opt.put("type", k.type().label());
                    opt.put("allowed", k.allowed());
                    opt.put("default", k.defaultText());
                    opt.put("help", k.help());
                    k.aliases().forEach(opt.putArray("aliases")::add);
                }
                out.write(o);
                first = false;
            }
        }
        return EmoSpectrumCli.EXIT_OK;
    }
}
