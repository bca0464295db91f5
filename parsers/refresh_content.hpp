#pragma once
// The content of <meta http-equiv=refresh>, read by the HTML Standard's "shared
// declarative refresh steps", as browsers read it: "5; url=/x", "0;URL='/a'", "3",
// " 1 , url = x". Cloaking pages hide their real destination behind odd spellings.
#include <optional>
#include <string_view>

namespace geocrawl {

struct refresh_content {
  double delay_seconds = 0;  // whole seconds: "1.5" waits one second, as browsers do
  std::string_view url;      // the reference as written, unresolved; empty: refresh in place
};

// nullopt when browsers would ignore the refresh.
std::optional<refresh_content> parse_refresh_content(std::string_view content);

}  // namespace geocrawl
