#!/bin/sh
# tests/layers.sh: fails when the code's includes go against the house's
# layers (STYLE.md, HACKING), or when its modules depend on each other in
# a circle.  Both are things a reviewer cannot see in a diff of one file.
#
# Layers, lowest first; a file may include headers of its own folder or
# of a lower rank, never of a higher one nor of another folder of the
# same rank (ui and cli are peers: neither knows the other):
#
#	0 base      err, util, utf8, datetime, priv
#	1 store     the database and its entities
#	2 exchange  the formats of other programs (uses the store)
#	3 doc       the document model and its writers; its CSV writer
#	            quotes with exchange's export_csv_field, so a report
#	            in CSV reads the way a list export does
#	4 report    a document per report (doc) from the store's queries,
#	            saved as CSV through exchange/export.h
#	5 ui, cli   the organizer and the commands
#	6 main.c    start-up
#
# A module is src/<folder>/<name>.c with its header include/<folder>/
# <name>.h (or src/<folder>/<name>.h, a folder's own); either may be
# missing.  Module A depends on B when A's .c or .h includes B's header.
# A header's functions may be defined elsewhere in its folder (ui.h's
# ui_getkey in app.c, once db.h's db_login in users.c): including it then
# depends on those files' modules too, since that is whom the calls
# reach.  A .c with no header of its own that defines functions of a
# header (company.c of entities.h, html.c of doc.h, prompt.c of ui.h) is
# part of that header's module; a header with no .c of its own whose
# functions one module defines (cli/cli.h, common.c's) is that
# module's second header.  Definitions are found the house
# way: the function's name at the start of a line.
# Every cycle is reported as "a -> b -> ... -> a": for each dependency
# inside a strongly connected group, the shortest cycle through it.  A
# cycle listed in tests/layers.allow (none is, today: a line is the
# cycle as reported, a tab, the reason; '#' starts a comment) is
# tolerated; an entry that no longer occurs fails, so the list can only
# shrink.
#
#	sh tests/layers.sh [ROOT]     check ROOT (default: this tree)
#	sh tests/layers.sh --self-test
#	                              plant an upward include and a cycle in
#	                              a scratch tree and see both reported
set -u

