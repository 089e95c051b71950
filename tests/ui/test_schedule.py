#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The workflow and the schedule through AT-SPI, on the real app under Xvfb:

- a story with three editions (headline, body, section) is moved to review
  and to ready from each edition's status control;
- "Schedule All…" schedules the three languages together, Russian at T,
  English at T+1 h, Arabic at T+2 h; a time in the past is refused with the
  message on screen and nothing scheduled;
- the times shown in the editor are the ones chosen;
- in the calendar (Ctrl+L, a page of the main window) a click on the
  English edition opens its story on the desk; Ctrl+L goes back to the
  calendar with the keyboard on that edition, which Alt+Right moves a day
  later, and the story shows its new time.

Set NEWSDESK_UI_SHOTS=DIR to keep screenshots of the steps.
"""

import datetime
import os
import subprocess
import sys
import time
import zoneinfo

sys.path.insert(0, os.path.dirname(__file__))
import nd_ui  # noqa: E402

PAGES = ["Русский", "English", "العربية"]
HEADLINES = {"Русский": "Выборы в Грузии", "English": "Elections in Georgia", "العربية": "الانتخابات في جورجيا"}
MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
SHOTS = os.environ.get("NEWSDESK_UI_SHOTS")


def shot(name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        subprocess.run(["import", "-window", "root", os.path.join(SHOTS, name + ".png")], timeout=30)


def xdo(*args):
    subprocess.run(["xdotool"] + list(args), check=True, timeout=10)


def click_at(node):
    """A real pointer click: GTK 4.8 takes no focus requests over AT-SPI.
    It reports no screen coordinates either; without a window manager every
    window sits at the top left corner, so window coordinates do."""
    extents = nd_ui.Atspi.Component.get_extents(node, nd_ui.Atspi.CoordType.WINDOW)
    x, y = extents.x + extents.width // 2, extents.y + extents.height // 2
    xdo("mousemove", str(x), str(y), "click", "1")


def open_language(root, language):
    nd_ui.click(nd_ui.wait_for(lambda: nd_ui.find(root, "push button", language), "the %s page" % language))
    nd_ui.wait_for(lambda: nd_ui.find(root, "text", "Headline (%s)" % language), "the %s page" % language)


def named(root, prefix):
    """Buttons whose name starts with prefix, in the tree's order: one per
    language page, as GTK 4.8 tells AT-SPI no "showing" state. A GtkMenuButton
    shows as two nodes of that name; only its inner button has an action."""
    def actionable(node):
        action = node.get_action_iface()
        return action is not None and action.get_n_actions() > 0
    return [n for n in nd_ui.walk(root) if (n.get_name() or "").startswith(prefix) and actionable(n)]


def status_button(root, language):
    def found():
        buttons = named(root, "Status: ")
        return buttons[PAGES.index(language)] if len(buttons) == len(PAGES) else None
    return nd_ui.wait_for(found, "the status buttons of the three pages")


def move(root, language, command, expected):
    open_language(root, language)
    nd_ui.click(status_button(root, language))
    button = nd_ui.wait_for(lambda: nd_ui.find(root, "push button", command), "the %r move" % command)
    nd_ui.click(button)
    nd_ui.wait_for(lambda: status_button(root, language).get_name() == "Status: " + expected,
                   "%s to be %s (is %r)" % (language, expected, status_button(root, language).get_name()))


def set_spin(root, name, value):
    spin = nd_ui.wait_for(lambda: nd_ui.find(root, None, name), "the %r field" % name)
    nd_ui.Atspi.Value.set_current_value(spin, value)


def preview(dialog, language):
    """The time a language's row shows, in the publication's zone."""
    labels = [n.get_name() for n in nd_ui.find_all(dialog, "label") if "your time" in (n.get_name() or "")]
    nd_ui.check(len(labels) == len(PAGES), "one preview per edition, got %r" % labels)
    return labels[PAGES.index(language)].split(" · ")[0]


def parse(shown):
    # "Sat 28 Nov 2026, 16:00 MSK", as the app formats it in English.
    return datetime.datetime.strptime(shown.rsplit(" ", 1)[0], "%a %d %b %Y, %H:%M").replace(tzinfo=MOSCOW)


def fmt(when):
    when = when.astimezone(MOSCOW)
    return "%s %d %s, %s MSK" % (when.strftime("%a"), when.day, when.strftime("%b %Y"), when.strftime("%H:%M"))


def window_title(root):
    """The main window's title: the page on show, the desk or the calendar."""
    return nd_ui.find(root, "frame").get_name()


def scheduled_for(root, language):
    def found():
        buttons = named(root, "Scheduled for ")
        return buttons[PAGES.index(language)].get_name() if len(buttons) == len(PAGES) else None
    return nd_ui.wait_for(found, "the three scheduled times")[len("Scheduled for "):]


