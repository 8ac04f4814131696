#!/usr/bin/env python3
"""Independent verifier for GroupLedger journals (Journal/FORMAT.md), standard library only.

    python3 Tools/verify_journal.py JOURNAL [--digest SIZE:ROOT] [--inclusion PROOF.json] [--consistency PROOF.json]
    python3 verify_journal.py --packet DIR        (an audit packet made by `groupledger export`)

Checks, line by line: UTF-8 JSON in canonical form (sorted keys, no whitespace, one escaping
rule, NFC text, integers only within 2^53-1, depth at most 16), the envelope's keys, seq = line
number, whole batches, `prev` = SHA-256(0x00 || previous line), and the RFC 6962 Merkle root.
With --digest, the first SIZE lines must have that root (this is what catches a history
rewritten with a recomputed chain). --inclusion and --consistency check proofs printed by
`groupledger prove ... --format json` against this journal's leaves.

Exit status 0 when sound, 1 naming the first bad line, 2 on a usage error.
"""
import hashlib
import json
import sys
import unicodedata

MAX_LINE_BYTES = 262144
MAX_DEPTH = 16
MAX_INTEGER = 2**53 - 1
MAX_BATCH = 10000
ENVELOPE = {"actor", "authority", "batch", "data", "effective", "prev", "recorded", "seq", "type", "v"}
REQUIRED = ENVELOPE - {"authority"}
ZERO = "0" * 64


class Unsound(Exception):
    """The first place where the journal stops being sound."""

    def __init__(self, line, message):
        super().__init__(f"line {line}: {message}")


def leaf_hash(line_bytes):
    return hashlib.sha256(b"\x00" + line_bytes).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def merkle_root(leaves):
    """RFC 6962 MTH over a list of leaf hashes (recursive definition, split at the largest power of two)."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(merkle_root(leaves[:k]), merkle_root(leaves[k:]))


def no_floats(text):
    raise ValueError(f"floating point is not allowed: {text}")


def check_value(value, depth, line):
    """Integers in range, NFC strings (keys too), nesting depth."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int):
        if abs(value) > MAX_INTEGER:
            raise Unsound(line, f"integer {value} exceeds 2^53-1")
        return
    if isinstance(value, str):
        if not unicodedata.is_normalized("NFC", value):
            raise Unsound(line, f"text is not in NFC: {value!r}")
        return
    if depth > MAX_DEPTH:
        raise Unsound(line, f"nesting deeper than {MAX_DEPTH}")
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if isinstance(key, str) and not unicodedata.is_normalized("NFC", key):
            raise Unsound(line, f"key is not in NFC: {key!r}")
        check_value(item, depth + 1, line)


def decode_line(raw, number):
    """The line's object, after checking it is exactly the canonical encoding of itself."""
    if len(raw) > MAX_LINE_BYTES:
        raise Unsound(number, f"line is {len(raw)} bytes, over {MAX_LINE_BYTES}")
    try:
        text = raw.decode("utf-8")
        value = json.loads(text, parse_float=no_floats, parse_constant=no_floats)
    except (UnicodeDecodeError, ValueError) as error:
        raise Unsound(number, f"not valid JSON: {error}")
    if not isinstance(value, dict):
        raise Unsound(number, "not a JSON object")
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    if canonical != raw:
        raise Unsound(number, "not in canonical form (key order, whitespace, escapes or duplicate keys)")
    check_value(value, 1, number)
    keys = set(value)
    if not REQUIRED <= keys or not keys <= ENVELOPE:
        raise Unsound(number, f"envelope keys are {sorted(keys)}; expected {sorted(REQUIRED)} and optionally authority")
    return value


def read_journal(path):
    """(lines as bytes, whether the file ends with a newline)."""
    with open(path, "rb") as handle:
        data = handle.read()
    if not data:
        return [], True
    pieces = data.split(b"\n")
    ends_with_newline = data.endswith(b"\n")
    return (pieces[:-1] if ends_with_newline else pieces), ends_with_newline


def verify(path):
    """Checks the whole journal; returns the list of leaf hashes of its lines."""
    lines, ends_with_newline = read_journal(path)
    if not ends_with_newline:
        raise Unsound(len(lines), "the last line has no newline: a torn tail (run `groupledger recover`)")
    leaves = []
    previous = ZERO
    batch = None
    last_recorded = ""
    for index, raw in enumerate(lines):
        number = index + 1
        line = decode_line(raw, number)
        if line["seq"] != number:
            raise Unsound(number, f"seq: expected {number}, found {line['seq']}")
        if line["prev"] != previous:
            if number == 1:
                raise Unsound(number, f"prev: expected 64 zeros, found {line['prev']}")
            raise Unsound(number, f"prev does not match the leaf hash of line {number - 1} "
                                  f"(expected {previous}, found {line['prev']}): line {number - 1} was changed, or this prev was")
        marker = line["batch"]
        if not isinstance(marker, dict) or set(marker) != {"count", "first"}:
            raise Unsound(number, "batch: expected {\"count\", \"first\"}")
        if batch is None:
            if marker["first"] != number or not 1 <= marker["count"] <= MAX_BATCH:
                raise Unsound(number, f"batch: a batch must start here with 1..{MAX_BATCH} lines, found {marker}")
            batch = marker
            if line["recorded"] < last_recorded:
                raise Unsound(number, f"recorded goes back in time: {line['recorded']} < {last_recorded}")
            last_recorded = line["recorded"]
        elif marker != batch or line["recorded"] != last_recorded:
            raise Unsound(number, f"batch: expected {batch} recorded {last_recorded}, like the lines before it")
        if number == batch["first"] + batch["count"] - 1:
            batch = None
        leaf = leaf_hash(raw)
        leaves.append(leaf)
        previous = leaf.hex()
    if batch is not None:
        raise Unsound(len(lines), f"the file ends inside batch {batch}: a torn tail (run `groupledger recover`)")
    return leaves