check() {
	python3 - "$1" <<'EOF'
import os, re, sys
from collections import deque

RANK = {"base": 0, "store": 1, "exchange": 2, "doc": 3, "report": 4,
        "ui": 5, "cli": 5, "": 6}
root = sys.argv[1]
INC = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
fails = 0

def files():
    for top in ("src", "include"):
        for d, _, names in sorted(os.walk(os.path.join(root, top))):
            for n in sorted(names):
                if n.endswith((".c", ".h")):
                    yield os.path.relpath(os.path.join(d, n), root)

def folder(path):          # src/store/db.c -> store; src/main.c -> ""
    parts = path.split("/")
    return parts[1] if len(parts) > 2 else ""

def module(path):          # src/store/db.c, include/store/db.h -> store/db
    f, name = folder(path), os.path.splitext(os.path.basename(path))[0]
    return f + "/" + name if f else name

def target(path, inc):     # the module an include names, or None
    if "/" in inc:
        if os.path.exists(os.path.join(root, "include", inc)):
            return module("include/" + inc)
        return None
    local = os.path.join(os.path.dirname(path), inc)
    return module(local) if os.path.exists(os.path.join(root, local)) else None

CALL = re.compile(r'\b([A-Za-z_]\w*)\s*\(')
DEF = re.compile(r'^([A-Za-z_]\w*)\(', re.M)
COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
def text(path):
    with open(os.path.join(root, path), encoding="utf-8") as fh:
        return fh.read()

paths = list(files())
headers = [p for p in paths if p.endswith(".h")]
sources = [p for p in paths if p.endswith(".c")]
defined = {c: set(DEF.findall(text(c))) for c in sources}
MACRO = re.compile(r'^\s*#\s*define\s+(\w+)', re.M)
declared = {h: set(CALL.findall(COMMENT.sub("", text(h))))
            - set(MACRO.findall(text(h))) for h in headers}
def own_header(c):
    stem = os.path.splitext(c)[0]
    return any(stem.replace("src/", p, 1) + ".h" in declared
               for p in ("include/", "src/"))
owner = {}                 # a headerless .c -> the module it implements
for c in sources:
    mine = [(len(defined[c] & declared[h]), h) for h in headers
            if folder(h) == folder(c) and defined[c] & declared[h]]
    if mine and not own_header(c):
        owner[c] = module(max(mine)[1])
def implementers(h):
    return {owner.get(c) or module(c) for c in sources
            if folder(c) == folder(h) and defined[c] & declared[h]}
alias = {}                 # a second header of one module -> that module
for h in headers:
    has_c = any((owner.get(c) or module(c)) == module(h) for c in sources)
    if not has_c and len(implementers(h)) == 1:
        alias[module(h)] = implementers(h).pop()
def modof(path):
    m = owner.get(path) or module(path)
    return alias.get(m, m)
reaches = {}               # a header -> every module its calls reach
for h in headers:
    reaches[module(h)] = {modof(h)} | {alias.get(m, m)
                                       for m in implementers(h)}

deps = {}
for path in paths:
    me = modof(path)
    deps.setdefault(me, set())
    with open(os.path.join(root, path), encoding="utf-8") as fh:
        for no, line in enumerate(fh, 1):
            m = INC.match(line)
            if not m:
                continue
            t = target(path, m.group(1))
            if t is None:
                continue
            mine = folder(path)
            theirs = t.split("/")[0] if "/" in t else ""
            if theirs != mine and RANK.get(theirs, 99) >= RANK.get(mine, 99):
                side = "above" if RANK[theirs] > RANK[mine] else "beside"
                print(f"{path}:{no}: {mine or 'main'} may not include "
                      f"{m.group(1)} ({theirs}, a layer {side} it)")
                fails += 1
            deps[me] |= reaches.get(t, {t}) - {me}

# Tarjan's strongly connected components, iteratively.
index, low, stack, on, groups = {}, {}, [], set(), []
for start in sorted(deps):
    if start in index:
        continue
    work = [(start, iter(sorted(deps[start])))]
    index[start] = low[start] = len(index)
    stack.append(start); on.add(start)
    while work:
        v, it = work[-1]
        w = next(it, None)
        if w is not None:
            if w not in index:
                index[w] = low[w] = len(index)
                stack.append(w); on.add(w)
                work.append((w, iter(sorted(deps.get(w, ())))))
            elif w in on:
                low[v] = min(low[v], index[w])
            continue
        work.pop()
        if work:
            low[work[-1][0]] = min(low[work[-1][0]], low[v])
        if low[v] == index[v]:
            g = set()
            while True:
                w = stack.pop(); on.discard(w); g.add(w)
                if w == v:
                    break
            if len(g) > 1:
                groups.append(g)

def shortest(src, dst, group):  # a path src .. dst inside group
    prev, todo = {src: None}, deque([src])
    while todo:
        v = todo.popleft()
        if v == dst:
            break
        for w in sorted(deps[v] & group):
            if w not in prev:
                prev[w] = v; todo.append(w)
    path, v = [], dst
    while v is not None:
        path.append(v); v = prev[v]
    return path[::-1]

cycles = set()
for g in groups:
    for a in sorted(g):
        for b in sorted(deps[a] & g):
            c = [a] + shortest(b, a, g)[:-1]
            i = c.index(min(c))
            c = c[i:] + c[:i]
            cycles.add(" -> ".join(c + [c[0]]))

allowed = {}
allow = os.path.join(root, "tests", "layers.allow")
if os.path.exists(allow):
    for line in open(allow, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if line:
            cyc, _, why = line.partition("\t")
            allowed[cyc.strip()] = why
for g in sorted(groups, key=lambda g: sorted(g)):
    print(f"cycle group of {len(g)}: {' '.join(sorted(g))}")
for c in sorted(cycles):
    if c in allowed:
        print(f"allowed cycle: {c}")
    else:
        print(f"cycle: {c}")
        fails += 1
for c in sorted(set(allowed) - cycles):
    print(f"tests/layers.allow: {c}: no longer a cycle, remove the line")
    fails += 1
sys.exit(1 if fails else 0)
EOF
}

self_test() {
	t=$(mktemp -d) || exit 1
	trap 'rm -rf "$t"' EXIT
	mkdir -p "$t/src/base" "$t/src/store" "$t/include/base" \
	    "$t/include/store"
	printf '#include "base/a.h"\n' > "$t/src/base/a.c"
	: > "$t/include/base/a.h"
	printf '#include "base/a.h"\n#include "store/s.h"\n' > "$t/src/base/b.c"
	printf '#include "store/t.h"\n' > "$t/src/store/s.c"
	printf '#include "base/a.h"\n' > "$t/include/store/s.h"
	printf '#include "store/s.h"\n' > "$t/include/store/t.h"
	rc=0
	out=$(check "$t") && { echo "FAIL the checker passed a broken tree"; rc=1; }
	for want in 'src/base/b.c:2: base may not include store/s.h' \
	    'cycle: store/s -> store/t -> store/s'; do
		case $out in
		*"$want"*) ;;
		*) echo "$out"; echo "FAIL not reported: $want"; rc=1 ;;
		esac
	done
	printf '#include "base/a.h"\n' > "$t/src/base/b.c"
	printf 'store/s -> store/t -> store/s\tplanted\n' > "$t/tests.allow"
	mkdir -p "$t/tests" && mv "$t/tests.allow" "$t/tests/layers.allow"
	check "$t" >/dev/null || { echo "FAIL an allowed cycle fails"; rc=1; }
	: > "$t/include/store/t.h"
	check "$t" >/dev/null && { echo "FAIL a stale allow line passes"; rc=1; }
	[ $rc -eq 0 ] && echo "ok layers self-test"
	return $rc
}

cd "$(dirname "$0")/.." || exit 1
if [ "${1:-}" = --self-test ]; then
	self_test
	exit
fi
check "${1:-.}" && echo "ok layers: includes go down, no cycles"
