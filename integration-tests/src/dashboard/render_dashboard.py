#!/usr/bin/env python3
"""Renders the queries of docs/dashboards/rwsplit-grafana.json, as a Prometheus answers them, to one HTML page of
SVG charts laid out on the dashboard's grid, for a headless browser to turn into a PNG. Grafana is not involved: the
page shows what each panel's PromQL returned, drawn plainly (lines, state bands, a stat), not Grafana's look.

    render_dashboard.py DASHBOARD.json PROMETHEUS_URL CLUSTER START END OUT.html [EPOCH=LABEL ...]

START and END are epoch seconds; each EPOCH=LABEL draws a dashed line marking a phase of the run.
Standard library only.
"""
import html
import json
import math
import sys
import urllib.parse
import urllib.request

COLUMN = 62          # pixels per grid column (24 columns)
ROW = 34             # pixels per grid row
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
STATE_COLOURS = {0: "#56a64b", 1: "#f2cc0c", 2: "#e02f44"}
STATE_NAMES = {0: "up", 1: "lagging", 2: "down"}


def query(prometheus, path, params):
    url = prometheus.rstrip("/") + path + "?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=30) as response:
        answer = json.load(response)
    if answer.get("status") != "success":
        raise RuntimeError(f"{url}: {answer}")
    return answer["data"]["result"]


def legend(template, labels):
    text = template
    for key, value in labels.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def expression(target, cluster, rate_interval):
    return target["expr"].replace("$cluster", cluster).replace("$__rate_interval", rate_interval)


def series(prometheus, panel, cluster, start, end, step, rate_interval):
    found = []
    for target in panel["targets"]:
        for result in query(prometheus, "/api/v1/query_range", {
                "query": expression(target, cluster, rate_interval), "start": start, "end": end, "step": step}):
            points = [(float(t), float(v)) for t, v in result["values"] if v not in ("NaN", "+Inf", "-Inf")]
            found.append((legend(target.get("legendFormat", ""), result["metric"]), points))
    return found


def format_value(value, unit):
    if unit == "percentunit":
        return f"{value * 100:.0f}%"
    if unit == "s":
        return f"{value:.0f} s"
    if abs(value) >= 1000:
        return f"{value / 1000:.1f}k"
    if abs(value) < 1 and value != 0:
        return f"{value:.2f}"
    return f"{value:.1f}" if abs(value) < 10 and value != int(value) else f"{value:.0f}"


def x_of(t, start, end, left, width):
    return left + (t - start) / (end - start) * width


def markers_svg(markers, start, end, left, top, width, height):
    parts = []
    for epoch, label in markers:
        if start <= epoch <= end:
            x = x_of(epoch, start, end, left, width)
            parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + height}" stroke="#999" '
                         f'stroke-dasharray="4 3"/>')
            parts.append(f'<text x="{x + 3:.1f}" y="{top + 10}" font-size="9" fill="#666">{html.escape(label)}</text>')
    return "".join(parts)


def time_axis(start, end, left, top, width):
    parts = []
    for i in range(0, 5):
        t = start + (end - start) * i / 4
        x = x_of(t, start, end, left, width)
        parts.append(f'<text x="{x:.1f}" y="{top + 12}" font-size="9" fill="#666" text-anchor="middle">'
                     f'+{int(t - start)} s</text>')
    return "".join(parts)


def timeseries_svg(found, unit, width, height, start, end, markers, stacked):
    left, top, right, bottom = 46, 6, 8, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    if stacked:
        times = sorted({t for _, points in found for t, _ in points})
        running = {t: 0.0 for t in times}
        stacked_found = []
        for name, points in found:
            values = dict(points)
            stacked_points = []
            for t in times:
                running[t] += values.get(t, 0.0)
                stacked_points.append((t, running[t]))
            stacked_found.append((name, stacked_points))
        found = stacked_found
    values = [v for _, points in found for _, v in points] or [0.0]
    low = min(0.0, min(values))
    high = max(values)
    if unit == "percentunit":
        low, high = 0.0, 1.0
    if high <= low:
        high = low + 1
    parts = [f'<svg width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">']
    for i in range(5):
        v = low + (high - low) * i / 4
        y = top + plot_h - (v - low) / (high - low) * plot_h
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#eee"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 3:.1f}" font-size="9" fill="#666" text-anchor="end">'
                     f'{format_value(v, unit)}</text>')
    parts.append(markers_svg(markers, start, end, left, top, plot_w, plot_h))
    for index, (name, points) in enumerate(found):
        colour = PALETTE[index % len(PALETTE)]
        segments, current, previous = [], [], None
        for t, v in points:
            if previous is not None and t - previous > 10:
                segments.append(current)
                current = []
            current.append(f"{x_of(t, start, end, left, plot_w):.1f},"
                           f"{top + plot_h - (v - low) / (high - low) * plot_h:.1f}")
            previous = t
        segments.append(current)
        for segment in segments:
            if segment:
                parts.append(f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" '
                             f'stroke-width="1.5"/>')
    parts.append(time_axis(start, end, left, top + plot_h, plot_w))
    x = left
    for index, (name, _) in enumerate(found):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="{height - 14}" width="10" height="3" fill="{colour}"/>'
                     f'<text x="{x + 13}" y="{height - 10}" font-size="9" fill="#333">{html.escape(name)}</text>')
        x += 20 + 5.5 * len(name)
    if not found:
        parts.append(f'<text x="{left + plot_w / 2}" y="{top + plot_h / 2}" font-size="11" fill="#999" '
                     f'text-anchor="middle">No data</text>')
    parts.append("</svg>")
    return "".join(parts)


