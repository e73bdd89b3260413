package io.emospectrum.cli;

import io.emospectrum.fusion.pool.PoolingStrategyProvider;
import io.emospectrum.option.OptionKey;
import io.emospectrum.spi.Plugin;
import io.emospectrum.spi.ProviderRegistry;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The options each provider declares, printed at the end of a command's {@code --help}: built from
 * {@link Plugin#supportedOptions()} when help is asked for, so a provider added to the class path
 * shows its own.
 */
final class ProviderOptionsHelp {
    private ProviderOptionsHelp() {
    }

    /** Which registries' options each subcommand's {@code -O} (or its named equivalent) takes. */
    static void install(CommandLine root) {
        Map<String, Section> sections = Map.of(
                "text", new Section("-O", ProviderRegistry::text),
                "image", new Section("-O", ProviderRegistry::face),
                "audio", new Section("-O", ProviderRegistry::voice),
                "call", new Section("-O", ProviderRegistry::voice),
                "batch", new Section("-O", ProviderRegistry::text, ProviderRegistry::face, ProviderRegistry::voice));
        sections.forEach((name, section) -> footer(root.getSubcommands().get(name), List.of(section)));
        footer(root.getSubcommands().get("serve"), List.of(new Section("--voice-option", ProviderRegistry::voice),
                new Section("--text-option", ProviderRegistry::text)));
        footer(root.getSubcommands().get("video"), List.of(new Section("-O", ProviderRegistry::face),
                new Section("--strategy-option", PoolingStrategyProvider::registry)));
    }

    private static void footer(CommandLine cl, List<Section> sections) {
        if (cl == null) {
            return;
        }
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
            StringBuilder sb = new StringBuilder();
            for (Section s : sections) {
                for (Supplier<? extends ProviderRegistry<?>> r : s.registries()) {
                    sb.append(describe(s.flag(), r.get()));
                }
            }
            return sb.toString();
        });
    }

    /** One block per plugin: its options with type, allowed values, default and help. */
    static String describe(String flag, ProviderRegistry<?> registry) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Plugin p : registry.providers()) {
            String kind = registry.kind().contains("-") ? registry.kind().replace('-', ' ') : registry.kind() + " provider";
            sb.append(String.format("%nOptions of %s '%s'%s (%s KEY=VALUE):%n", kind, p.name(), first ? ", the default" : "", flag));
            first = false;
            if (p.supportedOptions().isEmpty()) {
                sb.append("  none").append(System.lineSeparator());
            }
            for (OptionKey<?> k : p.supportedOptions().keys()) {
                sb.append(String.format("  %-24s %s; default: %s%n", k.name(), k.allowed(), k.defaultText()));
                if (!k.help().isEmpty()) {
                    sb.append(String.format("  %-24s %s%n", "", k.help()));
                }
                if (!k.aliases().isEmpty()) {
                    sb.append(String.format("  %-24s (old spelling, deprecated: %s)%n", "", String.join(", ", k.aliases())));
                }
            }
        }
        return sb.toString();
    }

    private record Section(String flag, List<Supplier<? extends ProviderRegistry<?>>> registries) {
        @SafeVarargs
        Section(String flag, Supplier<? extends ProviderRegistry<?>>... registries) {
            this(flag, List.of(registries));
        }
    }
}
