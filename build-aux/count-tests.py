#!/usr/bin/env python3
"""Prints 'N passed, N failed' for one or more meson testlog.json files.

GLib test programs report each test case on stdout in TAP form ("ok 3 /store/open/…",
"not ok …", "ok 4 … # SKIP"); those are counted one by one, so the figure is the number of test
cases. A program that printed no TAP lines (a validation script) counts as one test, and a
program that failed without a failing TAP line (a crash, a timeout) counts as one failure.
build-aux/fuzz.sh writes one such line per fuzz target. A missing file (a suite that did not
build) counts as one failure. A "not ok … # TODO" is, as TAP defines it, a known problem that
does not fail the run (window-languages reports the layouts not fixed yet that way): neither
passed nor failed, each named on stderr so the run's log shows them."""
import json
import re
import sys

TAP = re.compile(r"^(not ok|ok)\b", re.MULTILINE)
TODO = re.compile(r"^not ok\b.*# TODO.*$", re.MULTILINE)

passed = failed = todo = 0
for path in sys.argv[1:]:
    try:
        log = open(path)
    except FileNotFoundError:
        print(f"{path}: missing, counted as one failure", file=sys.stderr)
        failed += 1
        continue
    with log:
        for line in log:
            entry = json.loads(line)
            stdout = entry.get("stdout") or ""
            marks = TAP.findall(stdout)
            known = TODO.findall(stdout)
            for todo_line in known:
                print(f"{entry['name']}: known problem, not counted: {todo_line}", file=sys.stderr)
            todo += len(known)
            ok = marks.count("ok")
            not_ok = marks.count("not ok") - len(known)
            program_passed = entry["result"] in ("OK", "EXPECTEDFAIL", "SKIP")
            if not marks:
                ok = 1 if program_passed else 0
            if not program_passed and not_ok == 0:
                not_ok = 1
            passed += ok
            failed += not_ok
if todo:
    print(f"{todo} known problems (TAP TODO) not counted", file=sys.stderr)
print(f"{passed} passed, {failed} failed")
