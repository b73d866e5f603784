#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks offline what Flathub's linter and a user's software centre would refuse in the
# packaging: the built metainfo (appstreamcli --pedantic), the desktop file, the settings
# schemas, and the Flatpak manifest against both and against README's list of permissions.
#
# Usage: check-packaging.py --manifest JSON --metainfo XML --desktop FILE --schemas DIR
#                           --readme README.md --app-id ID --version VERSION
#                           --compile-commands BUILDDIR/compile_commands.json

import argparse
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

# The oldest GNOME runtime the manifest may name: 51 is the stable one as of December 2026
# (47 reached its end of life in October 2025, 48 in March 2026). Raise it, never lower it.
MIN_GNOME_RUNTIME = 51

# Source types whose content is fixed by a checksum; a "dir" source is only allowed for the
# app itself, which flatpak-builder takes from the checkout the manifest sits in.
CHECKSUMMED_SOURCES = {"archive", "file"}

# The API level every C file is compiled at (meson.build): Debian 12's, so that the newer
# GNOME SDK of the Flatpak neither offers newer symbols nor warns about later deprecations.
API_PINS = ("GLIB_VERSION", "GDK_VERSION", "ADW_VERSION", "GTK_SOURCE_VERSION",
            "SOUP_VERSION", "JSON_VERSION")

failures = []


def fail(message):
    failures.append(message)


def run(argv, allowed_output=None):
    """Runs a validator; its failure, or output other than the allowed lines, is a failure."""
    result = subprocess.run(argv, capture_output=True, text=True)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    unexpected = [line for line in lines if allowed_output is None or not allowed_output(line)]
    if result.returncode != 0 or unexpected:
        fail("{} exited {}:\n  {}".format(" ".join(argv), result.returncode, "\n  ".join(lines)))


def appstream_line_allowed(line):
    # Pedantic notes and infos pass: the id's capitals are Flathub's own reverse-DNS
    # convention, and AppStream before 1.0 does not know <developer> yet. Warnings and
    # errors (W:, E:) do not.
    return (line.startswith(("P:", "I:", "   ", "✔"))
            or "Validation was successful" in line)


def check_validators(args):
    run(["appstreamcli", "validate", "--pedantic", "--no-net", args.metainfo],
        allowed_output=appstream_line_allowed)
    # desktop-file-validate prints nothing for a clean file: hints count as failures too.
    run(["desktop-file-validate", args.desktop])
    run(["glib-compile-schemas", "--strict", "--dry-run", args.schemas])


def readme_permissions(readme):
    """The finish-args README justifies: `--arg` at the head of a bullet in its Permissions part."""
    match = re.search(r"^### Permissions\n(.*?)(?=^#)", readme, re.S | re.M)
    if match is None:
        fail("README.md has no '### Permissions' section justifying the Flatpak's finish-args")
        return {}
    justified = {}
    for arg, why in re.findall(r"^- `(--[^`]+)`[:,]? *(.*)$", match.group(1), re.M):
        justified[arg] = why.strip()
    return justified


def check_manifest(args, manifest, readme):
    # The manifest builds the default profile, whose id a development build extends.
    stable_id = args.app_id.removesuffix(".Devel")
    if manifest.get("id", manifest.get("app-id")) != stable_id:
        fail("manifest id {!r} is not the application id {!r}".format(
            manifest.get("id", manifest.get("app-id")), stable_id))
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        fail("runtime and SDK must be GNOME's platform and SDK, not {!r} and {!r}".format(
            manifest.get("runtime"), manifest.get("sdk")))
    version = str(manifest.get("runtime-version", ""))
    if not version.isdigit() or int(version) < MIN_GNOME_RUNTIME:
        fail("runtime-version {!r}: the GNOME runtime must be {} or newer".format(
            version, MIN_GNOME_RUNTIME))
    # The SDK is taken at the runtime's version: a different one would build against other
    # libraries than the ones the app runs with.
    for key in ("sdk-version", "base-version"):
        if key in manifest and str(manifest[key]) != version:
            fail("{} {!r} differs from runtime-version {!r}".format(key, manifest[key], version))
    if manifest.get("command") != "scholia":
        fail("command is {!r}, not scholia".format(manifest.get("command")))

    finish_args = manifest.get("finish-args", [])
    for arg in finish_args:
        if re.match(r"--filesystem=(home|host|~)", arg):
            fail("finish-arg {} opens the user's files: they come through the portals".format(arg))
    if len(set(finish_args)) != len(finish_args):
        fail("finish-args list an argument twice")
    justified = readme_permissions(readme)
    for arg in finish_args:
        if not justified.get(arg):
            fail("finish-arg {} is not justified in README's Permissions section".format(arg))
    for arg in justified:
        if arg not in finish_args:
            fail("README justifies {}, which the manifest no longer asks for".format(arg))

    modules = manifest.get("modules", [])
    if not modules or modules[-1].get("name") != "scholia":
        fail("the last module must be scholia itself")
    for module in modules:
        name = module.get("name", "?")
        for source in module.get("sources", []):
            kind = source.get("type")
            if name == "scholia" and kind == "dir":
                continue
            if kind not in CHECKSUMMED_SOURCES:
                fail("module {}: a {} source is not pinned by a checksum".format(name, kind))
            elif not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                fail("module {}: source {} has no sha256".format(name, source.get("url")))
            elif not source.get("url", "").startswith("https://"):
                fail("module {}: source {} is not fetched over https".format(name, source.get("url")))


