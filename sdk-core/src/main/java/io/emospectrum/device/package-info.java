/** Device choice: GPU when present, else CPU, overridable with {@code -Demospectrum.device}. */
package io.emospectrum.device;
