/** SubRip and WebVTT subtitles: the transcript that feeds the text modality in clip analysis. */
package io.emospectrum.fusion.subtitle;
