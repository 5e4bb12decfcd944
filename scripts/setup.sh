#!/usr/bin/env bash
# Installs what actorgraph needs on a fresh Debian machine: the C libraries it links
# (libxml2, Graphviz's libgvc; SQLite is built in, Sources/CSQLite), the sqlite3 shell for scripts,
# xmllint for schema checks, an Arabic font for rendered pictures, and NetworkX and igraph (the
# GraphML interoperability tests; NetworkX for the evaluation script).
set -euo pipefail
need=()
for pkg in libxml2-dev libxml2-utils pkg-config sqlite3 libgraphviz-dev graphviz fonts-noto-core; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "installing: ${need[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! python3 -c "import networkx" >/dev/null 2>&1; then
    echo "installing: networkx (pip)"
    python3 -m pip install -q networkx
fi
# 0.11.8: its GraphML reader keeps edge ids right; later versions change what the tests compare.
if ! python3 -c "import igraph, sys; sys.exit(igraph.__version__ != '0.11.8')" >/dev/null 2>&1; then
    echo "installing: igraph==0.11.8 (pip)"
    python3 -m pip install -q igraph==0.11.8
fi
