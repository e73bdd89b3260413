/** Neutral media types that cross module borders: image frames and PCM audio. */
package io.emospectrum.media;
