#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Regenerates the screenshots in data/screenshots/ from the real app.

Run it on a built tree, under its own X server and session bus, from the
source root. The screen must hold the 1280×800 window (with the 5-pixel frame
GTK draws around it) and a dialog beside it:

    ninja -C _build
    xvfb-run -n 417 -s '-screen 0 2000x900x24' dbus-run-session -- \\
        /usr/bin/python3 tests/ui/make-screenshots.py \\
        _build/src/newsdesk _build/data _build/po data/screenshots [NAME.png…]

Pick your own display number. With names after the output directory, only
those screenshots are taken. Needs ImageMagick (`import`, `convert`), xdotool,
xdpyinfo and libfaketime (Debian: faketime); optipng, when installed, makes
the files smaller. localedef builds the en_GB, ru_RU and ar_EG locales into a
temporary LOCPATH if the system lacks them, so dates read as they would for
an editor.

Each screenshot starts the app with its own HOME, into which
tests/ui/data/screenshot-stories.json (a backup, see docs/backup-format.md)
is imported, with a 1280×800 window, and selects a story. The app runs
under libfaketime with its clock set to NOW, the morning the stories were
written for, so the calendar, "today" and the schedules look the same
whenever the screenshots are taken. The window is captured with `import` and
cut to the window's content, without the frame. A dialog (Schedule All,
Preferences) is taken beside the window and put in its middle with rounded
corners and a shadow, as a compositing desktop shows it; the calendar is
a page of the main window. For Preferences, SITES are written
into the database and the app runs without a network (unshare -n, as root),
so that sync reads "Offline" rather than failing to reach them. Look at
every PNG before committing it, and keep the list in
data/io.github.newsdesk.Newsdesk.metainfo.xml.in in step (tests/check-metainfo.sh
fails on a screenshot the metainfo does not show).
"""

import calendar
import gettext
import os
import sqlite3
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
# The time zone each editor works in. The publication's is Europe/Moscow;
# an editor elsewhere sees schedules in both zones.
ZONES = {"en": "Europe/London", "ru": "Europe/Moscow", "ar": "Asia/Dubai"}
# The app's clock: Saturday morning, half an hour after the last story in
# the fixture was saved (UTC).
NOW = calendar.timegm((2026, 11, 28, 10, 0, 0))
FAKETIME_LIBS = ["/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
                 "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
                 "/usr/lib/faketime/libfaketime.so.1",
                 "/usr/local/lib/faketime/libfaketime.so.1"]
# The publication's WordPress sites, for the preferences: name, address,
# user and the language it publishes. No password is stored anywhere.
SITES = [
    ("Реалист", "https://realist.online", "i.sokolova", "ru"),
    ("Realist", "https://en.realist.online", "j.ohara", "en"),
    ("ريالست", "https://ar.realist.online", "l.haddad", "ar"),
]
# Which views to capture in which interface language, and the file name.
SHOTS = [
    ("en", "write", "desk-en.png"),
    ("ru", "write", "desk-ru.png"),
    ("ar", "write", "desk-ar.png"),
    ("en", "translate", "translate-en.png"),
    ("ar", "preview", "preview-ar.png"),
    ("en", "calendar", "calendar-en.png"),
    ("ar", "schedule-all", "schedule-ar.png"),
    ("ru", "sites", "sites-ru.png"),
]


def xdotool(*args):
    return subprocess.run(["xdotool"] + list(args), capture_output=True, text=True, timeout=10).stdout


def geometry(wid):
    """(id, x, y, width, height) of an X window, frame included."""
    values = dict(line.split("=", 1) for line in xdotool("getwindowgeometry", "--shell", wid).split()
                  if "=" in line)
    return (wid, int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"]))


def window_geometry(pid, title=None, size=(WIDTH + 2 * FRAME, HEIGHT + 2 * FRAME)):
    """The app's X window titled title, or else of the given size:
    (id, x, y, width, height)."""
    out = xdotool("search", "--pid", str(pid), "--onlyvisible", "--name", "").split()
    for wid in out:
        geo = geometry(wid)
        if title is not None:
            if xdotool("getwindowname", wid).strip() == title and geo[3] > 1:
                return geo
        # The search also lists the root window and GTK's 1×1 helper
        # windows: keep the toplevel, framed 1280×800.
        elif geo[3:] == size:
            return geo
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


def faketime_lib():
    for path in FAKETIME_LIBS:
        if os.path.exists(path):
            return path
    raise SystemExit("libfaketime is not installed (Debian: apt-get install faketime)")


def fake_clock():
    """The environment that starts the app's clock at NOW.

    An offset from the real clock rather than an absolute "@date", which
    libfaketime would read in the app's local time zone. The monotonic clock
    stays real: GTK's frame clock and GLib's timeouts run on it."""
    return {"LD_PRELOAD": faketime_lib(),
            "FAKETIME": "%+ds" % (NOW - int(time.time())),
            "FAKETIME_DONT_FAKE_MONOTONIC": "1",
            "FAKETIME_NO_CACHE": "1"}


def add_sites(home):
    """Adds SITES to the database as the preferences would, minus the
    password; the app is not running."""
    db = sqlite3.connect(os.path.join(home, "data", "newsdesk", "newsdesk.db"))
    with db:
        for name, url, user, lang in SITES:
            site = db.execute("INSERT INTO sites (name, url, username, timezone, has_batch, has_polylang,"
                              " has_plugin, created_at) VALUES (?, ?, ?, 'Europe/Moscow', 1, 0, 0, ?)",
                              (name, url, user, NOW * 1000000)).lastrowid
            db.execute("INSERT OR REPLACE INTO site_languages (lang, site_id) VALUES (?, ?)", (lang, site))
    db.close()


def without_network(newsdesk):
    """A launcher that runs newsdesk in a network namespace of its own, or
    newsdesk itself when the system does not allow one (it needs root).

    The sites in SITES are made up: the app offline says "Offline" and
    keeps changes for later, where with a network it would fail to reach
    them and show an error."""
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        print("unshare -n is not allowed: sync will show an error")
        return newsdesk
    fd, launcher = tempfile.mkstemp(prefix="newsdesk-offline-")
    with os.fdopen(fd, "w") as f:
        f.write('#!/bin/sh\nexec unshare -n "%s"\n' % os.path.abspath(newsdesk))
    os.chmod(launcher, 0o755)
    return launcher


def start(newsdesk, schema_dir, lang, sites=False):
    home = tempfile.mkdtemp(prefix="newsdesk-shot-")
    result = nd_ui.run_cli(newsdesk, home, "--import", FIXTURE,
                           env={"GSETTINGS_BACKEND": "memory", "GSETTINGS_SCHEMA_DIR": schema_dir})
    nd_ui.check(result.returncode == 0, "the screenshot stories import: " + result.stderr)
    if sites:
        add_sites(home)
        newsdesk = without_network(newsdesk)
    # The window's size comes from GSettings; a keyfile backend gives it
    # 1280×800 plus the frame GTK draws around it (cut off later).
    keyfile_dir = os.path.join(home, "config", "glib-2.0", "settings")
    os.makedirs(keyfile_dir, exist_ok=True)
    with open(os.path.join(keyfile_dir, "keyfile"), "w") as f:
        f.write("[io/github/newsdesk/Newsdesk]\nwindow-width=%d\nwindow-height=%d\n"
                % (WIDTH + 2 * FRAME, HEIGHT + 2 * FRAME))
    env = {"GSETTINGS_BACKEND": "keyfile", "LANG": locale_for(lang), "LANGUAGE": lang, "TZ": ZONES[lang]}
    env.update(fake_clock())
    return nd_ui.App(newsdesk, schema_dir, home=home, env=env).start()


def main_window(app):
    frame = nd_ui.wait_for(lambda: nd_ui.find(app.root, "frame"), "the window")
    geo = nd_ui.wait_for(lambda: window_geometry(app.process.pid),
                         "an X window of %d×%d" % (WIDTH + 2 * FRAME, HEIGHT + 2 * FRAME))
    ext = frame.get_extents(Atspi.CoordType.WINDOW)
    nd_ui.check((ext.width, ext.height) == (WIDTH, HEIGHT),
                "the window content is %d×%d, not %d×%d" % (ext.width, ext.height, WIDTH, HEIGHT))
    return geo


def shrink(path):
    """Makes the PNG smaller without changing a pixel, when optipng is there."""
    try:
        subprocess.run(["optipng", "-quiet", "-o5", "-strip", "all", path], check=True, timeout=600)
    except FileNotFoundError:
        pass


def capture(app, path):
    wid = main_window(app)[0]
    subprocess.run(["import", "-window", wid, "-crop", "%dx%d+%d+%d" % (WIDTH, HEIGHT, FRAME, FRAME),
                    "+repage", "-strip", path], check=True, timeout=30)


def screen_width():
    out = subprocess.run(["xdpyinfo"], capture_output=True, text=True, timeout=10).stdout
    return int(out.split("dimensions:", 1)[1].split("x", 1)[0])


def capture_with_dialog(app, title, path):
    """The main window with the dialog titled title in its middle, as a
    compositing desktop shows it: rounded corners and a shadow.

    Without a compositor or a window manager the dialog opens in the top
    left corner of the screen, over the main window, and is drawn without
    them. It is moved beside the main window, each is taken alone, and the
    two are put together."""
    _, x, y, main_w, _ = main_window(app)
    wid, _, _, w, h = nd_ui.wait_for(lambda: window_geometry(app.process.pid, title), "the window " + title)
    left = x + main_w + 10
    nd_ui.check(left + w <= screen_width(),
                "the screen is too narrow for the window and the dialog side by side: start Xvfb wider")
    xdotool("windowmove", wid, str(left), "0")
    nd_ui.wait_for(lambda: geometry(wid)[1:3] == (left, 0), "the dialog to move")
    # Both redraw what the other covered.
    time.sleep(1.5)
    content_w, content_h = w - 2 * FRAME, h - 2 * FRAME
    with tempfile.TemporaryDirectory(prefix="newsdesk-shot-") as tmp:
        base = os.path.join(tmp, "window.png")
        dialog = os.path.join(tmp, "dialog.png")
        capture(app, base)
        subprocess.run(["import", "-window", wid, "-crop", "%dx%d+%d+%d" % (content_w, content_h, FRAME, FRAME),
                        "+repage", "-strip", dialog], check=True, timeout=30)
        # libadwaita's window: 12-pixel corners, and a soft shadow a little
        # below it.
        subprocess.run(["convert", base,
                        "(", dialog,
                        "(", "-size", "%dx%d" % (content_w, content_h), "xc:black", "-fill", "white",
                        "-draw", "roundrectangle 0,0,%d,%d,12,12" % (content_w - 1, content_h - 1), ")",
                        "-alpha", "off", "-compose", "CopyOpacity", "-composite", "-compose", "Over",
                        "-repage", "+%d+%d" % ((WIDTH - content_w) // 2, (HEIGHT - content_h) // 2), ")",
                        "(", "+clone", "-background", "black", "-shadow", "30x10+0+4", ")",
                        "(", "-clone", "1", "-background", "black", "-shadow", "25x1+0+0", ")",
                        "-swap", "1,2", "-swap", "2,3",
                        "-background", "none", "-layers", "flatten", "-alpha", "off", "-strip", path],
                       check=True, timeout=60)


def activate(root, role, name):
    """Does the action of the node labelled name (with its mnemonic mark if
    it has one). GTK lists a menu button twice, once without an action, and
    names a button with a mnemonic "_Label Label"."""
    names = {name, label(name), "%s %s" % (name, label(name))}

    def found():
        for node in nd_ui.find_all(root, role):
            if node.get_name() in names:
                action = node.get_action_iface()
                if action is not None and action.get_n_actions() > 0:
                    return action
        return None
    nd_ui.wait_for(found, "%s %r" % (role, name)).do_action(0)


def label(text):
    """A label as its accessible name reads: without the mnemonic mark."""
    return text.replace("_", "")


def select_story(root, list_name, row):
    stories = nd_ui.wait_for(lambda: nd_ui.find(root, "list", list_name), "the story list")
    nd_ui.wait_for(lambda: nd_ui.find_all(stories, "list item"), "the stories")
    selection = stories.get_selection_iface()
    nd_ui.check(selection is not None and selection.select_child(row), "story %d is selected" % row)


def set_offsets(app, _):
    """Schedule All: English two hours after Russian, Arabic three."""
    for language, hours in (("English", 2), ("العربية", 3)):
        spin = nd_ui.wait_for(lambda: nd_ui.find(app.root, "spin button", _("Hours after (%s)") % language),
                              "the hours of " + language)
        nd_ui.check(spin.get_value_iface().set_current_value(hours), "the offset of %s is set" % language)


def capture_view(app, _, view, path):
    """The main window with the write, translate or preview tab."""
    if view != "write":
        title = {"translate": "Translate", "preview": "Preview"}[view]
        tab = nd_ui.wait_for(lambda: [n for n in nd_ui.find_all(app.root, "page tab")
                                      if n.get_name() == _(title)
                                      and n.get_extents(Atspi.CoordType.WINDOW).width > 0],
                             "the %s tab" % title)[0]
        nd_ui.click(tab)
    # Let the view settle: list rows, the editor, the preview's rendering
    # and any focus ring animation.
    time.sleep(2.0)
    capture(app, path)


def main():
    newsdesk, schema_dir, localedir, outdir = sys.argv[1:5]
    nd_display.ensure_display()
    os.environ["NEWSDESK_LOCALEDIR"] = localedir
    only = set(sys.argv[5:])
    for lang, view, name in SHOTS:
        if only and name not in only:
            continue
        _ = gettext.translation("newsdesk", localedir, [lang], fallback=True).gettext
        app = start(newsdesk, schema_dir, lang, sites=(view == "sites"))
        path = os.path.join(outdir, name)
        try:
            # The story whose editions are all ready to go, for Schedule
            # All (the second on the desk); the first one otherwise.
            select_story(app.root, _("Stories"), 1 if view == "schedule-all" else 0)
            nd_ui.click(nd_ui.wait_for(lambda: nd_ui.find(app.root, "push button", NATIVE[lang]),
                                       "the %s edition page" % NATIVE[lang]))
            if view == "calendar":
                activate(app.root, "push button", _("Main Menu"))
                activate(app.root, "menu item", _("Editorial _Calendar"))
                # A page of the main window.
                calendar = nd_ui.wait_for(lambda: nd_ui.find(app.root, name=_("Editorial calendar")),
                                          "the calendar")
                activate(calendar, "page tab", _("Month"))
                time.sleep(2.0)
                capture(app, path)
            elif view == "schedule-all":
                activate(app.root, "push button", _("Schedule _All…"))
                set_offsets(app, _)
                capture_with_dialog(app, _("Schedule All Editions"), path)
            elif view == "sites":
                activate(app.root, "push button", _("Main Menu"))
                activate(app.root, "menu item", _("_Preferences"))
                capture_with_dialog(app, _("Preferences"), path)
            else:
                capture_view(app, _, view, path)
            shrink(path)
            print("wrote", path)
        finally:
            app.stop()


if __name__ == "__main__":
    main()
