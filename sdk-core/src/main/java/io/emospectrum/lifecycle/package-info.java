/** Lifecycle helpers for extractors that own native memory: {@link io.emospectrum.lifecycle.CloseGuard}. */
package io.emospectrum.lifecycle;
