#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifests in flatpak/ without building them.

- each is valid JSON, and its app id is its file name;
- runtime, SDK and command are the ones the project uses;
- finish-args hold what the app needs and none of the permissions it must not
  have (any --filesystem, the Secret Service name, plain X11, all devices, a
  --share other than network and ipc, dconf);
- every dependency() in the meson.build files is in the GNOME runtime or built
  by a module of the manifest;
- the newsdesk module is built with meson and runs the tests, and the Devel
  manifest builds the development profile;
- flatpak-builder, when installed, reads the manifest without an unknown key.

Usage: check-flatpak-manifest.py SRCDIR
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BASE_ID = "io.github.newsdesk.Newsdesk"
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"

# pkg-config names that org.gnome.Platform/Sdk provide.
RUNTIME_PROVIDES = {
    "glib-2.0", "gio-2.0", "gio-unix-2.0", "gobject-2.0", "gmodule-2.0",
    "gtk4", "libadwaita-1", "libsoup-3.0", "sqlite3", "json-glib-1.0",
    "libxml-2.0", "libsecret-1", "gtksourceview-5", "enchant-2",
    "threads",
}

# A dependency whose module is not named after it: pkg-config name -> module.
MODULE_FOR = {
    "libcmark": "cmark",
}

REQUIRED_ARGS = {
    "--share=network", "--share=ipc", "--socket=fallback-x11",
    "--socket=wayland", "--device=dri",
}
ALLOWED_SHARES = {"--share=network", "--share=ipc"}
FORBIDDEN_EXACT = {
    "--socket=x11",
    "--device=all",
    "--talk-name=org.freedesktop.secrets",
    "--talk-name=ca.desrt.dconf",
    "--filesystem=xdg-run/dconf",
    "--env=DCONF_USER_CONFIG_DIR=.config/dconf",
}

failures = []


def fail(manifest, message):
    failures.append(f"{manifest}: {message}")


def normalise(name):
    """libcmark, cmark-0.31 and cmark name the same thing."""
    name = name.lower()
    name = re.sub(r"[-_.]?\d+(\.\d+)*$", "", name)
    if name.startswith("lib"):
        name = name[3:]
    return name


def meson_dependencies(srcdir):
    deps = set()
    pattern = re.compile(r"""\bdependency\s*\(\s*['"]([^'"]+)['"]""")
    for root, dirs, files in os.walk(srcdir):
        dirs[:] = [d for d in dirs
                   if not d.startswith(("_build", ".", "subprojects"))]
        if "meson.build" in files:
            with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
                text = re.sub(r"#.*", "", f.read())
            deps.update(pattern.findall(text))
    return deps


def walk_modules(modules):
    for module in modules:
        if isinstance(module, str):
            # A module in its own file: its name is enough here.
            yield {"name": os.path.splitext(os.path.basename(module))[0]}
            continue
        yield module
        yield from walk_modules(module.get("modules", []))


def check_finish_args(name, args):
    for arg in args:
        if arg.startswith("--filesystem"):
            fail(name, f"finish-arg {arg}: no filesystem access (use portals)")
        elif arg in FORBIDDEN_EXACT:
            fail(name, f"finish-arg {arg} is not allowed")
        elif arg.startswith("--share=") and arg not in ALLOWED_SHARES:
            fail(name, f"finish-arg {arg}: only network and ipc may be shared")
        elif arg.startswith("--device=") and arg != "--device=dri":
            fail(name, f"finish-arg {arg}: only --device=dri")
        elif "dconf" in arg:
            fail(name, f"finish-arg {arg}: no dconf access")
    for arg in sorted(REQUIRED_ARGS - set(args)):
        fail(name, f"finish-arg {arg} is missing")
    if "--socket=fallback-x11" in args and "--share=ipc" not in args:
        fail(name, "--socket=fallback-x11 needs --share=ipc")


def check_manifest(path, deps):
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        fail(name, f"not valid JSON: {e}")
        return
    if not isinstance(manifest, dict):
        fail(name, "not a JSON object")
        return

    app_id = manifest.get("id", manifest.get("app-id"))
    if not app_id or app_id + ".json" != name:
        fail(name, f"app id {app_id!r} does not match the file name")
    if app_id not in (BASE_ID, BASE_ID + ".Devel"):
        fail(name, f"app id {app_id!r} is not {BASE_ID} or its .Devel")
    if manifest.get("runtime") != RUNTIME:
        fail(name, f"runtime is {manifest.get('runtime')!r}, not {RUNTIME}")
    if manifest.get("sdk") != SDK:
        fail(name, f"sdk is {manifest.get('sdk')!r}, not {SDK}")
    if not re.fullmatch(r"\d+", str(manifest.get("runtime-version", ""))):
        fail(name, "runtime-version is not a GNOME release number")
    if manifest.get("command") != "newsdesk":
        fail(name, "command is not the plain name newsdesk")

    check_finish_args(name, manifest.get("finish-args", []))

    modules = list(walk_modules(manifest.get("modules", [])))
    module_names = {normalise(m.get("name", "")) for m in modules}
    for dep in sorted(deps):
        if dep in RUNTIME_PROVIDES:
            continue
        wanted = normalise(MODULE_FOR.get(dep, dep))
        if wanted not in module_names:
            fail(name, f"dependency {dep!r} is neither in the runtime nor built by a module")

    app_modules = [m for m in modules if m.get("name") == "newsdesk"]
    if not app_modules:
        fail(name, "no newsdesk module")
        return
    app = app_modules[0]
    if manifest.get("modules", [None])[-1] is not app:
        fail(name, "the newsdesk module is not the last one")
    if app.get("buildsystem") != "meson":
        fail(name, "the newsdesk module is not built with meson")
    if app.get("run-tests") is not True:
        fail(name, "the newsdesk module does not run the tests")
    devel_opt = "-Dprofile=development" in app.get("config-opts", [])
    if name == BASE_ID + ".Devel.json" and not devel_opt:
        fail(name, "the Devel manifest does not build with -Dprofile=development")
    if app_id == BASE_ID and devel_opt:
        fail(name, "the stable manifest builds the development profile")

    builder = shutil.which("flatpak-builder")
    if builder:
        with tempfile.TemporaryDirectory() as tmp:
            proc = subprocess.run([builder, "--show-manifest", os.path.abspath(path)],
                                  cwd=tmp, capture_output=True, text=True)
        if proc.returncode != 0:
            fail(name, f"flatpak-builder cannot read it: {proc.stderr.strip()}")
        for line in proc.stderr.splitlines():
            if "Unknown property" in line:
                fail(name, f"flatpak-builder: {line.strip()}")
    else:
        print(f"{name}: flatpak-builder is not installed; not checked with it")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    srcdir = sys.argv[1]
    flatpak_dir = os.path.join(srcdir, "flatpak")
    deps = meson_dependencies(srcdir)
    print("meson dependencies:", ", ".join(sorted(deps)))

    manifests = sorted(f for f in os.listdir(flatpak_dir) if f.endswith(".json"))
    for required in (BASE_ID + ".json", BASE_ID + ".Devel.json"):
        if required not in manifests:
            fail(required, "missing")
    for manifest in manifests:
        check_manifest(os.path.join(flatpak_dir, manifest), deps)
        print(f"{manifest}: checked")

    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
