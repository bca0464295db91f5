#pragma once
// What a line of the sites file gives — an entry of a crawl's work list, or the reason the line
// was rejected — as the store keeps it.
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

// A rejected line of the sites file. Kept with the run (input_errors) and shown to the user.
struct site_line_error {
  std::size_t line = 0;
  std::string
      message;  // what is wrong, quoting at most 80 characters of the line and never a password
};

}  // namespace geocrawl
