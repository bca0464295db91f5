#pragma once
// One entry of a crawl's work list, as the sites file gave it and the store keeps it.
#include <cstddef>
#include <string>

namespace geocrawl {

struct site_entry {
  std::size_t line = 0;  // 1-based line where the entry starts
  std::string url;       // canonical http(s) URL: what is fetched first and stored
  std::string
      fallback_url;  // for a bare domain, the http:// URL tried when https fails; else empty
  std::string
      labels_json;  // CSV: the other columns as a JSON object {"header": "value", ...}; else empty
};

}  // namespace geocrawl
