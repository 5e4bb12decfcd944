#!/usr/bin/env python3
"""Reads one GraphML file with NetworkX and with igraph and prints what each sees.

Usage: scripts/graphml-readers.py FILE.graphml

Prints a table (counts, attribute names and Python types per reader) and, on the last
line, a JSON object the end-to-end tests compare with the store:
  {"networkx": {...}, "igraph": {...}, "same": {...}}
igraph 0.11.8 ignores keys declared for="all" (only `label` is): it reads the node
display name from `name` and the edge relation from `relation`, both written too.
"""
import json
import sys
import warnings

import networkx as nx


def types(rows):
    out = {}
    for row in rows:
        for k, v in row.items():
            out.setdefault(k, set()).add(type(v).__name__)
    return {k: sorted(v) for k, v in sorted(out.items())}


def main(path):
    g = nx.read_graphml(path)
    # Two relations between the same pair make NetworkX build a MultiDiGraph, whose edge keys are the ids.
    if g.is_multigraph():
        nxe = {d.get("id", k): (u, v, d) for u, v, k, d in g.edges(keys=True, data=True)}
    else:
        nxe = {d.get("id"): (u, v, d) for u, v, d in g.edges(data=True)}
    report = {"networkx": {
        "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "directed": g.is_directed(),
        "multigraph": g.is_multigraph(), "edge_ids": len(nxe),
        "node_attributes": types(d for _, d in g.nodes(data=True)),
        "edge_attributes": types(d for _, _, d in g.edges(data=True)),
        "labels": {n: d.get("label") for n, d in g.nodes(data=True)},
        "weights": {i: e[2]["weight"] for i, e in nxe.items()},
    }}
    same = {}
    try:
        import igraph
    except ImportError:
        report["igraph"] = None
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the for="all" key it skips
            ig = igraph.Graph.Read_GraphML(path)
        report["igraph"] = {
            "version": igraph.__version__,
            "nodes": ig.vcount(), "edges": ig.ecount(), "directed": ig.is_directed(),
            "node_attributes": types(v.attributes() for v in ig.vs),
            "edge_attributes": types(e.attributes() for e in ig.es),
            "labels": {v["id"]: v["name"] for v in ig.vs},
            "weights": {e["id"]: e["weight"] for e in ig.es},
        }
        r = report["igraph"]
        ends = {e["id"]: (ig.vs[e.source]["id"], ig.vs[e.target]["id"], e["relation"]) for e in ig.es}
        same = {
            "counts": (r["nodes"], r["edges"]) == (report["networkx"]["nodes"], report["networkx"]["edges"]),
            "node_labels_bytes": all(report["networkx"]["labels"][k].encode() == v.encode() for k, v in r["labels"].items()),
            "edge_ids_endpoints_relation": all(ends[i] == (u, v, d["label"]) for i, (u, v, d) in nxe.items()),
            "weights_integral_and_equal": all(float(w).is_integer() and int(w) == report["networkx"]["weights"][i]
                                              for i, w in r["weights"].items()),
        }
    report["same"] = same
    for name in ("networkx", "igraph"):
        r = report[name]
        if r is None:
            print(f"{name}: not installed")
            continue
        print(f"{name}{' ' + r['version'] if 'version' in r else ''}: {r['nodes']} nodes, {r['edges']} edges, directed={r['directed']}")
        print("  node attributes: " + ", ".join(f"{k}:{'/'.join(v)}" for k, v in r["node_attributes"].items()))
        print("  edge attributes: " + ", ".join(f"{k}:{'/'.join(v)}" for k, v in r["edge_attributes"].items()))
    print("agreement: " + ", ".join(f"{k}={v}" for k, v in same.items()))
    slim = {k: ({kk: vv for kk, vv in v.items() if kk not in ("labels", "weights")} if isinstance(v, dict) and k != "same" else v)
            for k, v in report.items()}
    slim["labels"] = report["networkx"]["labels"]
    print(json.dumps(slim, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
