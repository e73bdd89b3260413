/**
 * Pooling strategies that turn several modalities' spectra into one, behind a small SPI
 * ({@link io.emospectrum.fusion.pool.PoolingStrategyProvider}): weighted linear, log-linear
 * (product of experts) and learned; plus the Jensen-Shannon disagreement between the inputs.
 */
package io.emospectrum.fusion.pool;
