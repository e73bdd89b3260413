/**
 * The emotion spectrum and the values that travel with it: seven category probabilities,
 * valence and arousal (see docs/spectrum.md), confidence, modality, model, span and subject.
 */
package io.emospectrum.spectrum;
