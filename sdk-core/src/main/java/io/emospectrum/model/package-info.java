/**
 * Model loading: class path, local directory or explicit URL, SHA-256 verified against a
 * {@code SHA256SUMS} manifest, through DJL {@code Criteria}. Nothing is downloaded unless a URL is
 * passed explicitly.
 */
package io.emospectrum.model;
