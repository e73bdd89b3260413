/** The JSON form of fused windows and clip summaries (JSON Lines output of {@code emospectrum video}). */
package io.emospectrum.fusion.json;
