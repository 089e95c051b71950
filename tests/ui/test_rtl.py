#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The interface languages through AT-SPI, on the real app under Xvfb:

- under LANGUAGE=ar and LANGUAGE=ru the chrome shows the translations the
  build made (looked up in the built catalogues, not written here);
- under ar the window mirrors: the story list lies to the right of the
  content; under ru and en it lies to the left;
- content direction follows the edition's language, not the interface: in
  an English and in an Arabic interface, Arabic text typed into the Arabic
  headline sits at the field's right edge and English text at its left.

GTK 4.8 tells AT-SPI neither a widget's direction nor character extents, so
direction is checked by geometry: widget extents in window coordinates, and
for typed text the ink of the field, cut out of a capture of the window.
"""

import gettext
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
import nd_display  # noqa: E402
import nd_ui  # noqa: E402
from gi.repository import Atspi  # noqa: E402

# Strings of the chrome that every start shows.
CHROME = ["Stories", "New Story", "Search stories", "Write", "Translate", "Preview"]

TYPED = {
    "العربية": ("الفشل الأفغاني لروسيا", True),
    "English": ("Russia's Afghan failure", False),
}


def catalogue(lang):
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation("newsdesk", os.environ["NEWSDESK_LOCALEDIR"], [lang])


def extents(node):
    return node.get_extents(Atspi.CoordType.WINDOW)


def visible(node):
    """Laid out with a size: GTK 4.8 reports no "showing" state."""
    try:
        ext = extents(node)
    except Exception:  # noqa: BLE001 - a node that went away
        return False
    return ext.width > 0 and ext.height > 0


def find_visible(root, role=None, name=None, contains=None):
    for node in nd_ui.walk(root):
        try:
            if role is not None and node.get_role_name() != role:
                continue
            node_name = node.get_name() or ""
            if name is not None and node_name != name:
                continue
            if contains is not None and contains not in node_name:
                continue
        except Exception:  # noqa: BLE001
            continue
        if visible(node):
            return node
    return None


def center_x(node):
    ext = extents(node)
    return ext.x + ext.width / 2


def check_chrome(root, lang, _):
    for msgid in CHROME:
        if lang != "en":
            nd_ui.check(_(msgid) != msgid, "%s translates “%s”" % (lang, msgid))
    nd_ui.wait_for(lambda: find_visible(root, "push button", _("New Story")),
                   "the %s “New Story” button (%s)" % (lang, _("New Story")))
    nd_ui.wait_for(lambda: find_visible(root, "label", _("Stories")),
                   "the %s “Stories” title (%s)" % (lang, _("Stories")))
    # An empty desk hides the list behind its empty state: it is there,
    # not laid out.
    nd_ui.wait_for(lambda: nd_ui.find(root, "list", _("Stories")),
                   "the %s story list named “%s”" % (lang, _("Stories")))
    search = nd_ui.wait_for(lambda: find_visible(root, None, _("Search stories")),
                            "the %s search entry (%s)" % (lang, _("Search stories")))
    tabs = {}
    for msgid in ("Write", "Translate", "Preview"):
        tabs[msgid] = nd_ui.wait_for(lambda: find_visible(root, "page tab", _(msgid)),
                                     "the %s “%s” tab (%s)" % (lang, msgid, _(msgid)))
    return search, tabs


def check_mirroring(lang, search, tabs):
    rtl = lang == "ar"
    sidebar, content = center_x(search), center_x(tabs["Write"])
    if rtl:
        nd_ui.check(sidebar > content,
                    "under %s the story list (x=%d) is right of the content (x=%d)" % (lang, sidebar, content))
    else:
        nd_ui.check(sidebar < content,
                    "under %s the story list (x=%d) is left of the content (x=%d)" % (lang, sidebar, content))
    # The view switcher reads in the interface's direction too.
    order = [center_x(tabs[m]) for m in ("Write", "Translate", "Preview")]
    expected = sorted(order, reverse=rtl)
    nd_ui.check(order == expected, "under %s the tabs Write, Translate, Preview run %s: %s"
                % (lang, "right to left" if rtl else "left to right", order))


def x_window(pid, width, height):
    """The app's toplevel X window, whose content is width×height plus the
    frame GTK draws: (id, width, height), or None."""
    ids = subprocess.run(["xdotool", "search", "--pid", str(pid), "--onlyvisible", "--name", ""],
                         capture_output=True, text=True, timeout=10).stdout.split()
    for wid in ids:
        geo = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid],
                             capture_output=True, text=True, timeout=10).stdout
        values = dict(line.split("=", 1) for line in geo.split() if "=" in line)
        w, h = int(values.get("WIDTH", 0)), int(values.get("HEIGHT", 0))
        # Skips the root window and GTK's 1×1 helper windows.
        if 0 <= w - width <= 40 and 0 <= h - height <= 40:
            return (wid, w, h)
    return None


def ink_gaps(app, field):
    """Captures the window and returns (gap left, gap right, ink width) in
    pixels: the gaps between the field's edges and the text drawn in it."""
    frame = nd_ui.find(app.root, "frame")
    frame_ext = extents(frame)
    wid, w, h = nd_ui.wait_for(lambda: x_window(app.process.pid, frame_ext.width, frame_ext.height),
                               "the app's X window")
    # GTK draws its frame evenly around the content when nothing composites.
    off_x, off_y = (w - frame_ext.width) // 2, (h - frame_ext.height) // 2
    ext = extents(field)
    # Clear of the focus ring and border above and below; the ring lies
    # just outside the extents left and right, where the text comes close.
    inset_x, inset_y = 1, 6
    with tempfile.TemporaryDirectory() as tmp:
        shot = os.path.join(tmp, "window.png")
        subprocess.run(["import", "-window", wid, shot], check=True, timeout=30)
        width = ext.width - 2 * inset_x
        geometry = "%dx%d+%d+%d" % (width, ext.height - 2 * inset_y,
                                    ext.x + off_x + inset_x, ext.y + off_y + inset_y)
        # The bounding box of what differs from the field's background (the
        # colour of the corners).
        out = subprocess.run(["convert", shot, "-crop", geometry, "+repage", "-fuzz", "20%",
                              "-format", "%@", "info:"],
                             capture_output=True, text=True, check=True, timeout=30).stdout.strip()
    size, x, _y = out.split("+")
    ink_w = int(size.split("x")[0])
    left = int(x)
    right = width - (left + ink_w)
    return left, right, ink_w


