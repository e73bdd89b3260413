/**
 * Fusion: pools the spectra of face, voice and text into one, per time window and subject,
 * reporting the sources and their disagreement. Reaches the modalities only through the SPI.
 */
package io.emospectrum.fusion;
