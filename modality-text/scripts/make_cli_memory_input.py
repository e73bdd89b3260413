#!/usr/bin/env python3
"""Writes the 100 MB input of the CLI memory check (docs/modality-text.md).

GoEmotions test comments, each repeated on 32 consecutive lines (one CLI batch), until the file
holds 100 MiB. The repetition keeps the run about streaming memory, not encoder speed: the
extractor scores identical windows of a batch once. Usage:
  python3 modality-text/scripts/make_cli_memory_input.py ../shared/data/text/goemotions/test.tsv /tmp/text-100mb.txt
"""
import itertools
import sys

src = [line.split('\t')[0] for line in open(sys.argv[1], encoding='utf-8')]
written = 0
with open(sys.argv[2], 'w', encoding='utf-8') as out:
    for text in itertools.cycle(src):
        block = (text.replace('\n', ' ') + '\n') * 32
        out.write(block)
        written += len(block.encode('utf-8'))
        if written >= 100 * 1024 * 1024:
            break
print(written, 'bytes')
