/**
 * The SDK's one media layer over JavaCV: {@link io.emospectrum.media.javacv.MediaGrabberFactory}
 * opens files and streams with FFmpeg, the converters carry frames between JavaCV's
 * {@link org.bytedeco.javacv.Frame} and the SDK's {@link io.emospectrum.media.ImageFrame} and
 * {@link io.emospectrum.media.AudioBuffer}, and {@link io.emospectrum.media.javacv.NativeLogs}
 * keeps FFmpeg quiet unless asked.
 */
package io.emospectrum.media.javacv;
