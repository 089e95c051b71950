#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The desk through AT-SPI: a new story appears in the list, survives a
restart, and the interface is translated and mirrored under LANGUAGE=ar."""

import gettext
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import nd_ui  # noqa: E402


def main():
    newsdesk, schema_dir = sys.argv[1], sys.argv[2]

    app = nd_ui.App(newsdesk, schema_dir).start()
    try:
        empty = nd_ui.wait_for(lambda: nd_ui.find(app.root, "label", "No Stories Yet"),
                               "the empty state")
        nd_ui.check(empty is not None, "a new database shows the empty state")
        button = nd_ui.wait_for(lambda: nd_ui.find(app.root, "push button", "New Story"),
                                "the New Story button")
        nd_ui.click(button)
        nd_ui.wait_for(lambda: nd_ui.find(app.root, "label", "Untitled story"),
                       "the new story in the list")
        nd_ui.wait_for(lambda: nd_ui.find(app.root, "label", contains="EN edition: Draft")
                       or nd_ui.find(app.root, "label", contains="EN · Draft"),
                       "the status chip of the English edition")
    finally:
        app.stop()

    # The story is in the database: it is there after a restart.
    again = nd_ui.App(newsdesk, schema_dir, home=app.home).start()
    try:
        nd_ui.wait_for(lambda: nd_ui.find(again.root, "label", "Untitled story"),
                       "the story after a restart")
    finally:
        again.stop()

    # Under LANGUAGE=ar and ru the chrome is translated, from the catalogues
    # the build made.
    for lang in ("ar", "ru"):
        catalogue = gettext.translation("newsdesk", os.environ["NEWSDESK_LOCALEDIR"], [lang])
        new_story = catalogue.gettext("New Story")
        nd_ui.check(new_story != "New Story", "%s translates “New Story”" % lang)
        translated = nd_ui.App(newsdesk, schema_dir, home=app.home,
                               env={"LANGUAGE": lang, "LANG": "C.UTF-8"}).start()
        try:
            nd_ui.wait_for(lambda: nd_ui.find(translated.root, "push button", new_story),
                           "the %s New Story button" % lang)
        finally:
            translated.stop()

    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