def test_schedule(newsdesk, schema_dir):
    home = nd_ui.App(newsdesk, schema_dir).home
    fixture = os.path.join(os.path.dirname(__file__), "data", "schedule-story.json")
    result = nd_ui.run_cli(newsdesk, home, "--import", fixture)
    nd_ui.check(result.returncode == 0, "the fixture imports: " + result.stderr)

    app = nd_ui.App(newsdesk, schema_dir, home=home).start()
    try:
        root = app.root
        nd_ui.select_list_row(root, 0)

        # The workflow: draft → in review → ready, each edition on its page.
        for language in PAGES:
            move(root, language, "Send to Review", "In review")
            move(root, language, "Mark Ready", "Ready")
        shot("1-ready")

        # The history says who moved it.
        nd_ui.click(status_button(root, "English"))
        nd_ui.wait_for(lambda: nd_ui.find(root, "label", contains="In review → Ready, by "),
                       "the move in the status history")
        nd_ui.click(status_button(root, "English"))

        # Schedule the three together: ru at T, en at T+1 h, ar at T+2 h.
        nd_ui.click(nd_ui.wait_for(lambda: nd_ui.find(root, "push button", contains="Schedule All…"), "Schedule All…"))
        dialog = nd_ui.wait_for(lambda: nd_ui.find(root, "frame", "Schedule All Editions")
                                or nd_ui.find(root, "dialog", "Schedule All Editions"), "the dialog")
        set_spin(dialog, "Hours after (English)", 1)
        set_spin(dialog, "Hours after (العربية)", 2)
        base = parse(preview(dialog, "Русский"))
        nd_ui.wait_for(lambda: preview(dialog, "English") == fmt(base + datetime.timedelta(hours=1)),
                       "English at T+1 h (shows %r)" % preview(dialog, "English"))
        nd_ui.wait_for(lambda: preview(dialog, "العربية") == fmt(base + datetime.timedelta(hours=2)),
                       "Arabic at T+2 h (shows %r)" % preview(dialog, "العربية"))

        # A time in the past is refused, with the reason on screen.
        set_spin(dialog, "Hours after (Русский)", -48)
        nd_ui.click(nd_ui.find(dialog, "push button", contains="Schedule"))
        alert = nd_ui.wait_for(lambda: nd_ui.find(dialog, None, contains="is in the past"),
                               "the refusal of a past time")
        shot("2-past-refused")
        nd_ui.check(alert.get_name().startswith("Русский: "), "the refusal names the language: %r" % alert.get_name())
        nd_ui.check(not named(root, "Scheduled for "), "nothing was scheduled")

        set_spin(dialog, "Hours after (Русский)", 0)
        shot("3-schedule-all")
        nd_ui.click(nd_ui.find(dialog, "push button", contains="Schedule"))
        # Only the main window is left; walking a closing window's nodes can
        # stall AT-SPI calls.
        nd_ui.wait_for(lambda: root.get_child_count() == 1, "the dialog to close")
        time.sleep(0.5)

        # The editor shows the times chosen.
        for hours, language in enumerate(PAGES):
            open_language(root, language)
            expected = fmt(base + datetime.timedelta(hours=hours))
            nd_ui.wait_for(lambda: scheduled_for(root, language) == expected,
                           "%s scheduled for %s (shows %r)" % (language, expected, scheduled_for(root, language)))
        shot("4-scheduled")

        # The calendar, a page of the main window: Ctrl+L, then the English
        # edition a day later with Alt+Right. Without a window manager the
        # keyboard goes to the window under the pointer.
        click_at(nd_ui.find(root, "text", "Headline (العربية)"))
        xdo("key", "--clearmodifiers", "ctrl+l")
        nd_ui.wait_for(lambda: window_title(root) == "Editorial Calendar", "the calendar")
        calendar = nd_ui.find(root, name="Editorial calendar")
        en_time = base + datetime.timedelta(hours=1)
        item_name = "%s, English, %s" % (HEADLINES["English"], en_time.astimezone(MOSCOW).strftime("%H:%M"))
        # The calendar opens on today's month; near a month's end the
        # English edition may be in the next one.
        if en_time.astimezone(MOSCOW).month != datetime.datetime.now(MOSCOW).month:
            nd_ui.click(nd_ui.wait_for(lambda: nd_ui.find(calendar, "push button", "Next"), "Next"))
        item = nd_ui.wait_for(lambda: nd_ui.find(calendar, "push button", item_name), "the English item %r" % item_name)
        shot("5-calendar")
        # A click opens the edition's story on the desk, in place of the
        # calendar; Ctrl+L brings the calendar back with the keyboard on the
        # edition clicked.
        click_at(item)
        nd_ui.wait_for(lambda: window_title(root) == "Newsdesk", "the desk in place of the calendar")
        nd_ui.wait_for(lambda: nd_ui.find(root, "text", "Headline (English)"), "the English edition opened")
        xdo("key", "--clearmodifiers", "ctrl+l")
        nd_ui.wait_for(lambda: window_title(root) == "Editorial Calendar", "the calendar again")
        time.sleep(0.5)
        xdo("key", "--clearmodifiers", "alt+Right")
        time.sleep(1)
        shot("5b-after-key")
        moved = fmt(en_time + datetime.timedelta(days=1))
        nd_ui.wait_for(lambda: scheduled_for(root, "English") == moved,
                       "English moved a day later to %s (shows %r)" % (moved, scheduled_for(root, "English")))
        nd_ui.check(scheduled_for(root, "Русский") == fmt(base), "Russian did not move")
        shot("6-moved")
    finally:
        app.stop()


def main():
    newsdesk, schema_dir = sys.argv[1], sys.argv[2]
    test_schedule(newsdesk, schema_dir)
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
