#pragma once
// Page text (titles, URLs, hosts) printed on an analyst's terminal. A title can hold a newline
// that forges the next line of the report, an escape sequence that rewrites the screen, or
// bytes that are no UTF-8. Every such byte leaves as a visible escape, the way the text
// would be written in a C string: \n, \t, \x1b, \u202e (bidirectional overrides, which reorder
// what is shown) and U+FFFD for each invalid UTF-8 sequence.
#include <string>
#include <string_view>

namespace geocrawl {

// `text` with control characters, bidirectional controls and backslashes escaped.
std::string terminal_text(std::string_view text);

// terminal_text in double quotes, its double quotes escaped too: a title that cannot be told
// apart from the words around it.
std::string quoted_terminal_text(std::string_view text);

}  // namespace geocrawl
