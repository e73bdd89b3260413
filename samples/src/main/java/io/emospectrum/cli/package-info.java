/** The {@code emospectrum} command-line tool: JSON Lines over the extractor SPI. */
package io.emospectrum.cli;
