/**
 * The extractor SPI: one extractor interface per modality, one provider interface per kind,
 * discovered with {@link java.util.ServiceLoader} through {@link io.emospectrum.spi.ProviderRegistry}.
 */
package io.emospectrum.spi;
