/**
 * A small TensorFlow.js graph-model importer: parses {@code model.json} and its weight shards
 * ({@link io.emospectrum.image.tfjs.TfjsGraph}) and runs the graph with DJL operations
 * ({@link io.emospectrum.image.tfjs.TfjsGraphBlock}), so TF.js models run on the PyTorch engine.
 */
package io.emospectrum.image.tfjs;
