#pragma once
// The frame every page of a report shares. A report opens from file:// on an analyst's
// machine and must fetch nothing and run nothing but its own script: the page's
// Content-Security-Policy allows no network load at all, images only from the report's
// folder, and only the inline style and script whose SHA-256 it names. Whatever escaped
// markup might slip through, the browser would still refuse to run or load it.
#include <string>
#include <string_view>

namespace geocrawl {

// Everything up to and including <body>. `title` is untrusted and escaped here; `script` is
// the page's own inline script (a constant of the report, never built from page content), or
// empty for a page without one.
std::string page_start(std::string_view title, std::string_view script);

// The script, then </body></html>.
std::string page_end(std::string_view script);

}  // namespace geocrawl