def check_digest(leaves, text):
    size_text, _, root = text.partition(":")
    size = int(size_text)
    if size > len(leaves):
        raise Unsound(len(leaves), f"the published digest covers {size} events but the journal has {len(leaves)}")
    actual = merkle_root(leaves[:size]).hex()
    if actual != root:
        raise Unsound(size, f"the root at size {size} is {actual}, not the published {root}: history up to line {size} was rewritten")


def inclusion_holds(leaf, index, size, path, root):
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for hex_node in path:
        node = bytes.fromhex(hex_node)
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(node, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, node)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r.hex() == root


def verify_inclusion(leaves, proof):
    """RFC 9162 §2.1.3.2, then the proof's claims against this journal."""
    index, size = proof["seq"] - 1, proof["size"]
    leaf = bytes.fromhex(proof["leaf"])
    if leaf != leaves[index]:
        raise Unsound(proof["seq"], "the proof's leaf is not this journal's line")
    if not inclusion_holds(leaf, index, size, proof["path"], proof["root"]) or proof["root"] != merkle_root(leaves[:size]).hex():
        raise Unsound(proof["seq"], "the inclusion proof does not verify")


def verify_consistency(leaves, proof):
    """RFC 9162 §2.1.4.2, with the edge cases of FORMAT.md §4."""
    first, second = proof["old"], proof["new"]
    old_root, new_root = proof["oldRoot"], proof["newRoot"]
    path = [bytes.fromhex(node) for node in proof["path"]]
    if old_root != merkle_root(leaves[:first]).hex() or new_root != merkle_root(leaves[:second]).hex():
        raise Unsound(second, "the proof's roots are not this journal's")
    if first == 0 or first == second:
        if path or (first == second and old_root != new_root):
            raise Unsound(second, "the consistency proof does not verify")
        return
    if first & (first - 1) == 0:
        path = [bytes.fromhex(old_root)] + path
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for node in path[1:]:
        if sn == 0:
            raise Unsound(second, "the consistency path is too long")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(node, fr), node_hash(node, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, node)
        fn >>= 1
        sn >>= 1
    if sn != 0 or fr.hex() != old_root or sr.hex() != new_root:
        raise Unsound(second, "the consistency proof does not verify")


def verify_packet(directory):
    """An audit packet: every event line is canonical and has a proof of inclusion in the tree
    whose size and root digest.json states; returns (events, size, root)."""
    import os
    with open(os.path.join(directory, "digest.json"), encoding="utf-8") as handle:
        digest = json.load(handle)
    with open(os.path.join(directory, "events.jsonl"), "rb") as handle:
        lines = handle.read().split(b"\n")[:-1]
    with open(os.path.join(directory, "proofs.jsonl"), encoding="utf-8") as handle:
        proofs = [json.loads(line) for line in handle if line.strip()]
    if len(lines) != len(proofs):
        raise Unsound(0, f"{len(lines)} events but {len(proofs)} proofs")
    previous_seq = 0
    for number, (raw, proof) in enumerate(zip(lines, proofs), start=1):
        line = decode_line(raw, number)
        if line["seq"] != proof["seq"] or line["seq"] <= previous_seq:
            raise Unsound(number, f"event seq {line['seq']} does not match its proof (seq {proof['seq']}) or does not increase")
        previous_seq = line["seq"]
        if proof["size"] != digest["size"] or proof["root"] != digest["root"]:
            raise Unsound(number, "the proof is not against the packet's digest")
        if leaf_hash(raw).hex() != proof["leaf"]:
            raise Unsound(number, f"seq {line['seq']}: the line's leaf hash is not the proof's leaf: the line was changed")
        if not inclusion_holds(bytes.fromhex(proof["leaf"]), proof["seq"] - 1, proof["size"], proof["path"], proof["root"]):
            raise Unsound(number, f"seq {line['seq']}: the inclusion proof does not verify against root {proof['root']}")
    return len(lines), digest["size"], digest["root"]


def main(arguments):
    if not arguments or arguments[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if arguments else 2
    if arguments[0] == "--packet":
        if len(arguments) != 2:
            print("verify_journal: --packet takes a directory", file=sys.stderr)
            return 2
        try:
            events, size, root = verify_packet(arguments[1])
        except Unsound as problem:
            print(f"FAILED: packet {arguments[1]} event {problem}")
            return 1
        except (OSError, ValueError, KeyError) as error:
            print(f"FAILED: packet {arguments[1]}: {error}")
            return 1
        print(f"ok: packet {arguments[1]}: {events} events, each included in the journal of digest {size}:{root}")
        return 0
    path, options = arguments[0], arguments[1:]
    if len(options) % 2:
        print("verify_journal: each option needs a value", file=sys.stderr)
        return 2
    try:
        leaves = verify(path)
        for name, value in zip(options[::2], options[1::2]):
            if name == "--digest":
                check_digest(leaves, value)
            elif name == "--inclusion":
                with open(value, encoding="utf-8") as handle:
                    verify_inclusion(leaves, json.load(handle))
            elif name == "--consistency":
                with open(value, encoding="utf-8") as handle:
                    verify_consistency(leaves, json.load(handle))
            else:
                print(f"verify_journal: unknown option {name}", file=sys.stderr)
                return 2
    except Unsound as problem:
        print(f"FAILED: {path} {problem}")
        return 1
    except (OSError, ValueError, KeyError) as error:
        print(f"FAILED: {path}: {error}")
        return 1
    print(f"ok: {path} is sound: {len(leaves)} events, digest {len(leaves)}:{merkle_root(leaves).hex()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
