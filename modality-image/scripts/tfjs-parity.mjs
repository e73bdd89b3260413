// Reference outputs of the bundled TF.js graph models, computed by TensorFlow.js itself (CPU
// backend), for TfjsParityTest. Inputs are generated from a fixed integer LCG that the Java test
// reproduces bit for bit, so only outputs are stored.
//
// Run (from the repository root; needs Node 18+ and network access to npm once):
//   mkdir -p /tmp/tfjs && (cd /tmp/tfjs && npm install @tensorflow/tfjs@4.22.0)
//   NODE_PATH=/tmp/tfjs/node_modules node modality-image/scripts/tfjs-parity.mjs
// It writes modality-image/src/test/resources/parity/<model>.json.
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const models = path.join(root, 'src/main/resources/io/emospectrum/image/models');
const outDir = path.join(root, 'src/test/resources/parity');

// TF.js in Node has no file:// loader without tfjs-node: read model.json and shards with fs.
function fileHandler(jsonPath) {
  return {
    load: async () => {
      const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
      const specs = [];
      const buffers = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const p of group.paths) buffers.push(fs.readFileSync(path.join(path.dirname(jsonPath), p)));
      }
      const data = Buffer.concat(buffers);
      return {
        modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy,
        convertedBy: json.convertedBy, userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs: specs, weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
      };
    },
  };
}

// u_{n+1} = u_n * 1664525 + 1013904223 mod 2^32; value = (u >>> 8) / 2^24 * (hi - lo) + lo.
function lcgInput(count, seed, lo, hi) {
  const out = new Float32Array(count);
  let u = seed >>> 0;
  for (let i = 0; i < count; i++) {
    u = (Math.imul(u, 1664525) + 1013904223) >>> 0;
    out[i] = Math.fround(((u >>> 8) / 16777216) * (hi - lo) + lo);
  }
  return out;
}

function b64(floatArray) {
  return Buffer.from(new Float32Array(floatArray).buffer).toString('base64');
}

async function run(dir, jsonName, shape, seed, lo, hi) {
  const model = await tf.loadGraphModel(fileHandler(path.join(models, dir, jsonName)));
  const count = shape.reduce((a, b) => a * b, 1);
  const input = tf.tensor(lcgInput(count, seed, lo, hi), shape, 'float32');
  let outputs = model.execute(input);
  if (!Array.isArray(outputs)) outputs = [outputs];
  // Order outputs as the signature numbers them (Identity, Identity_1, ...).
  const names = model.outputs.map((o) => o.name.replace(/:0$/, ''));
  const order = names.map((n, i) => [n, i]).sort((a, b) => a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1));
  const fixture = {
    model: `${dir}/${jsonName}`, tfjs: tf.version.tfjs, backend: tf.getBackend(),
    input: { shape, seed, lo, hi },
    outputs: order.map(([n, i]) => ({ name: n, shape: outputs[i].shape, data: b64(outputs[i].dataSync()) })),
  };
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, `${dir}.json`), JSON.stringify(fixture, null, 1));
  console.log(`${dir}: ${order.map(([n, i]) => `${n} ${outputs[i].shape}`).join(', ')}`);
}

await tf.setBackend('cpu');
await run('mini-xception', 'emotion.json', [3, 64, 64, 1], 12345, -1, 1);
await run('blazeface-front', 'blazeface-front.json', [1, 128, 128, 3], 777, -1, 1);
