#!/bin/sh
# Fetches the vendored JavaScript again from the npm registry and checks it.
#
#   sh web/fetch-vendor.sh          re-fetch with `npm pack`, compare with web/vendor/VERSIONS
#   sh web/fetch-vendor.sh --check  only check the committed files against VERSIONS (no network)
#
# web/vendor/VERSIONS names each package, its pinned version, the sha256 of
# the npm tarball, the file taken from it and that file's sha256. The build
# (Makefile: build/explore_assets.c) inlines the files into `metaclust
# explore`, so CI needs neither npm nor the network. To upgrade, change the
# version here and in VERSIONS, run this script, read the new sha256 values
# it prints, and update VERSIONS.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
vendor=$here/vendor
versions=$vendor/VERSIONS

sha() { sha256sum "$1" | cut -d' ' -f1; }

check_files() {
    status=0
    grep -v '^#' "$versions" | while read -r pkg ver tgz_sha file file_sha; do
        got=$(sha "$vendor/$(basename "$file")")
        if [ "$got" != "$file_sha" ]; then
            echo "fetch-vendor: $pkg@$ver: $(basename "$file") has sha256 $got, VERSIONS says $file_sha" >&2
            exit 1
        fi
        echo "ok $pkg@$ver $(basename "$file")"
    done || status=1
    return $status
}

if [ "${1:-}" = "--check" ]; then
    check_files
    exit $?
fi

command -v npm >/dev/null || { echo "fetch-vendor: npm not found (needed to fetch; --check needs none)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' "$versions" | while read -r pkg ver tgz_sha file file_sha; do
    (cd "$tmp" && npm pack --silent "$pkg@$ver" >/dev/null)
    tgz=$tmp/$pkg-$ver.tgz
    got=$(sha "$tgz")
    if [ "$got" != "$tgz_sha" ]; then
        echo "fetch-vendor: $pkg-$ver.tgz has sha256 $got, VERSIONS says $tgz_sha" >&2
        exit 1
    fi
    mkdir -p "$tmp/$pkg"
    tar xzf "$tgz" -C "$tmp/$pkg"
    got=$(sha "$tmp/$pkg/package/$file")
    if [ "$got" != "$file_sha" ]; then
        echo "fetch-vendor: $pkg@$ver $file has sha256 $got, VERSIONS says $file_sha" >&2
        exit 1
    fi
    cp "$tmp/$pkg/package/$file" "$vendor/$(basename "$file")"
    cp "$tmp/$pkg/package/LICENSE.txt" "$vendor/LICENSE.$pkg.txt"
    echo "fetched $pkg@$ver $(basename "$file") ($got)"
done
