#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the translations in po/ the way a release needs them:

- for every language in po/LINGUAS, `msgfmt --check --statistics` reports every message
  translated, none fuzzy, none untranslated, and no placeholder lost (msgfmt --check compares
  the c-format directives of msgid and msgstr);
- the .po holds every message of the sources as they are now (msgcmp against a .pot made here
  with the same xgettext keywords as meson's "glib" preset), so a language does not fall behind
  without the test saying so;
- its Plural-Forms header gives, for every n up to 1000, the form the language's grammar asks
  (the rules of the CLDR, which GNU gettext's own table follows);
- the desktop file built in the build tree carries each language's Name and Comment.

With po/LINGUAS empty the first checks would pass on nothing, so a pseudo-translation of the
current .pot (tests/make-pseudo-po.py) goes through the same checks, with the desktop file and
the metainfo merged from it: that every message reaches the catalogue with its placeholders
intact, and that the desktop file's and the metainfo's strings really land in the .pot.

Usage: check-translations.py SOURCE_ROOT BUILD_ROOT
"""

import gettext
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The plural forms of the languages Scholia is translated into, as functions of n; a .po's
# Plural-Forms header must agree with these for every n. A language missing here fails the test
# until its rule is added, so that a new translation's header is checked too.
PLURAL_RULES = {
    "de": lambda n: 0 if n == 1 else 1,
    "en_XA": lambda n: 0 if n == 1 else 1,
    "es": lambda n: 0 if n == 1 else 1,
    "fr": lambda n: 0 if n in (0, 1) else 1,
    "it": lambda n: 0 if n == 1 else 1,
    "nl": lambda n: 0 if n == 1 else 1,
    "pt_BR": lambda n: 0 if n in (0, 1) else 1,
    "pl": lambda n: 0 if n == 1 else
                    1 if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else 2,
    "ru": lambda n: 0 if n % 10 == 1 and n % 100 != 11 else
                    1 if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else 2,
}

# meson's i18n "glib" preset (mesonbuild/modules/i18n.py), which po/meson.build uses.
XGETTEXT_GLIB = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format", "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format", "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format",
]

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def make_pot(srcroot, directory):
    pot = os.path.join(directory, "scholia.pot")
    result = run(["xgettext", "--package-name=scholia", "--directory=" + srcroot,
                  "--files-from=" + os.path.join(srcroot, "po", "POTFILES.in"),
                  "--output=" + pot] + XGETTEXT_GLIB)
    if result.returncode != 0:
        fail("xgettext failed:\n" + result.stderr)
        sys.exit(1)
    # A warning names a msgid that is not a valid format where it is used as one.
    for line in result.stderr.splitlines():
        if "warning" in line:
            fail("xgettext: " + line)
    return pot


def count_messages(pot):
    catalogue = open(pot, encoding="utf-8").read()
    return len(re.findall(r'^msgid (?!""\n\n)', catalogue + "\n", re.M)) - 1


def check_language(language, po, pot, expected, directory):
    mo = os.path.join(directory, language + ".mo")
    result = run(["msgfmt", "--check", "--statistics", "-o", mo, po], env=dict(os.environ, LC_ALL="C"))
    if result.returncode != 0:
        fail(f"{language}: msgfmt --check failed:\n{result.stderr}")
        return
    statistics = result.stderr.strip().splitlines()[-1]
    match = re.fullmatch(r"(\d+) translated messages?\.", statistics)
    if match is None:
        fail(f"{language}: not complete: {statistics}")
    elif int(match.group(1)) < expected:
        fail(f"{language}: {match.group(1)} messages translated of {expected}")

    # Untranslated messages were counted above; here, those missing altogether.
    result = run(["msgcmp", "--use-untranslated", po, pot], env=dict(os.environ, LC_ALL="C"))
    if result.returncode != 0:
        fail(f"{language}: messages of the sources are missing from {os.path.basename(po)} "
             f"(update it with msgmerge):\n" + "\n".join(result.stderr.splitlines()[:10]))

    rule = PLURAL_RULES.get(language)
    if rule is None:
        fail(f"{language}: no plural rule known to this test: add the language's to PLURAL_RULES")
        return
    with open(mo, "rb") as f:
        catalogue = gettext.GNUTranslations(f)
    wrong = [n for n in range(1001) if catalogue.plural(n) != rule(n)]
    if wrong:
        fail(f"{language}: the Plural-Forms header gives the wrong form for n = {wrong[:8]}")


def linguas(podir):
    names = []
    for line in open(os.path.join(podir, "LINGUAS"), encoding="utf-8"):
        names += line.split("#")[0].split()
    return names


def check_merged_files(srcroot, podir, language):
    """The desktop file and the metainfo merged with @language's catalogue carry its strings."""
    data = os.path.join(srcroot, "data")
    with tempfile.TemporaryDirectory() as out:
        desktop = os.path.join(out, "scholia.desktop")
        result = run(["msgfmt", "--desktop", "--template=" + os.path.join(data, "io.github.scholia.Scholia.desktop.in"),
                      "-d", podir, "-o", desktop])
        if result.returncode != 0:
            fail(f"{language}: the desktop file does not merge: {result.stderr}")
        else:
            text = open(desktop, encoding="utf-8").read()
            for key in ("Name", "GenericName", "Comment", "Keywords"):
                if f"\n{key}[{language}]=" not in text:
                    fail(f"{language}: the merged desktop file has no {key}[{language}]")
        metainfo = os.path.join(out, "scholia.metainfo.xml")
        result = run(["msgfmt", "--xml", "--template=" + os.path.join(data, "io.github.scholia.Scholia.metainfo.xml.in"),
                      "-d", podir, "-o", metainfo])
        if result.returncode != 0:
            fail(f"{language}: the metainfo does not merge: {result.stderr}")
        else:
            text = open(metainfo, encoding="utf-8").read()
            for element in ("summary", "p", "li", "caption", "keyword"):
                if not re.search(rf'<{element} xml:lang="{language}">', text):
                    fail(f"{language}: the merged metainfo has no <{element}> in {language}")


def check_gschema_in_pot(srcroot, pot):
    catalogue = open(pot, encoding="utf-8").read()
    schema = open(os.path.join(srcroot, "data", "io.github.scholia.Scholia.gschema.xml"), encoding="utf-8").read()
    for element in ("summary", "description"):
        for text in re.findall(rf"<{element}>(.*?)</{element}>", schema, re.S):
            first_line = text.strip().split("\n")[0].strip()
            if first_line and first_line[:40] not in catalogue:
                fail(f"the GSettings {element} “{first_line[:40]}…” is not in the .pot")


def main():
    srcroot, buildroot = sys.argv[1], sys.argv[2]
    podir = os.path.join(srcroot, "po")
    with tempfile.TemporaryDirectory() as directory:
        pot = make_pot(srcroot, directory)
        expected = count_messages(pot)
        if expected < 1000:
            fail(f"the .pot made from po/POTFILES.in holds only {expected} messages")
        check_gschema_in_pot(srcroot, pot)

        languages = linguas(podir)
        for language in languages:
            po = os.path.join(podir, language + ".po")
            if not os.path.exists(po):
                fail(f"{language} is in po/LINGUAS but po/{language}.po does not exist")
                continue
            check_language(language, po, pot, expected, directory)

        # The desktop file meson built from the catalogues.
        built = os.path.join(buildroot, "data", "io.github.scholia.Scholia.desktop")
        if languages and os.path.exists(built):
            text = open(built, encoding="utf-8").read()
            for language in languages:
                if f"\nComment[{language}]=" not in text:
                    fail(f"{language}: the desktop file built in {built} has no Comment[{language}]")

        pseudo_dir = os.path.join(directory, "pseudo")
        os.mkdir(pseudo_dir)
        pseudo = os.path.join(pseudo_dir, "en_XA.po")
        subprocess.run([sys.executable, os.path.join(srcroot, "tests", "make-pseudo-po.py"), pot, pseudo],
                       check=True)
        with open(os.path.join(pseudo_dir, "LINGUAS"), "w") as f:
            f.write("en_XA\n")
        check_language("en_XA", pseudo, pot, expected, directory)
        check_merged_files(srcroot, pseudo_dir, "en_XA")

    if failures:
        print(f"{len(failures)} problems", file=sys.stderr)
        sys.exit(1)
    print(f"{len(languages)} languages in po/LINGUAS and the pseudo-language checked, "
          f"{expected} messages each")


if __name__ == "__main__":
    if shutil.which("msgfmt") is None:
        print("msgfmt (gettext) is not installed", file=sys.stderr)
        sys.exit(1)
    main()
