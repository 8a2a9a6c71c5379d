"""Reads a Prometheus text exposition on stdin with prometheus-client's parser and prints it as JSON.

Run with Debian's /usr/bin/python3 and python3-prometheus-client (scripts/prepare.sh installs both). A line the
parser refuses ends it with the parser's error and exit code 1.
Output: {"families": [{"name", "type", "help"}], "samples": [{"name", "labels", "value"}]}.
"""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families

families = list(text_string_to_metric_families(sys.stdin.read()))
print(json.dumps({
    "families": [{"name": f.name, "type": f.type, "help": f.documentation} for f in families],
    "samples": [
        {"name": s.name, "labels": s.labels, "value": s.value if math.isfinite(s.value) else str(s.value)}
        for f in families for s in f.samples
    ],
}))
