/**
 * Clip analysis: one decoding pass with JavaCV, frames to the face tracker, the sound track to
 * the voice stream, subtitles to the text extractor, fused into one timeline per subject.
 */
package io.emospectrum.fusion.clip;
