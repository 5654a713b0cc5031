#!/usr/bin/env python3
"""Writes a phrasebook of N synthetic phrases (default 5,000) in rules of ten
phrases each, with a term list and a near rule, for load-time measurements:
    benches/big-phrasebook.py 5000 > /tmp/big.yaml
"""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
rng = random.Random(42)
syll = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "pe", "dra", "qu", "zen", "bri", "ost", "ul"]

def word():
    return "".join(rng.choice(syll) for _ in range(rng.randint(2, 4)))

print("phrasebook: big\nversion: 1.0.0\nschema: 1\nterms:\n  partner: [OpenAI, GPT, ChatGPT]\nrules:")
for r in range(0, n, 10):
    phrases = [" ".join(word() for _ in range(rng.randint(1, 3))) for _ in range(min(10, n - r))]
    print(f"  - id: r{r}\n    banned: [{', '.join(phrases)}]\n    message: banned phrase {r}")
    if r % 100 == 0:
        print('    near: ["{partner}"]\n    within: 8')
