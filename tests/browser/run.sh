#!/bin/sh
# Browser test of the batch report: headless Chromium opens index.html from
# disk (no network), every <img> must load, and a screenshot must not be blank.
#   METACLUST   the binary;  CHROMIUM  the browser (default: chromium)
set -eu
: "${METACLUST:?set METACLUST}"
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
browser=${CHROMIUM:-chromium}
T=$(mktemp -d "${TMPDIR:-/tmp}/mcbrowser.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail() { echo "browser-test: FAIL: $*"; exit 1; }
command -v "$browser" >/dev/null 2>&1 || fail "$browser not found (make browser-test installs it)"

"$METACLUST" batch "$top/datasets/central-europe" -o "$T/out" --runs 2 --quiet

# a page that loads index.html in a frame and reports on every image
cat >"$T/out/check.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>pending</title></head><body>
<iframe id="f" src="index.html" width="1400" height="900"></iframe>
<script>
document.getElementById('f').addEventListener('load', function () {
  var imgs = this.contentDocument.images, bad = [], n = imgs.length, left = n;
  function done() {
    for (var i = 0; i < n; i++) {
      if (!imgs[i].complete || imgs[i].naturalWidth === 0) bad.push(imgs[i].getAttribute('src'));
    }
    document.title = (bad.length ? 'IMAGES-BROKEN ' + bad.join(' ') : 'IMAGES-OK ' + n);
  }
  if (n === 0) { document.title = 'IMAGES-NONE'; return; }
  for (var i = 0; i < n; i++) {
    imgs[i].loading = 'eager';
    if (imgs[i].complete) { if (--left === 0) done(); }
    else { imgs[i].addEventListener('load', function () { if (--left === 0) done(); });
           imgs[i].addEventListener('error', function () { if (--left === 0) done(); }); }
  }
});
</script></body></html>
HTML
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync \
--allow-file-access-from-files --user-data-dir=$T/profile --virtual-time-budget=20000"
# shellcheck disable=SC2086
"$browser" $flags --dump-dom "file://$T/out/check.html" >"$T/dom.html" 2>"$T/chromium.log" ||
    { tail -5 "$T/chromium.log"; fail "chromium could not open the page"; }
title=$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$T/dom.html" | head -1)
case "$title" in
IMAGES-OK*) echo "browser-test: ${title#IMAGES-OK } images loaded" ;;
*) fail "images: $title" ;;
esac
[ "${title#IMAGES-OK }" -ge 20 ] || fail "expected 2 figures for each of the 10 units, got ${title#IMAGES-OK }"

# shellcheck disable=SC2086
"$browser" $flags --window-size=1400,1600 --screenshot="$T/shot.png" "file://$T/out/index.html" \
    >/dev/null 2>>"$T/chromium.log" || fail "screenshot"
cc -O2 -o "$T/ink" "$here/ink.c" $(pkg-config --cflags --libs cairo) || fail "cannot build ink"
ink=$("$T/ink" "$T/shot.png")
echo "browser-test: screenshot $(wc -c <"$T/shot.png") bytes, ${ink}% ink"
awk -v i="$ink" 'BEGIN { exit !(i > 5) }' || fail "the screenshot is blank (${ink}% ink)"
echo "browser-test: ok"

# the explorer pages of `metaclust explore`
sh "$here/explore.sh"
