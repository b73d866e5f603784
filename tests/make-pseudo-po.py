#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a pseudo-translation of a .pot: every message in accented letters, in brackets and
about 40 % longer ("Import Essays" becomes "[Ĩmpórt Éssáýs ~~~~~]"), so that the window test can
show what a longer language does to the layout, and the translations test can check the catalogue
builds with every placeholder kept. Never installed.

Usage: make-pseudo-po.py INPUT.pot OUTPUT.po [LANGUAGE]
"""

import math
import re
import sys

ACCENTED = str.maketrans(
    "AEIOUYCNSZaeiouycnszLRlr",
    "ÀÉĨÓÚÝÇÑŠŽáéíóúýçñšžĹŔĺŕ",
)

# A printf or g_date_time_format() directive: kept as it is, whatever the flags ("%'u", "%-d",
# "%1$s", "%%", "%lld", "%.0f").
DIRECTIVE = re.compile(r"%(\d+\$)?[-#0 +'_^]*(\d+|\*)?(\.\d+)?(hh|h|ll|l|L|q|j|z|t)?[A-Za-z%]")


def accent(text):
    out = []
    pos = 0
    for match in DIRECTIVE.finditer(text):
        out.append(text[pos:match.start()].translate(ACCENTED))
        out.append(match.group(0))
        pos = match.end()
    out.append(text[pos:].translate(ACCENTED))
    return "".join(out)


def pseudo(text):
    if text == "":
        return ""
    # Desktop keywords ("history;essay;"): the list's form must stay, so only the letters change.
    if text.endswith(";") and " " not in text:
        return accent(text)
    lead = re.match(r"^[\s]*", text).group(0)
    trail = re.search(r"[\s]*$", text).group(0)
    core = text[len(lead):len(text) - len(trail)] if trail else text[len(lead):]
    padding = "~" * math.ceil(len(core) * 0.4)
    # In words of five, as a long translation has words a label can wrap between.
    padded = " ".join(padding[i:i + 5] for i in range(0, len(padding), 5))
    return f"{lead}[{accent(core)} {padded}]{trail}"


def c_string(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def parse(path):
    entries = []
    entry = None
    key = None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if entry is not None:
                entries.append(entry)
            entry = None
            continue
        if entry is None:
            entry = {"lines": [], "msgctxt": None, "msgid": None, "msgid_plural": None}
        if line.startswith("#"):
            if not line.startswith("#,") or "fuzzy" not in line:
                entry["lines"].append(line)
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(\[\d+\])?) (".*")$', line)
        if match:
            key = match.group(1)
            if key.startswith("msgstr"):
                key = None
                continue
            entry[key] = eval(match.group(3))  # a C string literal is a Python one here
        elif line.startswith('"') and key is not None:
            entry[key] += eval(line)
    if entry is not None:
        entries.append(entry)
    return entries


def main():
    source, target = sys.argv[1], sys.argv[2]
    language = sys.argv[3] if len(sys.argv) > 3 else "en_XA"
    out = []
    for entry in parse(source):
        if entry["msgid"] is None:
            continue
        if entry["msgid"] == "":
            out.append('msgid ""\nmsgstr ""\n'
                       '"Project-Id-Version: scholia\\n"\n'
                       '"PO-Revision-Date: 2026-12-03 00:00+0000\\n"\n'
                       '"Last-Translator: make-pseudo-po.py\\n"\n'
                       '"Language-Team: none\\n"\n'
                       f'"Language: {language}\\n"\n'
                       '"MIME-Version: 1.0\\n"\n'
                       '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                       '"Content-Transfer-Encoding: 8bit\\n"\n'
                       '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')
            continue
        lines = list(entry["lines"])
        if entry["msgctxt"] is not None:
            lines.append("msgctxt " + c_string(entry["msgctxt"]))
        lines.append("msgid " + c_string(entry["msgid"]))
        if entry["msgid_plural"] is not None:
            lines.append("msgid_plural " + c_string(entry["msgid_plural"]))
            lines.append("msgstr[0] " + c_string(pseudo(entry["msgid"])))
            lines.append("msgstr[1] " + c_string(pseudo(entry["msgid_plural"])))
        else:
            lines.append("msgstr " + c_string(pseudo(entry["msgid"])))
        out.append("\n".join(lines) + "\n")
    with open(target, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
