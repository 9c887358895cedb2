#!/usr/bin/env python3
"""Hyphenate words with libhyphen (Debian libhyphen0), the library the
pattern files are written for: an independent oracle for hyphen.Points.

usage: libhyphen.py DICT LHMIN RHMIN CLHMIN CRHMIN < words  (one per line)
prints each word with "-" at every hyphenation point.
"""
import ctypes
import sys

lib = ctypes.CDLL("libhyphen.so.0")
lib.hnj_hyphen_load.restype = ctypes.c_void_p
lib.hnj_hyphen_load.argtypes = [ctypes.c_char_p]
lib.hnj_hyphen_hyphenate3.argtypes = [
    ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p,
    ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
    ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int]

path = sys.argv[1]
lh, rh, clh, crh = (int(a) for a in sys.argv[2:6])
with open(path, "rb") as f:
    charset = f.readline().strip().decode()
enc = "utf-8" if charset == "UTF-8" else "latin-1"
d = lib.hnj_hyphen_load(path.encode())
if not d:
    sys.exit("cannot load " + path)
for line in sys.stdin:
    word = line.strip()
    if not word:
        continue
    b = word.lower().encode(enc)
    hyph = ctypes.create_string_buffer(len(b) + 5)
    rep, pos, cut = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
    lib.hnj_hyphen_hyphenate3(d, b, len(b), hyph, None, ctypes.byref(rep), ctypes.byref(pos),
                              ctypes.byref(cut), lh, rh, clh, crh)
    # hyphens[] is indexed by character for UTF-8 files (libhyphen
    # normalises it), by byte for 8-bit ones: a mark after index i
    chars = list(word.lower())
    out = ""
    for i, ch in enumerate(chars):
        out += ch
        if i < len(chars) - 1 and hyph[i][0] & 1:
            out += "-"
    w = out
    # restore the case of the input
    res, k = [], 0
    for ch in w:
        if ch == "-":
            res.append(ch)
        else:
            res.append(word[k])
            k += 1
    print("".join(res))
