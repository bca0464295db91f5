#!/usr/bin/env python3
"""geocrawl's favicon hash against a second implementation, over random icons.

MurmurHash3_x86_32 is written here again from Austin Appleby's reference (no mmh3 package, no
network), and the base64 is Python's own base64.encodebytes, which is what Shodan hashes. Random
byte strings of every length class (empty, each tail length, the 57-byte line edge and a few
kilobytes) are written to files and handed to tests/support/favicon_hash_tool; each of its lines
must equal what this script computes: murmur3 of the raw bytes (unsigned) and the signed
http.favicon.hash.
"""
import argparse
import base64
import os
import random
import subprocess
import sys
import tempfile

MASK = 0xFFFFFFFF


def rotl(x, r):
    return ((x << r) | (x >> (32 - r))) & MASK


def murmur3_x86_32(data, seed=0):
    c1, c2 = 0xCC9E2D51, 0x1B873593
    h = seed & MASK
    blocks = len(data) // 4
    for i in range(blocks):
        k = int.from_bytes(data[4 * i:4 * i + 4], "little")
        k = rotl((k * c1) & MASK, 15) * c2 & MASK
        h = (rotl(h ^ k, 13) * 5 + 0xE6546B64) & MASK
    tail = data[4 * blocks:]
    k = 0
    for position in reversed(range(len(tail))):
        k ^= tail[position] << (8 * position)
    if tail:
        h ^= rotl((k * c1) & MASK, 15) * c2 & MASK
    h ^= len(data) & MASK
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & MASK
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & MASK
    h ^= h >> 16
    return h


def signed(value):
    return value - (1 << 32) if value & 0x80000000 else value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    # The published vectors first: a wrong reference here would make the comparison worthless.
    assert murmur3_x86_32(b"", 1) == 0x514E28B7
    assert murmur3_x86_32(b"hello") == 0x248BFA47
    assert murmur3_x86_32(b"The quick brown fox jumps over the lazy dog") == 0x2E4FF723
    rng = random.Random(args.seed)
    sizes = [0, 1, 2, 3, 4, 56, 57, 58, 113, 114, 115]
    sizes += [rng.randrange(0, 8192) for _ in range(args.count - len(sizes))]
    with tempfile.TemporaryDirectory() as folder:
        paths, expected = [], []
        for index, size in enumerate(sizes):
            data = bytes(rng.randrange(256) for _ in range(size))
            path = os.path.join(folder, f"icon-{index}")
            with open(path, "wb") as out:
                out.write(data)
            paths.append(path)
            expected.append(f"{murmur3_x86_32(data)} "
                            f"{signed(murmur3_x86_32(base64.encodebytes(data)))}")
        answer = subprocess.run([args.tool, *paths], capture_output=True, text=True, timeout=60,
                                check=True).stdout.splitlines()
    if len(answer) != len(expected):
        print(f"the tool answered {len(answer)} lines for {len(expected)} icons")
        return 1
    wrong = [(size, want, got) for size, want, got in zip(sizes, expected, answer) if want != got]
    for size, want, got in wrong[:10]:
        print(f"{size} bytes: expected {want}, geocrawl gave {got}")
    negatives = sum(1 for line in expected if line.split()[1].startswith("-"))
    print(f"{len(sizes) - len(wrong)} of {len(sizes)} icons agree ({negatives} negative hashes)")
    return 1 if wrong or negatives == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
