package io.emospectrum.spi;

import io.emospectrum.option.OptionSet;

/**
 * What every plugin kind has in common (extractor providers, face detectors, pooling strategies):
 * a stable name to select it by, a rank that picks the default, and the options it understands.
 * One {@link ProviderRegistry} finds and selects plugins of any kind.
 */
public interface Plugin {

    /** Stable name to select this plugin by. */
    String name();

    /** The plugin with the highest rank is the default when none is named. */
    int rank();

    /** One line for listings and error messages. */
    default String description() {
        return name();
    }

    /** The options this plugin understands (for {@code --help}, {@code emospectrum providers} and parsing). */
    default OptionSet supportedOptions() {
        return OptionSet.NONE;
    }
}
