#!/usr/bin/env python3
"""Writes the tiny bring-your-own-model fixture used by SequenceClassifierScorerTest.

A stand-in for a Hugging Face sequence-classification export: the model takes
(input_ids, attention_mask) and returns logits for three labels (joy, anger, neutral).
Each token's embedding *is* its logit vector, averaged over the real tokens; the words
'happy'/'love' push joy, 'angry'/'furious' push anger, everything else leans neutral.
So its answers are known in advance and the test checks the whole path
(tokenizer.json -> TorchScript/ONNX on DJL -> id2label -> label mapping -> spectrum).

Run with Debian's python3-torch (1.13.1; DJL's libtorch 2.7.1 loads its TorchScript):
  /usr/bin/python3 modality-text/scripts/make_tiny_classifier.py <tokenizer.json> <out dir>
"""
import json
import sys

import torch

tokenizer_json, out = sys.argv[1], sys.argv[2]
vocab = json.load(open(tokenizer_json))["model"]["vocab"]
labels = ["joy", "anger", "neutral"]


class TinyClassifier(torch.nn.Module):
    def __init__(self, vocab_size: int):
        super().__init__()
        self.embed = torch.nn.Embedding(vocab_size, len(labels))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        mask = attention_mask.unsqueeze(-1).to(torch.float32)
        summed = (self.embed(input_ids) * mask).sum(dim=1)
        return summed / mask.sum(dim=1).clamp(min=1.0)


torch.manual_seed(0)
model = TinyClassifier(len(vocab))
with torch.no_grad():
    model.embed.weight.zero_()
    model.embed.weight[:, 2] = 1.0  # neutral by default
    for word, label in [("happy", 0), ("love", 0), ("angry", 1), ("furious", 1)]:
        model.embed.weight[vocab[word], label] = 12.0
model.eval()

ids = torch.tensor([[101, vocab["happy"], 102]], dtype=torch.long)
mask = torch.ones_like(ids)
torch.jit.trace(model, (ids, mask)).save(f"{out}/model.pt")
torch.onnx.export(model, (ids, mask), f"{out}/model.onnx", input_names=["input_ids", "attention_mask"],
                  output_names=["logits"], dynamic_axes={"input_ids": {0: "batch", 1: "seq"},
                                                         "attention_mask": {0: "batch", 1: "seq"},
                                                         "logits": {0: "batch"}}, opset_version=13)
config = {"_name_or_path": "tiny-classifier", "architectures": ["TinyClassifier"],
          "id2label": {str(i): l for i, l in enumerate(labels)},
          "label2id": {l: i for i, l in enumerate(labels)}, "problem_type": "single_label_classification"}
json.dump(config, open(f"{out}/config.json", "w"), indent=2)
print("wrote", out, model(ids, mask).softmax(-1).tolist())
