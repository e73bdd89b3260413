/** The category taxonomy's declarative label mappings, validated when a model loads. */
package io.emospectrum.taxonomy;
