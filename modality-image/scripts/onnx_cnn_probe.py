#!/usr/bin/env python3
"""Speed probe: the expression CNN's architecture (mini-Xception as shipped: 32-64-128-256 channels,
205,127 weights, random values) as an ONNX graph on onnxruntime's CPU provider, batch 64.
Compare with `BenchmarkCommand cnn 64 10` (the same network on DJL's PyTorch engine) in the same
quiet minute. Needs the onnx and onnxruntime wheels (pip install onnx onnxruntime). Usage:
  python3 modality-image/scripts/onnx_cnn_probe.py [SIDE=64] [THREADS=2]
"""
import sys
import time

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

side = int(sys.argv[1]) if len(sys.argv) > 1 else 64
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
rng = np.random.default_rng(0)
inits, nodes, k = [], [], [0]


def fresh(prefix):
    k[0] += 1
    return '%s%d' % (prefix, k[0])


def weight(shape):
    name = fresh('w')
    inits.append(numpy_helper.from_array((rng.standard_normal(shape) * 0.1).astype(np.float32), name))
    return name


def conv(x, cin, cout, ks, stride=1, pad=0, group=1, relu=False, bias=True):
    y = fresh('c')
    ins = [x, weight((cout, cin // group, ks, ks))] + ([weight((cout,))] if bias else [])
    nodes.append(helper.make_node('Conv', ins, [y], kernel_shape=[ks, ks], strides=[stride, stride], pads=[pad] * 4, group=group))
    if relu:
        nodes.append(helper.make_node('Relu', [y], [y + 'r']))
        y += 'r'
    return y


def op(name, *ins, **attrs):
    y = fresh(name)
    nodes.append(helper.make_node(name, list(ins), [y], **attrs))
    return y


x = conv('input', 1, 32, 3, 2, relu=True)
x = conv(x, 32, 64, 3, 1, relu=True)
for cin, cout in ((64, 128), (128, 256)):
    residual = conv(x, cin, cout, 1, 2)
    y = conv(x, cin, cin, 3, 1, 1, group=cin, bias=False)
    y = conv(y, cin, cout, 1, relu=True)
    y = conv(y, cout, cout, 3, 1, 1, group=cout, bias=False)
    y = conv(y, cout, cout, 1)
    y = op('MaxPool', y, kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])
    x = op('Add', y, residual)
    if cin == 64:
        x = op('Relu', x)
x = conv(x, 256, 7, 3, 1, 1)
x = op('GlobalAveragePool', x)
x = op('Flatten', x)
nodes.append(helper.make_node('Softmax', [x], ['out'], axis=1))
graph = helper.make_graph(nodes, 'cnn', [helper.make_tensor_value_info('input', TensorProto.FLOAT, ['N', 1, side, side])],
                          [helper.make_tensor_value_info('out', TensorProto.FLOAT, ['N', 7])], inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)])
model.ir_version = 8
onnx.checker.check_model(model)
options = ort.SessionOptions()
options.intra_op_num_threads = threads
session = ort.InferenceSession(model.SerializeToString(), options, providers=['CPUExecutionProvider'])
batch = rng.standard_normal((64, 1, side, side)).astype(np.float32)
for _ in range(5):
    session.run(None, {'input': batch})
times = []
for _ in range(20):
    t0 = time.time()
    session.run(None, {'input': batch})
    times.append(time.time() - t0)
print('%d weights, %dx%d, %d threads: median %.1f ms per batch of 64 = %.0f faces/s (best %.0f)'
      % (sum(int(np.prod(i.dims)) for i in inits), side, side, threads, 1000 * np.median(times), 64 / np.median(times), 64 / min(times)))