def state_timeline_svg(found, width, height, start, end, markers, step):
    left, top, right, bottom = 110, 4, 8, 30
    plot_w = width - left - right
    rows = max(1, len(found))
    row_h = min(26, (height - top - bottom) / rows)
    parts = [f'<svg width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">']
    for index, (name, points) in enumerate(sorted(found)):
        y = top + index * row_h
        parts.append(f'<text x="{left - 6}" y="{y + row_h / 2 + 3:.1f}" font-size="10" fill="#333" '
                     f'text-anchor="end">{html.escape(name)}</text>')
        for t, v in points:
            x = x_of(t, start, end, left, plot_w)
            w = plot_w * step / (end - start) + 0.5
            parts.append(f'<rect x="{x:.1f}" y="{y + 2:.1f}" width="{w:.1f}" height="{row_h - 4:.1f}" '
                         f'fill="{STATE_COLOURS.get(int(v), "#999")}"/>')
    plot_h = rows * row_h
    parts.append(markers_svg(markers, start, end, left, top, plot_w, plot_h))
    parts.append(time_axis(start, end, left, top + plot_h, plot_w))
    x = left
    for value, name in STATE_NAMES.items():
        parts.append(f'<rect x="{x}" y="{height - 12}" width="10" height="8" fill="{STATE_COLOURS[value]}"/>'
                     f'<text x="{x + 13}" y="{height - 5}" font-size="9" fill="#333">{name}</text>')
        x += 60
    parts.append("</svg>")
    return "".join(parts)


def stat_html(prometheus, panel, cluster, start, end, step, rate_interval):
    """The series present at the last step that has any, as Grafana's "last not null" would show them."""
    last = {}
    for name, points in series(prometheus, panel, cluster, start, end, step, rate_interval):
        if points:
            last[name] = points[-1][0]
    newest = max(last.values(), default=None)
    names = [name for name, t in last.items() if t == newest]
    text = ", ".join(names) or "No data"
    return f'<div style="font-size:26px;font-weight:600;padding:18px 10px;color:#333">{html.escape(text)}</div>'


def main():
    dashboard_file, prometheus, cluster, start, end, out = sys.argv[1:7]
    markers = []
    for argument in sys.argv[7:]:
        epoch, label = argument.split("=", 1)
        markers.append((float(epoch), label))
    start, end = float(start), float(end)
    step = max(2, int((end - start) / 300))
    rate_interval = "10s"
    dashboard = json.load(open(dashboard_file))
    blocks = []
    bottom = 0
    for panel in dashboard["panels"]:
        grid = panel["gridPos"]
        width, height = grid["w"] * COLUMN - 8, grid["h"] * ROW - 8
        bottom = max(bottom, (grid["y"] + grid["h"]) * ROW)
        body_height = height - 24
        unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "short")
        if panel["type"] == "stat":
            body = stat_html(prometheus, panel, cluster, start, end, step, rate_interval)
        elif panel["type"] == "state-timeline":
            body = state_timeline_svg(series(prometheus, panel, cluster, start, end, step, rate_interval), width,
                                      body_height, start, end, markers, step)
        else:
            stacked = panel.get("fieldConfig", {}).get("defaults", {}).get("custom", {}) \
                .get("stacking", {}).get("mode") == "normal"
            body = timeseries_svg(series(prometheus, panel, cluster, start, end, step, rate_interval), unit, width,
                                  body_height, start, end, markers, stacked)
        blocks.append(f'<div class="panel" style="left:{grid["x"] * COLUMN + 4}px;top:{grid["y"] * ROW + 40}px;'
                      f'width:{width}px;height:{height}px"><div class="title">{html.escape(panel["title"])}</div>'
                      f'{body}</div>')
    page = f"""<!doctype html><html><head><meta charset="utf-8"><style>
body {{ margin:0; font-family: DejaVu Sans, sans-serif; background:#f4f5f5; }}
.head {{ position:absolute; left:8px; top:8px; font-size:15px; color:#222; }}
.panel {{ position:absolute; background:#fff; border:1px solid #ddd; border-radius:3px; overflow:hidden; }}
.title {{ font-size:12px; font-weight:600; color:#333; padding:4px 8px; height:16px; }}
</style></head><body>
<div class="head">{html.escape(dashboard["title"])} &middot; cluster={html.escape(cluster)} &middot;
{int(end - start)} s of a real run, queried from Prometheus (rate window {rate_interval}, step {step} s)</div>
{"".join(blocks)}
</body></html>"""
    with open(out, "w") as output:
        output.write(page)
    print(f"{out}: {24 * COLUMN + 8} x {bottom + 48}")


if __name__ == "__main__":
    main()
