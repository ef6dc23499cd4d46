#!/usr/bin/env python3
"""Generate the start-up benchmark: a large wasm32-wasi command module.

Writes the binary module directly (no compiler needed, a few seconds for
~30 MB) with thousands of generated functions, a funcref table holding all
of them, a data segment and a `_start` that calls only ~20 of them, formats a
checksum in hex and prints "startup checksum XXXXXXXX" with fd_write. What it
measures is an engine's cost to load, validate, instantiate and reach
`_start` for a big module of which little runs.

Each function runs BLOCKS blocks of mixed code (an arithmetic chain, a
counted loop, i64 multiply, f64 convert/multiply/truncate, if/else, a
br_table over nested blocks, a store and a load with an offset, and a call
guarded by a global that is always 0). The generator evaluates the functions
that `_start` calls in Python and writes the expected output beside the
module (NAME.expected), so a wrong answer is caught without a native build.

usage: gen_startup.py OUT.wasm [--mb 30]
"""
import argparse
import random
import struct

M32 = 0xFFFFFFFF
M64 = 0xFFFFFFFFFFFFFFFF
BLOCKS = 20


def uleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def sleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if (n == 0 and not b & 0x40) or (n == -1 and b & 0x40):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)


def s32(v):
    v &= M32
    return v - (1 << 32) if v & 0x80000000 else v


def i32c(v):
    return b"\x41" + sleb(s32(v))


def section(sid, payload):
    return bytes([sid]) + uleb(len(payload)) + payload


def vec(items):
    return uleb(len(items)) + b"".join(items)


def name(s):
    return uleb(len(s)) + s.encode()


# local indices inside a generated function: 0 a, 1 b (params), 2 x, 3 i,
# 4 y (i64), 5 z (f64)
LG, LS, LT = 0x20, 0x21, 0x22


def block_code(c, nfuncs, rng):
    c1, c2, c3, c4, c5, c6, c7, a1, a2 = c
    callee = 1 + rng.randrange(nfuncs)
    return b"".join([
        # x = x * c1 + b
        bytes([LG, 2]), i32c(c1), b"\x6c", bytes([LG, 1]), b"\x6a", bytes([LS, 2]),
        # i = 0; loop { x = rotl(x ^ c2, c3) + i; i++; br_if i < (b & 7) + 1 }
        i32c(0), bytes([LS, 3]), b"\x03\x40",
        bytes([LG, 2]), i32c(c2), b"\x73", i32c(c3), b"\x77", bytes([LG, 3]), b"\x6a", bytes([LS, 2]),
        bytes([LG, 3]), i32c(1), b"\x6a", bytes([LT, 3]), bytes([LG, 1]), i32c(7), b"\x71",
        i32c(1), b"\x6a", b"\x49", b"\x0d\x00", b"\x0b",
        # y = extend_u(x) * c4; x = wrap(y >> 17) ^ x
        bytes([LG, 2]), b"\xad", b"\x42", sleb(c4), b"\x7e", bytes([LT, 4]), b"\x42", sleb(17),
        b"\x88", b"\xa7", bytes([LG, 2]), b"\x73", bytes([LS, 2]),
        # z = f64(x & 0xffff) * 1.5 + c5; x += trunc_s(z)
        bytes([LG, 2]), i32c(0xFFFF), b"\x71", b"\xb7", b"\x44", struct.pack("<d", 1.5), b"\xa2",
        b"\x44", struct.pack("<d", float(c5)), b"\xa0", bytes([LT, 5]), b"\xaa", bytes([LG, 2]), b"\x6a",
        bytes([LS, 2]),
        # if (x & 1) x += c6 else x -= c7
        bytes([LG, 2]), i32c(1), b"\x71", b"\x04\x40",
        bytes([LG, 2]), i32c(c6), b"\x6a", bytes([LS, 2]), b"\x05",
        bytes([LG, 2]), i32c(c7), b"\x6b", bytes([LS, 2]), b"\x0b",
        # br_table on x & 3: 0 -> x += 0x11, 1 -> x ^= 0x22, 2 -> x *= 3, 3 -> nothing
        b"\x02\x40\x02\x40\x02\x40\x02\x40", bytes([LG, 2]), i32c(3), b"\x71",
        b"\x0e\x03\x00\x01\x02\x03", b"\x0b",
        bytes([LG, 2]), i32c(0x11), b"\x6a", bytes([LS, 2]), b"\x0c\x02", b"\x0b",
        bytes([LG, 2]), i32c(0x22), b"\x73", bytes([LS, 2]), b"\x0c\x01", b"\x0b",
        bytes([LG, 2]), i32c(3), b"\x6c", bytes([LS, 2]), b"\x0c\x00", b"\x0b",
        # mem[64 + a1*4] = x; x ^= mem[64 + a2*4]
        i32c(a1 * 4), bytes([LG, 2]), b"\x36\x02", uleb(64),
        bytes([LG, 2]), i32c(a2 * 4), b"\x28\x02", uleb(64), b"\x73", bytes([LS, 2]),
        # if (global0) x = callee(x, b)   -- global0 is always 0
        b"\x23\x00", b"\x04\x40", bytes([LG, 2]), bytes([LG, 1]), b"\x10", uleb(callee),
        bytes([LS, 2]), b"\x0b",
    ])


def rotl(x, n):
    n &= 31
    return ((x << n) | (x >> (32 - n))) & M32 if n else x


