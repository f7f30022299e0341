#!/usr/bin/env python3
"""Writes the large-run benchmark scenario (issue 12): 10,000 requests from 50 clients
over 20 s of the run, mutex and cache off, every key sent once to each cluster 5 ms apart,
so that about half of the keys are charged twice (the long verdict the summary is for).

Usage: tests/bench/large-scenario.py OUT.json [REQUESTS]
"""
import json
import sys

out = sys.argv[1]
requests = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
clients = 50
scenario = {
    "schema": "idemlab.scenario/1",
    "name": "large-%d" % requests,
    "title": "%d requests" % requests,
    "description": "The large-run benchmark: every key sent to both clusters 5 ms apart, "
                   "mutex and cache off",
    "settings": {"mutex": False, "cache": False, "timeoutMs": 5000},
    "clients": [{"name": "Client %d" % (c + 1), "region": "AB"[c % 2]} for c in range(clients)],
    "requests": [],
}
for i in range(requests):
    key = i // 2
    scenario["requests"].append({
        "id": "R%d" % (i + 1),
        "client": "Client %d" % (i % clients + 1),
        # Pairs 4 ms apart; the second of a pair 5 ms after the first, on the other cluster.
        "atMs": round(key * 4.0 + (i % 2) * 5.0, 3),
        "key": "K%d" % (key + 1),
        "cluster": "AB"[i % 2],
    })
with open(out, "w") as f:
    json.dump(scenario, f, indent=1)
