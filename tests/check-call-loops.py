#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the files of the window, of the document page and of the store call each other
one way only, and that no file of the window or the page exceeds 600 lines (issue 11): for each
group, which file defines each non-static function and which
files call it (or pass it as a callback), then the loops in that graph. The type getter is not
counted (the type macros call it from every file of a type, which is no dependency on its code).

Usage: check-call-loops.py [SOURCE_ROOT] [--graph]
Exits 1 and names the loop (or the file too long) when a group breaks the rule."""

import collections
import glob
import os
import re
import sys

GROUPS = {
    'window': 'src/scholia-window*.c',
    'document page': 'src/scholia-document-page*.c',
    'store': 'src/core/scholia-store*.c',
}

# The window is a shell over the page: a file past this wants splitting by what it does.
MAX_LINES = {'window': 600, 'document page': 600}


def strip(source):
    source = re.sub(r'/\*.*?\*/', ' ', source, flags=re.S)
    source = re.sub(r'//[^\n]*', ' ', source)
    return re.sub(r'"(\\.|[^"\\])*"', '""', source)


def graph(files):
    texts = {f: strip(open(f, encoding='utf-8').read()) for f in files}
    defined = collections.defaultdict(set)
    # GNU style: the return type on its own line, the name at the start of the next.
    definition = re.compile(r'^(static\b[^\n]*\n|[^\n]*\n)([A-Za-z_]\w*)\s*\([^;{]*?\)\s*\{', re.M)
    for f, text in texts.items():
        for m in definition.finditer(text):
            if not m.group(1).startswith('static') and not m.group(2).endswith('_get_type'):
                defined[m.group(2)].add(f)
    edges = collections.defaultdict(set)
    for f, text in texts.items():
        for name in set(re.findall(r'\b([A-Za-z_]\w*)\b', text)) & set(defined):
            for d in defined[name]:
                if d != f:
                    edges[(f, d)].add(name)
    return edges


def loops(files, edges):
    successors = collections.defaultdict(set)
    for a, b in edges:
        successors[a].add(b)
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in successors[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in files:
        if v not in index:
            visit(v)
    return found


def main():
    args = [a for a in sys.argv[1:] if a != '--graph']
    root = args[0] if args else os.path.join(os.path.dirname(__file__), '..')
    status = 0
    for group, pattern in GROUPS.items():
        files = sorted(glob.glob(os.path.join(root, pattern)))
        if not files:
            print(f'{group}: no files match {pattern} below {root}')
            status = 1
            continue
        for f in files:
            n_lines = sum(1 for _ in open(f, encoding='utf-8'))
            if n_lines > MAX_LINES.get(group, n_lines):
                print(f'{group}: {os.path.basename(f)} has {n_lines} lines, more than {MAX_LINES[group]}')
                status = 1
        edges = graph(files)
        if '--graph' in sys.argv:
            print(f'{group}:')
            for (a, b), names in sorted(edges.items()):
                print(f'  {os.path.basename(a)} -> {os.path.basename(b)}: {", ".join(sorted(names))}')
        for component in loops(files, edges):
            print(f'{group}: these files call each other in a loop: '
                  + ', '.join(os.path.basename(f) for f in component))
            for (a, b), names in sorted(edges.items()):
                if a in component and b in component:
                    print(f'  {os.path.basename(a)} -> {os.path.basename(b)}: {", ".join(sorted(names))}')
            status = 1
    return status


if __name__ == '__main__':
    sys.exit(main())