def open_edition(root, language, _):
    nd_ui.click(nd_ui.wait_for(lambda: find_visible(root, "push button", language),
                               "the %s page" % language))
    headline_name = _("Headline (%s)") % language

    def headline():
        return find_visible(root, "text", headline_name)

    try:
        return nd_ui.wait_for(headline, "the %s headline" % language, timeout=2.0)
    except AssertionError:
        pass
    # The page offers its edition: the visible "Add Translation" button.
    add = _("_Add Translation").replace("_", "")
    nd_ui.click(nd_ui.wait_for(lambda: find_visible(root, "push button", contains=add),
                               "the %s page's “%s” button" % (language, add)))
    return nd_ui.wait_for(headline, "the %s headline field (%s)" % (language, headline_name))


def check_content_direction(app, lang, _):
    nd_ui.click(nd_ui.wait_for(lambda: find_visible(app.root, "push button", _("New Story")),
                               "the New Story button"))
    for language, (text, rtl) in TYPED.items():
        field = open_edition(app.root, language, _)
        nd_ui.type_into(field, text)
        nd_ui.wait_for(lambda: nd_ui.text_of(field) == text, "the %s headline to take the text" % language)

        # The dateline box hugs the edition's start edge: right in Arabic.
        dateline = nd_ui.wait_for(
            lambda: find_visible(app.root, "text", _("Dateline city (%s)") % language),
            "the %s dateline field" % language)
        d, f = center_x(dateline), center_x(field)
        nd_ui.check(d > f if rtl else d < f,
                    "%s interface: the %s dateline box (x=%d) lies to the %s of the headline centre (x=%d)"
                    % (lang, language, d, "right" if rtl else "left", f))

        # The typed text itself: where its ink is in the headline field.
        time.sleep(0.6)  # the caret blinks; the text is drawn
        left, right, ink = ink_gaps(app, field)
        print("# %s interface, %s headline: ink %d px, %d px from the left edge, %d px from the right"
              % (lang, language, ink, left, right))
        nd_ui.check(ink > 40, "%s interface: the %s headline shows the typed text (ink %d px)"
                    % (lang, language, ink))
        if rtl:
            nd_ui.check(right < 20 and left > right + 100,
                        "%s interface: Arabic headline text is right-aligned (gaps left %d, right %d)"
                        % (lang, left, right))
        else:
            nd_ui.check(left < 20 and right > left + 100,
                        "%s interface: English headline text is left-aligned (gaps left %d, right %d)"
                        % (lang, left, right))


def run(newsdesk, schema_dir, lang):
    _ = catalogue(lang).gettext
    app = nd_ui.App(newsdesk, schema_dir, env={"LANGUAGE": lang, "LANG": "C.UTF-8"}).start()
    try:
        search, tabs = check_chrome(app.root, lang, _)
        check_mirroring(lang, search, tabs)
        if lang in ("ar", "en"):
            check_content_direction(app, lang, _)
    finally:
        app.stop()


def main():
    newsdesk, schema_dir = sys.argv[1], sys.argv[2]
    os.environ.setdefault("NEWSDESK_LOCALEDIR", os.path.join(os.path.dirname(os.path.dirname(newsdesk)), "po"))
    for tool in ("import", "convert", "xdotool", "xdpyinfo"):
        if subprocess.run(["sh", "-c", "command -v " + tool], capture_output=True).returncode != 0:
            print("%s is not installed" % tool)
            sys.exit(77)
    nd_display.ensure_display()
    passed = 0
    for lang in ("ar", "ru", "en"):
        run(newsdesk, schema_dir, lang)
        print("ok - %s" % lang)
        passed += 1
    print("%d passed, 0 failed" % passed)


if __name__ == "__main__":
    main()