def eval_func(k, consts, a, b, mem):
    x = (a ^ k) & M32
    for c1, c2, c3, c4, c5, c6, c7, a1, a2 in consts:
        x = (x * c1 + b) & M32
        for i in range((b & 7) + 1):
            x = (rotl(x ^ c2, c3) + i) & M32
        y = (x * (c4 & M64)) & M64
        x = ((y >> 17) & M32) ^ x
        z = float(x & 0xFFFF) * 1.5 + float(c5)
        x = (x + int(z)) & M32
        x = (x + c6) & M32 if x & 1 else (x - c7) & M32
        r = x & 3
        if r == 0:
            x = (x + 0x11) & M32
        elif r == 1:
            x ^= 0x22
        elif r == 2:
            x = (x * 3) & M32
        mem[a1] = x
        x ^= mem.get(a2, 0)
    return x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=30.0, help="approximate module size in MB")
    args = ap.parse_args()

    rng = random.Random(20261125)
    # one function is ~BLOCKS * 232 bytes
    nfuncs = max(40, int(args.mb * 1e6 / (BLOCKS * 232)))
    called = list(range(10)) + list(range(nfuncs - 10, nfuncs))
    indirect = nfuncs // 2
    keep = set(called) | {indirect}

    t_fdwrite, t_ii_i, t_v = 0, 1, 2
    types = vec([
        b"\x60" + vec([b"\x7f"] * 4) + vec([b"\x7f"]),
        b"\x60" + vec([b"\x7f"] * 2) + vec([b"\x7f"]),
        b"\x60" + vec([]) + vec([]),
    ])
    imports = vec([name("wasi_snapshot_preview1") + name("fd_write") + b"\x00" + uleb(t_fdwrite)])
    funcs = vec([uleb(t_ii_i)] * nfuncs + [uleb(t_v)])
    table = vec([b"\x70\x01" + uleb(nfuncs) + uleb(nfuncs)])
    memory = vec([b"\x00\x01"])
    globals_ = vec([b"\x7f\x01" + i32c(0) + b"\x0b"])
    start_idx = 1 + nfuncs
    exports = vec([name("_start") + b"\x00" + uleb(start_idx), name("memory") + b"\x02\x00"])
    elem = vec([b"\x00" + i32c(0) + b"\x0b" + vec([uleb(1 + k) for k in range(nfuncs)])])

    kept_consts = {}
    bodies = []
    locals_ = vec([b"\x02\x7f", b"\x01\x7e", b"\x01\x7c"])
    for k in range(nfuncs):
        consts = []
        parts = [locals_, bytes([LG, 0]), i32c(k), b"\x73", bytes([LS, 2])]
        for _ in range(BLOCKS):
            c = (rng.getrandbits(32) | 1, rng.getrandbits(32), rng.randrange(1, 32),
                 rng.getrandbits(63) - (1 << 62), rng.randrange(1000),
                 rng.getrandbits(31), rng.getrandbits(31), rng.randrange(256), rng.randrange(256))
            consts.append(c)
            parts.append(block_code(c, nfuncs, rng))
        parts.append(bytes([LG, 2]) + b"\x0b")
        body = b"".join(parts)
        bodies.append(uleb(len(body)) + body)
        if k in keep:
            kept_consts[k] = consts

    # _start: acc = f_j(acc, 7j+1) for j in called; acc = table[indirect](acc, 5);
    # format acc as 8 hex digits at 33..40; fd_write(1, iov@48, 1, nwritten@56)
    s = bytearray(vec([b"\x02\x7f"]))
    for j in called:
        s += bytes([LG, 0]) + i32c(7 * j + 1) + b"\x10" + uleb(1 + j) + bytes([LS, 0])
    s += bytes([LG, 0]) + i32c(5) + i32c(indirect) + b"\x11" + uleb(t_ii_i) + b"\x00" + bytes([LS, 0])
    s += i32c(0) + bytes([LS, 1]) + b"\x03\x40"
    s += i32c(33) + bytes([LG, 1]) + b"\x6a"
    s += bytes([LG, 0]) + i32c(28) + bytes([LG, 1]) + i32c(2) + b"\x74" + b"\x6b" + b"\x76"
    s += i32c(15) + b"\x71" + b"\x2d\x00\x00" + b"\x3a\x00\x00"
    s += bytes([LG, 1]) + i32c(1) + b"\x6a" + bytes([LT, 1]) + i32c(8) + b"\x49" + b"\x0d\x00" + b"\x0b"
    s += i32c(1) + i32c(48) + i32c(1) + i32c(56) + b"\x10\x00" + b"\x1a" + b"\x0b"
    bodies.append(uleb(len(s)) + bytes(s))
    code = uleb(len(bodies)) + b"".join(bodies)

    msg = b"startup checksum 00000000\n"
    data = vec([
        b"\x00" + i32c(0) + b"\x0b" + vec([bytes([ch]) for ch in b"0123456789abcdef"]),
        b"\x00" + i32c(16) + b"\x0b" + uleb(len(msg)) + msg,
        b"\x00" + i32c(48) + b"\x0b" + uleb(8) + struct.pack("<II", 16, len(msg)),
    ])

    module = b"".join([
        b"\x00asm\x01\x00\x00\x00",
        section(1, types), section(2, imports), section(3, funcs), section(4, table),
        section(5, memory), section(6, globals_), section(7, exports), section(9, elem),
        section(10, code), section(11, data),
    ])
    with open(args.out, "wb") as f:
        f.write(module)

    mem = {}
    acc = 0
    for j in called:
        acc = eval_func(j, kept_consts[j], acc, 7 * j + 1, mem)
    acc = eval_func(indirect, kept_consts[indirect], acc, 5, mem)
    expected = "startup checksum %08x\n" % acc
    with open(args.out.rsplit(".wasm", 1)[0] + ".expected", "w") as f:
        f.write(expected)
    print("%s: %d functions, %.1f MB (code section %.1f MB); expect %s" % (
        args.out, nfuncs, len(module) / 1e6, len(code) / 1e6, expected.strip()))


if __name__ == "__main__":
    main()
