/**
 * Typed provider options: each provider declares its options as {@link io.emospectrum.option.OptionKey}s
 * (name, type, default, range, help) in an {@link io.emospectrum.option.OptionSet}, which parses the raw
 * {@code KEY=VALUE} strings a user gives, rejecting unknown keys and values out of range. Keys are
 * kebab-case ({@code max-tokens}); old spellings are kept as deprecated aliases.
 */
package io.emospectrum.option;
