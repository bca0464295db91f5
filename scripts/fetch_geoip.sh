#!/usr/bin/env bash
# Installs the country database geocrawl ships, data/geoip/geo-whois-asn-country.mmdb
# (what it is and its licence: data/geoip/README.md). The file is fetched, not committed:
# it is 7.5 MB of binary data that changes daily upstream. The version and both SHA-256
# hashes are pinned, so every checkout geolocates with the same bytes. Does nothing when
# the file is already in place with the right hash.
set -euo pipefail

# The database is published as an npm package; npm fetches it from the registry the machine
# is configured for, so no host is named here.
package=@ip-location-db/geo-whois-asn-country-mmdb
version=2.3.2026061719
tarball_sha256=91757a1b06cdcd1955f292e4c4cfc54e091204f998e159a3187f7a2ef3724be0
member=package/geo-whois-asn-country.mmdb
mmdb_sha256=c5f7c0e9bd6a6ccb5a2e9634764544a0d08bd0bd8788b8aedfac87bea184c652

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target="$repo_root/data/geoip/geo-whois-asn-country.mmdb"

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

fail() {
  echo "fetch_geoip: $*" >&2
  exit 1
}

if [[ -f $target ]]; then
  if [[ $(sha256_of "$target") == "$mmdb_sha256" ]]; then
    echo "fetch_geoip: $target present and verified"
    exit 0
  fi
  echo "fetch_geoip: $target has the wrong SHA-256; fetching it again"
fi

command -v npm >/dev/null || fail "npm is not installed (scripts/setup.sh installs it)"

mkdir -p "$(dirname "$target")"
download_dir=$(mktemp -d)
# In the target's directory, so the final rename is atomic: a reader never sees half a file.
partial=$(mktemp "$target.XXXXXX")
trap 'rm -rf "$download_dir" "$partial"' EXIT

echo "fetch_geoip: npm pack $package@$version"
tarball_name=$(cd "$download_dir" && npm pack --silent "$package@$version") \
  || fail "npm cannot fetch $package@$version"
tarball="$download_dir/$tarball_name"

actual=$(sha256_of "$tarball")
[[ $actual == "$tarball_sha256" ]] \
  || fail "$package@$version has SHA-256 $actual, expected $tarball_sha256; not installing it"

tar -xzOf "$tarball" "$member" >"$partial" || fail "$package@$version holds no $member"
actual=$(sha256_of "$partial")
[[ $actual == "$mmdb_sha256" ]] \
  || fail "$member in $package@$version has SHA-256 $actual, expected $mmdb_sha256; not installing it"

chmod 644 "$partial"
mv -f "$partial" "$target"
echo "fetch_geoip: installed $target (ip-location-db geo-whois-asn-country $version)"
