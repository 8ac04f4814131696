#!/usr/bin/env bash
# Renders the annual report's HTML with headless Chromium to a PNG, to look at before a release.
#   Tools/render_report_html.sh [YEAR] [OUT_DIR]      (default 2025, /tmp/groupledger-report)
# Needs Debian's chromium and fonts-noto-cjk (large: kept out of .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
year="${1:-2025}"
out="${2:-/tmp/groupledger-report}"
mkdir -p "$out"
command -v chromium >/dev/null || { echo "render_report_html: chromium is not installed (apt-get install chromium fonts-noto-cjk)" >&2; exit 1; }
fc-list :lang=zh | grep -qi "noto" || echo "render_report_html: warning: no Noto CJK font; Chinese may render as boxes" >&2
swift build -c release --product groupledger >/dev/null
.build/release/groupledger report annual --year "$year" --format html --out "$out/annual-$year.html"
for width in 1200 800; do
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,4000" \
    --screenshot="$out/annual-$year-$width.png" "file://$(cd "$out" && pwd)/annual-$year.html" >/dev/null 2>&1
  echo "render_report_html: $out/annual-$year-$width.png ($(stat -c %s "$out/annual-$year-$width.png") bytes)"
done
chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$out/annual-$year.pdf" --no-pdf-header-footer \
  "file://$(cd "$out" && pwd)/annual-$year.html" >/dev/null 2>&1 && echo "render_report_html: $out/annual-$year.pdf (print layout)"
