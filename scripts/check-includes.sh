#!/usr/bin/env bash
# Check the include graph of src/ against the layering of docs/internals/architecture.md.
#
#   scripts/check-includes.sh [--graph]
#
# Reads every `#include "dir/file.h"` line in src/ (system includes <...> are ignored) and
# fails (exit 1, printing each offending edge or cycle) on:
#   1. an upward or sideways include between layers. A layer may include only itself and
#      the layers below it:
#        core   -
#        http   core
#        store  core
#        domain core store
#        app    core http domain
#        web    core http domain app
#        api    core http domain app
#        cli    everything
#      so http and store never include each other, nor do web and api (cli/routes.c joins
#      them), domain never sees http, and above domain nothing reaches into store.
#   2. a cycle between files: a .c file and the .h of the same directory and basename are
#      one module (domain/thread.c + domain/thread.h), and module A -> B when a file of A
#      includes a file of B. Any strongly connected set of two or more modules is reported.
#      A module's private header, named M_SUFFIX.h beside M.h and with no .c of its own
#      (domain/thread_int.h, store/db_driver.h, http/http_int.h), is part of module M.
#   3. a web page header (src/web/NAME.h declaring the page_* handlers of src/web/NAME.c;
#      every src/web header except web.h, parts.h and chart.h, the SVG charts) included by anything other than its
#      own NAME.c and the route table src/cli/routes.c: page files never call each other,
#      shared pieces are in web/parts.h.
# It also fails on an include of a file that does not exist in src/.
#
# Every cycle fails, inside a layer as well as across layers. --graph prints the layer graph
# (which layer includes which) and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

exec python3 - "$@" <<'PY'
import os, re, sys

graph_only = '--graph' in sys.argv[1:]
unknown = [a for a in sys.argv[1:] if a not in ('--graph',)]
if unknown:
    print('check-includes: unknown option %s (see the script header)' % unknown[0],
          file=sys.stderr)
    sys.exit(2)

ALLOWED = {
    'core': set(),
    'http': {'core'},
    'store': {'core'},
    'domain': {'core', 'store'},
    'app': {'core', 'http', 'domain'},
    'web': {'core', 'http', 'domain', 'app'},
    'api': {'core', 'http', 'domain', 'app'},
    'cli': {'core', 'http', 'store', 'domain', 'app', 'web', 'api'},
}
ROUTE_TABLE = 'cli/routes.c'
WEB_SHARED_HEADERS = {'web/web.h', 'web/parts.h', 'web/chart.h'}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')

files = []
for d, _, names in os.walk('src'):
    for n in names:
        if n.endswith('.c') or n.endswith('.h'):
            files.append(os.path.relpath(os.path.join(d, n), 'src'))
files.sort()
present = set(files)

edges = []  # (from file, to file, line number)
for f in files:
    with open(os.path.join('src', f), encoding='utf-8', errors='replace') as fh:
        for no, line in enumerate(fh, 1):
            m = INCLUDE.match(line)
            if m:
                edges.append((f, m.group(1), no))

def layer(f):
    return f.split('/', 1)[0] if '/' in f else ''

def module(f):
    base = os.path.splitext(f)[0]
    if f.endswith('.h') and base + '.c' not in present and '_' in os.path.basename(base):
        owner = base.rsplit('_', 1)[0]
        if owner + '.h' in present:
            return owner  # a private header of module owner (see 2. above)
    return base

problems = []
warnings = []

if graph_only:
    lg = {}
    for a, b, _ in edges:
        la, lb = layer(a), layer(b)
        if la != lb:
            lg.setdefault(la, set()).add(lb)
    for la in ALLOWED:
        print('%-7s -> %s' % (la, ' '.join(sorted(lg.get(la, ()))) or '-'))
    sys.exit(0)

# 1. layers (and includes that name no file in src/)
for a, b, no in edges:
    if b not in present:
        problems.append('src/%s:%d: includes "%s", which is not a file in src/' % (a, no, b))
        continue
    la, lb = layer(a), layer(b)
    if la not in ALLOWED:
        problems.append('src/%s: in no known layer (add it to ALLOWED in %s)' % (a, sys.argv[0]))
        continue
    if la != lb and lb not in ALLOWED[la]:
        problems.append('src/%s:%d: layer %s includes %s ("%s"): %s may include only %s' %
                        (a, no, la, lb, b, la, ', '.join(sorted(ALLOWED[la])) or 'itself'))

# 2. cycles between modules (Tarjan's strongly connected components, iterative)
succ = {}
for a, b, _ in edges:
    if b in present and module(a) != module(b):
        succ.setdefault(module(a), set()).add(module(b))
nodes = sorted(set(module(f) for f in files))
index, low, on, stack, sccs, counter = {}, {}, set(), [], [], [0]
for root in nodes:
    if root in index:
        continue
    work = [(root, iter(sorted(succ.get(root, ()))))]
    index[root] = low[root] = counter[0]; counter[0] += 1
    stack.append(root); on.add(root)
    while work:
        v, it = work[-1]
        advanced = False
        for w in it:
            if w not in index:
                index[w] = low[w] = counter[0]; counter[0] += 1
                stack.append(w); on.add(w)
                work.append((w, iter(sorted(succ.get(w, ())))))
                advanced = True
                break
            if w in on:
                low[v] = min(low[v], index[w])
        if advanced:
            continue
        work.pop()
        if work:
            low[work[-1][0]] = min(low[work[-1][0]], low[v])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))

for comp in sccs:
    members = set(comp)
    detail = []
    for a, b, no in edges:
        if b in present and module(a) in members and module(b) in members and module(a) != module(b):
            detail.append('    src/%s:%d includes "%s"' % (a, no, b))
    msg = 'cycle between %s\n%s' % (', '.join(comp), '\n'.join(sorted(detail)))
    problems.append(msg)

# 3. web page headers
for a, b, no in edges:
    if layer(b) == 'web' and b.endswith('.h') and b not in WEB_SHARED_HEADERS:
        if a != ROUTE_TABLE and module(a) != module(b):
            problems.append('src/%s:%d: includes the page header "%s": only %s.c and %s may '
                            '(shared pieces belong in web/parts.h)' %
                            (a, no, b, module(b), ROUTE_TABLE))

for w in warnings:
    print('warning: ' + w)
for p in problems:
    print(p)
if problems:
    print('check-includes: %d problem%s' % (len(problems), '' if len(problems) == 1 else 's'))
    sys.exit(1)
print('check-includes: ok (%d files, %d includes%s)' %
      (len(files), len(edges), ', %d warning%s' % (len(warnings), '' if len(warnings) == 1 else 's')
       if warnings else ''))
PY
