/** Alignment of readings with different spans onto one window grid, per subject. */
package io.emospectrum.fusion.align;
