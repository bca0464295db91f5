#pragma once
// A site's favicon as one of its views' vantages fetched it, once per site per run: the URL
// asked for (the page's <link rel=icon>, else /favicon.ico at the view's final origin), what
// came back, and Shodan's http.favicon.hash of the bytes (parsers/favicon_hash.hpp) when they
// are a whole icon. Plain data, kept on the view whose vantage fetched it (view::favicon).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crawler/view/view_error.hpp"

namespace geocrawl {

// The closed set of what an icon fetch came to; its words are stored and printed.
enum class favicon_outcome : std::uint8_t {
  hashed,      // a 2xx answer with its whole body: `hash` is set
  http_error,  // the server answered with another status (a 404 most often)
  empty,       // a 2xx answer without a byte
  oversize,    // more than [limits] max_favicon_bytes: cut there and not hashed
  failed,      // no answer: `error` says why, with the views' own error codes
};

std::string_view to_string(favicon_outcome outcome) noexcept;
// The outcome a word names, as to_string writes it; nullopt for any other word.
std::optional<favicon_outcome> favicon_outcome_from(std::string_view word) noexcept;

struct favicon_fetch {
  std::string url;        // as asked for
  std::string final_url;  // after redirects; empty when nothing answered
  favicon_outcome outcome = favicon_outcome::failed;
  int status = 0;           // of the final response; 0 when none
  std::uint64_t bytes = 0;  // body bytes kept (at most the limit)
  std::optional<std::int32_t> hash;
  std::optional<view_error> error;  // for `failed`
  std::string detail;               // for `oversize`: the bound that cut it
  std::string fetched_at;           // UTC, ISO 8601
};

}  // namespace geocrawl