def check_api_pins(compile_commands):
    with open(compile_commands, encoding="utf-8") as commands_file:
        commands = json.load(commands_file)
    unpinned = []
    for entry in commands:
        command = entry.get("command") or " ".join(entry.get("arguments", []))
        if not entry["file"].endswith(".c"):
            continue
        missing = [pin for pin in API_PINS
                   if "-D{}_MIN_REQUIRED=".format(pin) not in command
                   or "-D{}_MAX_ALLOWED=".format(pin) not in command]
        if missing:
            unpinned.append("{} ({})".format(entry["file"], ", ".join(missing)))
    if not commands:
        fail("compile_commands.json lists no C file")
    if unpinned:
        fail("compiled without the API level pins:\n  " + "\n  ".join(unpinned))


def text_of(element):
    return "".join(element.itertext()).strip() if element is not None else ""


def check_metainfo(args, metainfo):
    root = metainfo.getroot()
    if text_of(root.find("id")) != args.app_id:
        fail("metainfo id {!r} is not {!r}".format(text_of(root.find("id")), args.app_id))
    launchable = root.find("launchable[@type='desktop-id']")
    if text_of(launchable) != args.app_id + ".desktop":
        fail("launchable {!r} is not the desktop file {}.desktop".format(
            text_of(launchable), args.app_id))
    developer = root.find("developer")
    if developer is None or not developer.get("id") or not text_of(developer.find("name")):
        fail("metainfo has no <developer> with an id and a name")
    binaries = {text_of(b) for b in root.findall("provides/binary")}
    if not {"scholia", "scholia-cli"} <= binaries:
        fail("metainfo provides binaries {}, not scholia and scholia-cli".format(sorted(binaries)))
    rating = root.find("content_rating")
    if rating is None or not rating.get("type", "").startswith("oars-"):
        fail("metainfo has no OARS content rating")
    colours = {c.get("scheme_preference"): text_of(c)
               for c in root.findall("branding/color[@type='primary']")}
    for scheme in ("light", "dark"):
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", colours.get(scheme, "")):
            fail("metainfo has no primary brand colour for the {} scheme".format(scheme))
    if colours.get("light", "").lower() == colours.get("dark", "").lower():
        fail("the light and dark brand colours are the same")
    images = [text_of(i) for i in root.findall("screenshots/screenshot/image")]
    if not images or root.find("screenshots/screenshot[@type='default']") is None:
        fail("metainfo has no default screenshot")
    for image in images:
        # Whether the address answers cannot be checked offline; its form can.
        if not image.startswith("https://"):
            fail("screenshot {} is not an https address".format(image))
    if not root.findall("keywords/keyword"):
        fail("metainfo has no keywords")

    releases = root.findall("releases/release")
    if not releases:
        fail("metainfo lists no releases")
        return
    if releases[0].get("version") != args.version:
        fail("the newest release is {}, but the project's version is {}".format(
            releases[0].get("version"), args.version))
    previous = None
    for release in releases:
        version, date = release.get("version"), release.get("date", "")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            fail("release {} has no date".format(version))
        if not text_of(release.find("description")):
            fail("release {} has no notes".format(version))
        key = tuple(int(part) for part in version.split("."))
        if previous is not None and (key >= previous[0] or date > previous[1]):
            fail("release {} is not older than the one listed before it".format(version))
        previous = (key, date)


def check_desktop(args):
    with open(args.desktop, encoding="utf-8") as desktop:
        entries = dict(line.rstrip("\n").split("=", 1) for line in desktop
                       if "=" in line and not line.startswith("#"))
    if entries.get("Exec", "").split(" ")[0] != "scholia":
        fail("the desktop file runs {!r}, not scholia".format(entries.get("Exec")))
    if entries.get("Icon") != args.app_id:
        fail("the desktop file's icon {!r} is not named after {}".format(entries.get("Icon"), args.app_id))


def main():
    parser = argparse.ArgumentParser()
    for option in ("manifest", "metainfo", "desktop", "schemas", "readme", "app-id", "version",
                   "compile-commands"):
        parser.add_argument("--" + option, required=True)
    args = parser.parse_args()

    with open(args.manifest, encoding="utf-8") as manifest_file:
        manifest = json.load(manifest_file)
    with open(args.readme, encoding="utf-8") as readme_file:
        readme = readme_file.read()

    check_validators(args)
    check_manifest(args, manifest, readme)
    check_metainfo(args, ET.parse(args.metainfo))
    check_desktop(args)
    check_api_pins(args.compile_commands)

    for message in failures:
        print("FAIL:", message)
    if failures:
        return 1
    print("packaging: manifest, metainfo, desktop file, schemas and API level pins OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
