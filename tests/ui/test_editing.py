#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The editing desk through AT-SPI, on the real app under Xvfb:

- a story typed in English, Russian and Arabic is intact after closing the
  window at once (save on close) and after kill -9 (autosave);
- search finds it, folding ё/е and Arabic marks;
- the translation view shows aligned paragraphs and marks the stale one.
"""

import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import nd_ui  # noqa: E402

TEXTS = {
    "English": ("Russia's Afghan failure", "Moscow's decision reflects confusion.\n\nA second paragraph."),
    "Русский": ("Афганский провал России", "Решение Москвы — ещё одна ошибка.\n\nВторой абзац."),
    "العربية": ("الفشل الأفغاني لروسيا", "قرار موسكو يَعكِسُ الارتباك.\n\nالفقرة الثانية."),
}


def field(root, kind, language):
    return nd_ui.wait_for(lambda: nd_ui.find(root, "text", "%s (%s)" % (kind, language)),
                          "the %s field in %s" % (kind, language))


# The publication's languages in the order of their pages.
PAGES = ["Русский", "English", "العربية"]


def open_language(root, language, add=False):
    nd_ui.click(nd_ui.wait_for(lambda: nd_ui.find(root, "push button", language),
                               "the %s page" % language))
    if add:
        # GTK 4.8 tells AT-SPI no "showing" state, so the page's own
        # "Add Translation" button is found by the page's position.
        buttons = [n for n in nd_ui.find_all(root, "push button")
                   if "Add Translation" in (n.get_name() or "")]
        nd_ui.check(len(buttons) == len(PAGES), "one Add Translation button per language page")
        nd_ui.click(buttons[PAGES.index(language)])
        # The click is done after the action call returns, and the fields
        # are in the tree (hidden) before it: the edition is there when its
        # headline takes the keyboard. Text typed before would be typed into
        # no edition, and cleared when the new one is shown.
        nd_ui.wait_for(lambda: is_focused(nd_ui.find(root, "text", "Headline (%s)" % language)),
                       "the new %s edition's headline to take the keyboard" % language)
    nd_ui.wait_for(lambda: nd_ui.find(root, "text", "Headline (%s)" % language),
                   "the %s headline field" % language)


def is_focused(node):
    return node is not None and node.get_state_set().contains(nd_ui.Atspi.StateType.FOCUSED)


def type_story(root):
    for language, (headline, body) in TEXTS.items():
        open_language(root, language, add=language != "English")
        nd_ui.type_into(field(root, "Headline", language), headline)
        nd_ui.type_into(field(root, "Body", language), body)


def list_rows(root):
    stories = nd_ui.find(root, "list", "Stories")
    return len(nd_ui.find_all(stories, "list item")) if stories is not None else -1


def check_story(root, extra=""):
    for language, (headline, body) in TEXTS.items():
        nd_ui.wait_for(lambda: nd_ui.text_of(field(root, "Headline", language)) == headline,
                       "the %s headline to come back" % language)
        expected = body + (extra if language == "English" else "")
        nd_ui.wait_for(lambda: nd_ui.text_of(field(root, "Body", language)) == expected,
                       "the %s body to come back" % language)


def test_type_close_relaunch_kill(newsdesk, schema_dir):
    app = nd_ui.App(newsdesk, schema_dir).start()
    try:
        nd_ui.click(nd_ui.wait_for(lambda: nd_ui.find(app.root, "push button", "New Story"), "New Story"))
        type_story(app.root)
        # Close at once: the window saves what was typed before it goes.
        nd_ui.click(nd_ui.find(app.root, "push button", "Close"))
        nd_ui.check(app.wait_exit() == 0, "the app exits cleanly when its window closes")
    finally:
        app.stop()

    again = nd_ui.App(newsdesk, schema_dir, home=app.home).start()
    try:
        nd_ui.select_list_row(again.root, 0)
        check_story(again.root)

        # Autosave: typed text reaches the database within a second of a
        # pause, so kill -9 after the pause loses nothing.
        open_language(again.root, "English")
        nd_ui.type_into(field(again.root, "Body", "English"), " Added later.")
        time.sleep(2.0)
        again.process.send_signal(signal.SIGKILL)
        again.wait_exit()
    finally:
        again.stop()

    third = nd_ui.App(newsdesk, schema_dir, home=app.home).start()
    try:
        nd_ui.select_list_row(third.root, 0)
        check_story(third.root, extra=" Added later.")

        # Search folds ё/е and Arabic marks: "еще" finds "ещё", "يعكس" finds
        # "يَعكِسُ".
        search = nd_ui.wait_for(lambda: nd_ui.find(third.root, None, "Search stories"), "the search entry")
        for query in ("еще одна", "يعكس", "afghan"):
            nd_ui.get_editable = search.get_editable_text_iface()
            nd_ui.get_editable.delete_text(0, search.get_text_iface().get_character_count())
            nd_ui.type_into(search, query)
            nd_ui.wait_for(lambda: list_rows(third.root) == 1,
                           "search for %r to show the story" % query)
        nd_ui.get_editable.delete_text(0, search.get_text_iface().get_character_count())
        nd_ui.type_into(search, "nonexistentword")
        nd_ui.wait_for(lambda: list_rows(third.root) == 0, "a search with no match to empty the list")
    finally:
        third.stop()
    return app.home


def test_translation_view(newsdesk, schema_dir):
    home = nd_ui.App(newsdesk, schema_dir).home
    fixture = os.path.join(os.path.dirname(__file__), "data", "stale-translation.json")
    result = nd_ui.run_cli(newsdesk, home, "--import", fixture)
    nd_ui.check(result.returncode == 0, "the fixture imports: " + result.stderr)

    app = nd_ui.App(newsdesk, schema_dir, home=home).start()
    try:
        nd_ui.select_list_row(app.root, 0)
        nd_ui.click(nd_ui.wait_for(lambda: nd_ui.find(app.root, "page tab", "Translate"), "the Translate tab"))
        for i in (1, 2, 3):
            nd_ui.wait_for(lambda: nd_ui.find(app.root, name="Source paragraph %d" % i)
                           and nd_ui.find(app.root, name="Translation paragraph %d" % i),
                           "aligned paragraph %d" % i)
        nd_ui.check(nd_ui.find(app.root, name="Source paragraph 4") is None, "no fourth row")
        marks = [n for n in nd_ui.walk(app.root) if (n.get_name() or "") == "Changed since translated"]
        nd_ui.check(len(marks) == 1, "exactly one paragraph is marked stale, found %d" % len(marks))
    finally:
        app.stop()


PASTED_HTML = ('<html><body><!--StartFragment--><p style="margin:0"><span class="x">Plain, '
               '<b>bold</b> and <i>italic</i> with a <a href="https://example.org/a_b">link</a>.'
               '</span></p><ul><li>one</li><li>two</li></ul><script>alert(1)</script>'
               '<!--EndFragment--></body></html>')
PASTED_MARKDOWN = "Plain, **bold** and *italic* with a [link](https://example.org/a_b).\n\n- one\n- two"


def test_paste_html(newsdesk, schema_dir):
    """Rich text from a browser arrives in the body as clean Markdown."""
    app = nd_ui.App(newsdesk, schema_dir).start()
    clipboard = None
    try:
        nd_ui.click(nd_ui.wait_for(lambda: nd_ui.find(app.root, "push button", "New Story"), "New Story"))
        body = field(app.root, "Body", "English")
        clipboard = subprocess.Popen(["xclip", "-quiet", "-selection", "clipboard", "-t", "text/html", "-i"],
                                     stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        clipboard.stdin.write(PASTED_HTML.encode("utf-8"))
        clipboard.stdin.close()
        time.sleep(0.5)
        # Without a window manager, X gives the keyboard to the window under
        # the pointer; the body has the focus inside the window.
        # GTK 4.8 does not take focus requests over AT-SPI: click the body.
        extents = nd_ui.Atspi.Component.get_extents(body, nd_ui.Atspi.CoordType.WINDOW)
        x, y = extents.x + min(40, extents.width // 2), extents.y + min(20, extents.height // 2)
        subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], check=True, timeout=10)
        time.sleep(0.3)
        subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+v"], check=True, timeout=10)
        nd_ui.wait_for(lambda: nd_ui.text_of(body).strip() == PASTED_MARKDOWN,
                       "the pasted HTML to arrive as Markdown (got %r)" % nd_ui.text_of(body))
    finally:
        if clipboard is not None and clipboard.poll() is None:
            clipboard.kill()
        app.stop()


def main():
    newsdesk, schema_dir = sys.argv[1], sys.argv[2]
    test_type_close_relaunch_kill(newsdesk, schema_dir)
    test_translation_view(newsdesk, schema_dir)
    test_paste_html(newsdesk, schema_dir)
    print("3 passed, 0 failed")


if __name__ == "__main__":
    main()
