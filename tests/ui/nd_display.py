# SPDX-License-Identifier: GPL-3.0-or-later
"""The X display a UI test or the screenshot script runs on."""

import ctypes
import ctypes.util
import os
import subprocess

import nd_ui

_connection = None


def ensure_display():
    """Waits until the X server takes clients, and stays connected to it.

    An X server started without -noreset (xvfb-run's default) resets when
    its last client leaves, and a client that connects during the reset
    fails with "cannot open display". Between two runs of the app, or after
    a short-lived xdotool or import, the server would have no client left:
    this process keeps one connection open until it exits.
    """
    global _connection
    nd_ui.wait_for(lambda: subprocess.run(["xdpyinfo"], capture_output=True).returncode == 0,
                   "the X server %s" % os.environ.get("DISPLAY"))
    if _connection:
        return
    library = ctypes.util.find_library("X11")
    if library is None:
        return
    xlib = ctypes.CDLL(library)
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    _connection = nd_ui.wait_for(lambda: xlib.XOpenDisplay(None), "a connection to the X server")
