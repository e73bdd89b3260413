/**
 * The image modality: faces in photos and video, their expressions, tracked over time.
 * {@link io.emospectrum.image.MiniXceptionFaceProvider} is the SPI entry point.
 */
package io.emospectrum.image;
