#!/bin/sh
# Check that src/domain emits no HTML: no string literal there contains something that starts
# an HTML tag: "<" and a tag name ending in a space, "/" or ">" ("<p>", "<a href", "<br/"),
# or "</". An address in angle brackets ("Praxis <praxis@example.org>") is not a tag. HTML is written only by src/web and by the
# Markdown renderer in src/core (whose hooks the domain answers with data). Prints the
# offending lines and exits 1 if there are any; exits 0 otherwise.
#
#   scripts/check-domain-html.sh        (run from anywhere; scripts/test.sh runs it)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
if hits=$(grep -nE '"[^"]*<(/|[a-zA-Z][a-zA-Z0-9]*([ />"]|$))' "$root"/src/domain/*.c); then
    echo "check-domain-html: string literals with HTML tags in src/domain:" >&2
    echo "$hits" >&2
    exit 1
fi
echo "check-domain-html: ok (no HTML in src/domain)"
