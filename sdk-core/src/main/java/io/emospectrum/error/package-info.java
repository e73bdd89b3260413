/** The SDK's one exception hierarchy, rooted at {@link io.emospectrum.error.EmoSpectrumException}. */
package io.emospectrum.error;
