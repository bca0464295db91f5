#!/usr/bin/env bash
# Fails, naming the file and line, when a production source includes what its layer may not:
#   - boost/beast/_experimental anywhere under crawler/, proxies/ or parsers/: that is Beast's
#     test stream, and test code belongs in tests/ (tests/support instantiates the protocol
#     code for it);
#   - boost/asio or boost/beast in a header under crawler/store/, crawler/verdict/,
#     crawler/report/ or crawler/warc/, or in any file under parsers/: those layers have no network code (their
#     CMakeLists.txt say so), and a network header there would reach every file that includes
#     them.
# The link graph cannot catch these: Boost's headers are on every target's include path.
#   tests/tree/check_layer_includes.sh SOURCE_DIR
set -euo pipefail
cd "$1"

found=0

# forbid WHY PATTERN FILE...: reports every #include of a path matching PATTERN in the files.
forbid() {
  local why=$1 pattern=$2
  shift 2
  (($# > 0)) || return 0  # grep without files would read its standard input
  local hit
  while IFS= read -r hit; do
    local file=${hit%%:*} rest=${hit#*:}
    local line=${rest%%:*} text=${rest#*:}
    echo "$file:$line: $why: $text"
    found=1
  done < <(grep -nHE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pattern)" "$@" || true)
}

sources() { find "$@" -type f \( -name '*.cpp' -o -name '*.hpp' \) | sort; }

mapfile -t production < <(sources crawler proxies parsers)
mapfile -t offline_headers < <(find crawler/store crawler/verdict crawler/report crawler/warc -type f -name '*.hpp' | sort)
mapfile -t parsers < <(sources parsers)

forbid "test code in a production library" 'boost/beast/_experimental' "${production[@]}"
forbid "a network header in a layer without network code" 'boost/(asio|beast)' \
  "${offline_headers[@]}" "${parsers[@]}"

# The same through every header they include in turn (a proxies/ header that pulls in Asio,
# say): the preprocessor lists each header's whole include tree.
compiler=${CXX:-c++}
for header in "${offline_headers[@]}" $(find parsers -type f -name '*.hpp' | sort); do
  if ! dependencies=$("$compiler" -std=c++20 -I. -I/usr/include/gumbo -M -x c++ "$header" 2>&1); then
    echo "$header: does not preprocess on its own: $dependencies"
    found=1
    continue
  fi
  network=$(tr -s ' \\\n' '\n' <<<"$dependencies" | grep -E '/boost/(asio|beast)/' | head -n 1 || true)
  if [[ -n $network ]]; then
    echo "$header: a network header in a layer without network code, through its includes: $network"
    found=1
  fi
done

exit "$found"
