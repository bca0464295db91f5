#pragma once
// Navigations written in inline JavaScript: assignments to location and calls of
// location.replace / location.assign, the redirects cloaking pages do in script, found in the
// tokens of parsers/javascript_lexer.hpp, which knows comments, string, template and regular
// expression literals well enough not to match inside them; not a JavaScript parser.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {

struct script_navigation {
  // "location.href", "location.replace", "location.assign", "location", or the object
  // whose location is assigned: "window.location", "document.location", "top.location",
  // "self.location", "parent.location".
  std::string_view pattern;
  // The destination when it is a single string literal, unescaped and not resolved;
  // nullopt when it is computed.
  std::optional<std::string> literal;
};

// Appends the navigations in `script`, in source order, while out.size() < max_count.
// Returns false if it stopped because `out` was full. Runs in time linear in the script.
bool find_script_navigations(std::string_view script, std::size_t max_count,
                             std::vector<script_navigation>& out);

}  // namespace geocrawl
