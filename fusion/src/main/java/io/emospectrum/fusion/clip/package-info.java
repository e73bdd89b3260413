/**
 * Clip analysis: one decoding pass (media-javacv), frames to the face tracker, the sound track to
 * the voice stream, subtitles to the text extractor, fused into one timeline per subject.
 * {@link io.emospectrum.fusion.clip.ClipAnalyzer} is the entry point; one call runs a decoder, two
 * stage workers, a timeline and a metrics object, configured by plain settings.
 */
package io.emospectrum.fusion.clip;
