#!/usr/bin/env python3
"""Draws upload throughput against chunk size as SVG from BenchmarkDotNet's CSV report of UploadChunkBenchmarks.

Usage: chunk_chart.py REPORT.csv OUT.svg
Standard library only. X: chunk size (log scale), with the single-request mode at the right; Y: MB/s (the suite's
MB/s column). Engine and wire-level lines per file size, Google.Apis points, raw PUT as a dashed reference line.
"""
import csv
import math
import sys

UNITS = {"KiB": 1024, "MiB": 1024 ** 2, "GiB": 1024 ** 3}
WIDTH, HEIGHT = 820, 500
LEFT, RIGHT, TOP, BOTTOM = 70, 200, 40, 60
COLORS = {"Engine": "#1f77b4", "Wire": "#2ca02c", "GoogleApis": "#d62728", "RawPut": "#555555", "KestrelSink": "#aaaaaa"}
DASHES = {0: "", 1: "6,4"}


def parse_size(text):
    text = text.strip()
    for unit, factor in UNITS.items():
        if text.endswith(unit):
            return int(float(text[: -len(unit)]) * factor)
    return int(text)


def label(size):
    for unit, factor in reversed(list(UNITS.items())):
        if size % factor == 0:
            return f"{size // factor}{unit}"
    return str(size)


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;")
        rows = list(csv.DictReader(handle, dialect=dialect))
    points = []
    for row in rows:
        rate = row.get("MB/s", "").replace(",", "")
        if not rate or rate == "n/a":
            continue
        method = row["Method"].strip("'")
        chunk = row.get("chunk", "").strip()
        points.append((method, int(row["FileSize"]), chunk if chunk and chunk != "?" else None, float(rate)))
    return points


def main(report, out):
    points = read_rows(report)
    if not points:
        sys.exit(f"{report} has no rows with an MB/s value; pass the UploadChunkBenchmarks CSV report.")
    chunks = sorted({parse_size(c) for _, _, c, _ in points if c and c != "single"})
    slots = [label(c) for c in chunks] + ["single"]
    sizes = sorted({s for _, s, _, _ in points})
    top = max(r for *_, r in points) * 1.1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(slot):
        return LEFT + plot_w * (slots.index(slot) + 0.5) / len(slots)

    def y(rate):
        return TOP + plot_h * (1 - rate / top)

    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" font-size="12">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
           f'<text x="{LEFT}" y="22" font-size="15">Upload throughput vs chunk size (loopback, in-process emulator)</text>']
    step = 10 ** math.floor(math.log10(top / 5)) if top > 0 else 1
    tick = 0.0
    while tick <= top:
        svg.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#eee"/>')
        svg.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>')
        tick += step * (2 if top / step > 12 else 1)
    for slot in slots:
        svg.append(f'<text x="{x(slot):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">{slot}</text>')
    svg.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 15}" text-anchor="middle">chunk size (log scale; "single" = whole file in one PUT)</text>')
    svg.append(f'<text x="18" y="{TOP + plot_h / 2}" transform="rotate(-90 18 {TOP + plot_h / 2})" text-anchor="middle">MB/s (10^6 bytes/s)</text>')
    svg.append(f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#333"/>')

    legend = []
    for index, size in enumerate(sizes):
        dash = DASHES.get(index, "2,2")
        for method in ("Engine", "Wire"):
            series = sorted(((slots.index(c if c == "single" else label(parse_size(c))), r) for m, s, c, r in points
                             if m == method and s == size and c), key=lambda p: p[0])
            if not series:
                continue
            path = " ".join(f"{'M' if i == 0 else 'L'}{x(slots[s]):.1f},{y(r):.1f}" for i, (s, r) in enumerate(series))
            svg.append(f'<path d="{path}" fill="none" stroke="{COLORS[method]}" stroke-width="2" stroke-dasharray="{dash}"/>')
            svg.extend(f'<circle cx="{x(slots[s]):.1f}" cy="{y(r):.1f}" r="3" fill="{COLORS[method]}"/>' for s, r in series)
            legend.append((COLORS[method], dash, f"{method}, {label(size)} file", "line"))
        for m, s, c, r in points:
            if m == "GoogleApis" and s == size and c:
                svg.append(f'<rect x="{x(label(parse_size(c))) - 4:.1f}" y="{y(r) - 4:.1f}" width="8" height="8" fill="{COLORS[m]}" opacity="{1 - 0.4 * index}"/>')
        legend.append((COLORS["GoogleApis"], dash, f"Google.Apis, {label(size)} file", "square"))
        for method in ("RawPut", "KestrelSink"):
            for m, s, _, r in points:
                if m == method and s == size:
                    svg.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(r):.1f}" y2="{y(r):.1f}" stroke="{COLORS[m]}" stroke-dasharray="{dash or "1,0"}"/>')
                    legend.append((COLORS[m], dash, f"{'raw PUT' if m == 'RawPut' else 'Kestrel sink'}, {label(size)} file", "line"))
    for i, (color, dash, text, kind) in enumerate(legend):
        ly = TOP + 10 + i * 18
        lx = LEFT + plot_w + 12
        if kind == "square":
            svg.append(f'<rect x="{lx + 8}" y="{ly - 4}" width="8" height="8" fill="{color}"/>')
        else:
            svg.append(f'<line x1="{lx}" x2="{lx + 24}" y1="{ly}" y2="{ly}" stroke="{color}" stroke-width="2" stroke-dasharray="{dash}"/>')
        svg.append(f'<text x="{lx + 30}" y="{ly + 4}">{text}</text>')
    svg.append("</svg>")
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
