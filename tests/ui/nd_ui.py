# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for driving the real Newsdesk window through AT-SPI.

Each test starts the app from the build tree with its own HOME and XDG
directories, finds its accessible tree, and stops it by PID. Every wait is
bounded.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

TIMEOUT = 20.0


class App:
    def __init__(self, newsdesk, schema_dir, home=None, env=None):
        self.newsdesk = newsdesk
        self.schema_dir = schema_dir
        self.home = home or tempfile.mkdtemp(prefix="newsdesk-ui-")
        self.extra_env = env or {}
        self.process = None
        self.root = None

    def start(self):
        env = dict(os.environ)
        env.update({
            "HOME": self.home,
            "XDG_DATA_HOME": os.path.join(self.home, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.home, "config"),
            "XDG_CACHE_HOME": os.path.join(self.home, "cache"),
            "GSETTINGS_BACKEND": "memory",
            "GSETTINGS_SCHEMA_DIR": self.schema_dir,
            "GTK_A11Y": "atspi",
            "LANG": "C.UTF-8",
        })
        env.pop("NO_AT_BRIDGE", None)
        env.update(self.extra_env)
        self.process = subprocess.Popen([self.newsdesk], env=env)

        def appeared():
            if self.process.poll() is not None:
                raise AssertionError("the app exited at start-up with status %d" % self.process.returncode)
            return find_app(self.process.pid)

        # The accessibility bus starts on demand; on a loaded machine the
        # first start takes a while.
        self.root = wait_for(appeared, "the application on the accessibility bus", timeout=2 * TIMEOUT)
        return self

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def wait_exit(self):
        try:
            return self.process.wait(timeout=TIMEOUT)
        finally:
            self.process = None


def wait_for(predicate, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except gi.repository.GLib.GError:
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def find_app(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_process_id() == pid:
            return app
    return None


def walk(node):
    if node is None:
        return
    yield node
    try:
        count = node.get_child_count()
    except gi.repository.GLib.GError:
        return
    for i in range(count):
        yield from walk(node.get_child_at_index(i))


def find(root, role=None, name=None, contains=None):
    for node in walk(root):
        try:
            if role is not None and node.get_role_name() != role:
                continue
            node_name = node.get_name() or ""
            if name is not None and node_name != name:
                continue
            if contains is not None and contains not in node_name:
                continue
            return node
        except gi.repository.GLib.GError:
            continue
    return None


def find_all(root, role=None):
    result = []
    for node in walk(root):
        try:
            if role is None or node.get_role_name() == role:
                result.append(node)
        except gi.repository.GLib.GError:
            continue
    return result


def click(node):
    action = node.get_action_iface()
    if action is None:
        raise AssertionError("%s %r has no action" % (node.get_role_name(), node.get_name()))
    action.do_action(0)


def label_texts(root):
    return [n.get_name() for n in find_all(root, "label")]


def check(condition, message):
    if not condition:
        print("FAIL:", message, file=sys.stderr)
        raise AssertionError(message)


def is_showing(node):
    try:
        return node.get_state_set().contains(Atspi.StateType.SHOWING)
    except gi.repository.GLib.GError:
        return False


def find_showing(root, role=None, name=None, contains=None):
    for node in walk(root):
        try:
            if role is not None and node.get_role_name() != role:
                continue
            node_name = node.get_name() or ""
            if name is not None and node_name != name:
                continue
            if contains is not None and contains not in node_name:
                continue
            if is_showing(node):
                return node
        except gi.repository.GLib.GError:
            continue
    return None


def text_of(node):
    text = node.get_text_iface()
    return text.get_text(0, text.get_character_count())


def type_into(node, text):
    """Inserts text at the end of an editable field, as typing would."""
    editable = node.get_editable_text_iface()
    end = node.get_text_iface().get_character_count()
    if not editable.insert_text(end, text, len(text.encode("utf-8"))):
        raise AssertionError("could not type into %r" % node.get_name())


def run_cli(newsdesk, home, *args, env=None):
    full_env = dict(os.environ)
    full_env.update({
        "HOME": home,
        "XDG_DATA_HOME": os.path.join(home, "data"),
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "LANG": "C.UTF-8",
    })
    full_env.update(env or {})
    return subprocess.run([newsdesk] + list(args), env=full_env, capture_output=True,
                          text=True, timeout=TIMEOUT)


def select_list_row(root, index):
    """Selects row `index` of the story list through AT-SPI Selection."""
    stories = wait_for(lambda: find(root, "list", "Stories"), "the story list")
    selection = stories.get_selection_iface()
    if selection is not None and selection.select_child(index):
        return
    rows = [n for n in find_all(stories, "list item")]
    if index < len(rows):
        click(rows[index])
        return
    raise AssertionError("could not select row %d" % index)
