/** The JSON form of readings, shared by the CLI and anything that stores results. */
package io.emospectrum.json;
