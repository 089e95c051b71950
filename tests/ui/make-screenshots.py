#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Regenerates the screenshots in data/screenshots/ from the real app.

Run it on a built tree, under its own X server (larger than the window: GTK
draws a 5-pixel frame around it) and session bus, from the source root:

    ninja -C _build
    xvfb-run -n 417 -s '-screen 0 1400x900x24' dbus-run-session -- \\
        /usr/bin/python3 tests/ui/make-screenshots.py \\
        _build/src/newsdesk _build/data _build/po data/screenshots [NAME.png…]

Pick your own display number. With names after the output directory, only
those screenshots are taken. Needs ImageMagick (`import`), xdotool and
xdpyinfo; localedef builds the en_GB, ru_RU and ar_EG locales into a
temporary LOCPATH if the system lacks them, so dates read as they would for
an editor.

Each screenshot starts the app with its own HOME, into which
tests/ui/data/screenshot-stories.json (a backup, see docs/backup-format.md)
is imported, with a 1280×800 window, and selects the first story. The
window is captured with `import` and cut to the window's content, without
the frame. Look at every PNG before committing it, and keep the list in
data/io.github.newsdesk.Newsdesk.metainfo.xml.in in step (tests/check-metainfo.sh
fails on a screenshot the metainfo does not show).
"""

import gettext
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nd_display  # noqa: E402
import nd_ui  # noqa: E402
from gi.repository import Atspi  # noqa: E402

WIDTH, HEIGHT = 1280, 800
# GTK 4 draws a solid frame of this many pixels around a window with
# client-side decorations when the screen is not composited.
FRAME = 5
FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "screenshot-stories.json")
# The edition page each interface language shows: its own language.
NATIVE = {"en": "English", "ru": "Русский", "ar": "العربية"}
# The locale each interface language runs in, so dates are written as its
# readers write them. Compiled into a private LOCPATH with localedef when the
# system lacks them; C.UTF-8 (English dates) otherwise.
LOCALES = {"en": "en_GB.UTF-8", "ru": "ru_RU.UTF-8", "ar": "ar_EG.UTF-8"}
# Which views to capture in which interface language, and the file name.
SHOTS = [
    ("en", "write", "desk-en.png"),
    ("ru", "write", "desk-ru.png"),
    ("ar", "write", "desk-ar.png"),
    ("en", "translate", "translate-en.png"),
    ("ar", "preview", "preview-ar.png"),
]


def window_geometry(pid):
    """The app's X window of the expected size: (id, x, y, width, height)."""
    out = subprocess.run(["xdotool", "search", "--pid", str(pid), "--onlyvisible", "--name", ""],
                         capture_output=True, text=True, timeout=10).stdout.split()
    for wid in out:
        geo = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid],
                             capture_output=True, text=True, timeout=10).stdout
        values = dict(line.split("=", 1) for line in geo.split() if "=" in line)
        w, h = int(values["WIDTH"]), int(values["HEIGHT"])
        # The search also lists the root window and GTK's 1×1 helper
        # windows: keep the toplevel, framed 1280×800.
        if (w, h) == (WIDTH + 2 * FRAME, HEIGHT + 2 * FRAME):
            return (wid, int(values["X"]), int(values["Y"]), w, h)
    return None


_locpath = None


def locale_for(lang):
    """A locale for lang that setlocale() accepts, building it if need be."""
    global _locpath
    name = LOCALES[lang]
    if subprocess.run(["sh", "-c", 'LC_ALL="$0" locale -k LC_TIME 2>&1 | grep -q "Cannot"', name]
                      ).returncode != 0:
        return name
    if _locpath is None:
        _locpath = tempfile.mkdtemp(prefix="newsdesk-locales-")
        os.environ["LOCPATH"] = _locpath
    target = os.path.join(_locpath, name)
    if not os.path.isdir(target):
        code, charset = name.split(".")
        result = subprocess.run(["localedef", "-i", code, "-f", charset, target],
                                capture_output=True, text=True, timeout=120)
        if not os.path.isdir(target):
            print("cannot build %s (%s); dates stay in English" % (name, result.stderr.strip()))
            return "C.UTF-8"
    return name


