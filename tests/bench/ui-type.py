#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Types into the focused window of an X display as a keyboard would.

    ui-type.py SCRIPT LOG

SCRIPT is a JSON list of steps; LOG gets one line per key press sent:
"press KEYSYM CHAR SEND_US" (CLOCK_MONOTONIC in µs, read right before the
XTest request is flushed), and "mark NAME US" for marks.

Steps:
    {"type": "text", "interval_ms": 180}   one key press per character
    {"key": "ctrl+f"}                      a key with modifiers (ctrl, shift)
    {"sleep_ms": 1500}
    {"mark": "name"}
    {"wait_probe_line": "key 65288 ", "timeout_ms": 60000}
                                           wait until the probe's file (in
                                           UI_PROBE_FILE) has a line that
                                           starts so

Unlike `xdotool type`, which rebinds a spare keycode for every character
that the keymap lacks (and so makes GTK reload the keymap on each Cyrillic or
Arabic letter), this binds every character the script needs once, before
typing, as a Russian or Arabic layout would have them: the app sees plain key
presses of keys it already knows. It uses libX11 and libXtst through ctypes,
so it needs no Python X library.
"""

import ctypes
import ctypes.util
import json
import os
import sys
import time

x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")

KeySym = ctypes.c_ulong
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XDisplayKeycodes.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                 ctypes.POINTER(ctypes.c_int)]
x11.XGetKeyboardMapping.restype = ctypes.POINTER(KeySym)
x11.XGetKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int,
                                    ctypes.POINTER(ctypes.c_int)]
x11.XChangeKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                       ctypes.POINTER(KeySym), ctypes.c_int]
x11.XKeysymToKeycode.restype = ctypes.c_ubyte
x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, KeySym]
x11.XStringToKeysym.restype = KeySym
x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
x11.XFlush.argtypes = [ctypes.c_void_p]
x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
x11.XFree.argtypes = [ctypes.c_void_p]
x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]

NAMED = {"ctrl": "Control_L", "shift": "Shift_L", "alt": "Alt_L", "return": "Return",
         "backspace": "BackSpace", "delete": "Delete", "escape": "Escape", "space": "space",
         "tab": "Tab"}


def now_us():
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000


def keysym_of_char(ch):
    if ch == " ":
        return x11.XStringToKeysym(b"space")
    cp = ord(ch)
    if 0x20 < cp < 0x7f:
        return cp   # Latin-1 keysyms are the code points
    return 0x01000000 + cp


class Keyboard:
    def __init__(self, display):
        self.dpy = display
        lo, hi = ctypes.c_int(), ctypes.c_int()
        x11.XDisplayKeycodes(self.dpy, ctypes.byref(lo), ctypes.byref(hi))
        self.lo, self.hi = lo.value, hi.value
        self.read_map()

    def read_map(self):
        per = ctypes.c_int()
        n = self.hi - self.lo + 1
        syms = x11.XGetKeyboardMapping(self.dpy, self.lo, n, ctypes.byref(per))
        self.per = per.value
        self.map = {}
        for i in range(n):
            self.map[self.lo + i] = [syms[i * self.per + j] for j in range(self.per)]
        x11.XFree(syms)

    def find(self, keysym):
        """(keycode, shifted) of a keysym on level 1 or 2 of group 1."""
        for code, syms in self.map.items():
            if syms and syms[0] == keysym:
                return code, False
            if len(syms) > 1 and syms[1] == keysym:
                return code, True
        return None

    def bind(self, chars):
        """Binds every character that has no key to a spare keycode, once:
        two characters a key (the second with Shift), a letter with its
        capital where both are wanted, as a keyboard layout does."""
        missing = [ch for ch in sorted(set(chars)) if self.find(keysym_of_char(ch)) is None]
        if not missing:
            return
        pairs = []
        while missing:
            ch = missing.pop(0)
            upper = ch.upper()
            if upper != ch and upper in missing:
                missing.remove(upper)
                pairs.append((ch, upper))
            elif missing and missing[0].lower() == missing[0]:
                pairs.append((ch, missing.pop(0)))
            else:
                pairs.append((ch, ch))

        # Keycodes with no symbol first, then those with only multimedia
        # (XF86) symbols, which no test here presses.
        def spare(code, test):
            return all(test(s) for s in self.map[code])
        codes = range(self.hi, self.lo - 1, -1)
        free = [c for c in codes if spare(c, lambda s: s == 0)]
        free += [c for c in codes if c not in free and
                 spare(c, lambda s: s == 0 or 0x1008FF00 <= s <= 0x1008FFFF)]
        if len(free) < len(pairs):
            raise SystemExit("ui-type.py: %d keys needed but only %d spare keycodes"
                             % (len(pairs), len(free)))
        for (first, second), code in zip(pairs, free):
            pair = [keysym_of_char(first), keysym_of_char(second)]
            row = (KeySym * self.per)(*(pair + [0] * (self.per - 2)))
            x11.XChangeKeyboardMapping(self.dpy, code, self.per, row, 1)
        x11.XSync(self.dpy, 0)
        self.read_map()
        # Let the app take in the new map (MappingNotify) before typing.
        time.sleep(0.5)

    def keycode(self, keysym):
        found = self.find(keysym)
        if found is None:
            raise SystemExit("ui-type.py: no key for keysym 0x%x" % keysym)
        return found

    def tap(self, code, shifted, log, label):
        shift = self.keycode(x11.XStringToKeysym(b"Shift_L"))[0] if shifted else None
        if shift:
            xtst.XTestFakeKeyEvent(self.dpy, shift, 1, 0)
        xtst.XTestFakeKeyEvent(self.dpy, code, 1, 0)
        t = now_us()
        x11.XFlush(self.dpy)
        xtst.XTestFakeKeyEvent(self.dpy, code, 0, 0)
        if shift:
            xtst.XTestFakeKeyEvent(self.dpy, shift, 0, 0)
        x11.XFlush(self.dpy)
        log.write("press %s %d\n" % (label, t))
        log.flush()

    def combo(self, spec, log):
        parts = spec.lower().split("+")
        mods = [self.keycode(x11.XStringToKeysym(NAMED[p].encode()))[0] for p in parts[:-1]]
        last = parts[-1]
        ks = x11.XStringToKeysym(NAMED.get(last, last).encode())
        code, _ = self.keycode(ks)
        for m in mods:
            xtst.XTestFakeKeyEvent(self.dpy, m, 1, 0)
        self.tap(code, False, log, "0x%x combo" % ks)
        for m in reversed(mods):
            xtst.XTestFakeKeyEvent(self.dpy, m, 0, 0)
        x11.XFlush(self.dpy)


def wait_probe_line(prefix, timeout_ms, log):
    path = os.environ.get("UI_PROBE_FILE")
    deadline = time.monotonic() + timeout_ms / 1000
    while path and time.monotonic() < deadline:
        try:
            with open(path, encoding="utf-8") as f:
                if any(line.startswith(prefix) for line in f):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    log.write("timeout %s %d\n" % (prefix.strip().replace(" ", "_"), now_us()))
    log.flush()


def main():
    steps = json.load(open(sys.argv[1], encoding="utf-8"))
    log = open(sys.argv[2], "a", encoding="utf-8")
    dpy = x11.XOpenDisplay(None)
    if not dpy:
        raise SystemExit("ui-type.py: cannot open the display")
    kb = Keyboard(dpy)
    kb.bind("".join(s["type"] for s in steps if "type" in s))

    for step in steps:
        if "mark" in step:
            log.write("mark %s %d\n" % (step["mark"], now_us()))
            log.flush()
        elif "wait_probe_line" in step:
            wait_probe_line(step["wait_probe_line"], step.get("timeout_ms", 60000), log)
        elif "sleep_ms" in step:
            time.sleep(step["sleep_ms"] / 1000)
        elif "key" in step:
            kb.combo(step["key"], log)
        elif "type" in step:
            interval = step.get("interval_ms", 180) / 1000
            next_t = time.monotonic()
            for ch in step["type"]:
                ks = keysym_of_char(ch)
                code, shifted = kb.keycode(ks)
                kb.tap(code, shifted, log, "0x%x %s" % (ks, "space" if ch == " " else ch))
                next_t += interval
                delay = next_t - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
    x11.XCloseDisplay(dpy)


if __name__ == "__main__":
    main()