def start(newsdesk, schema_dir, lang):
    home = tempfile.mkdtemp(prefix="newsdesk-shot-")
    result = nd_ui.run_cli(newsdesk, home, "--import", FIXTURE,
                           env={"GSETTINGS_BACKEND": "memory", "GSETTINGS_SCHEMA_DIR": schema_dir})
    nd_ui.check(result.returncode == 0, "the screenshot stories import: " + result.stderr)
    # The window's size comes from GSettings; a keyfile backend gives it
    # 1280×800 plus the frame GTK draws around it (cut off later).
    keyfile_dir = os.path.join(home, "config", "glib-2.0", "settings")
    os.makedirs(keyfile_dir, exist_ok=True)
    with open(os.path.join(keyfile_dir, "keyfile"), "w") as f:
        f.write("[io/github/newsdesk/Newsdesk]\nwindow-width=%d\nwindow-height=%d\n"
                % (WIDTH + 2 * FRAME, HEIGHT + 2 * FRAME))
    env = {"GSETTINGS_BACKEND": "keyfile", "LANG": locale_for(lang), "LANGUAGE": lang}
    return nd_ui.App(newsdesk, schema_dir, home=home, env=env).start()


def capture(app, path):
    frame = nd_ui.wait_for(lambda: nd_ui.find(app.root, "frame"), "the window")
    wid, x, y, w, h = nd_ui.wait_for(lambda: window_geometry(app.process.pid),
                                     "an X window of %d×%d" % (WIDTH + 2 * FRAME, HEIGHT + 2 * FRAME))
    ext = frame.get_extents(Atspi.CoordType.WINDOW)
    nd_ui.check((ext.width, ext.height) == (WIDTH, HEIGHT),
                "the window content is %d×%d, not %d×%d" % (ext.width, ext.height, WIDTH, HEIGHT))
    subprocess.run(["import", "-window", wid, "-crop", "%dx%d+%d+%d" % (WIDTH, HEIGHT, FRAME, FRAME),
                    "+repage", "-strip", path], check=True, timeout=30)


def select_first_story(root, list_name):
    stories = nd_ui.wait_for(lambda: nd_ui.find(root, "list", list_name), "the story list")
    nd_ui.wait_for(lambda: nd_ui.find_all(stories, "list item"), "the stories")
    selection = stories.get_selection_iface()
    nd_ui.check(selection is not None and selection.select_child(0), "the first story is selected")


def main():
    newsdesk, schema_dir, localedir, outdir = sys.argv[1:5]
    nd_display.ensure_display()
    os.environ["NEWSDESK_LOCALEDIR"] = localedir
    only = set(sys.argv[5:])
    for lang, view, name in SHOTS:
        if only and name not in only:
            continue
        _ = gettext.translation("newsdesk", localedir, [lang], fallback=True).gettext
        app = start(newsdesk, schema_dir, lang)
        try:
            select_first_story(app.root, _("Stories"))
            nd_ui.click(nd_ui.wait_for(lambda: nd_ui.find(app.root, "push button", NATIVE[lang]),
                                       "the %s edition page" % NATIVE[lang]))
            if view != "write":
                title = {"translate": "Translate", "preview": "Preview"}[view]
                tab = nd_ui.wait_for(lambda: [n for n in nd_ui.find_all(app.root, "page tab")
                                              if n.get_name() == _(title)
                                              and n.get_extents(Atspi.CoordType.WINDOW).width > 0],
                                     "the %s tab" % title)[0]
                nd_ui.click(tab)
            # Let the view settle: list rows, the editor, the preview's
            # rendering and any focus ring animation.
            time.sleep(2.0)
            path = os.path.join(outdir, name)
            capture(app, path)
            print("wrote", path)
        finally:
            app.stop()


if __name__ == "__main__":
    main()
