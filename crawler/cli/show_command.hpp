#pragma once
// `geocrawl show URL`: what a run stored of one site, printed again: the report `fetch`
// printed (default), its JSON (--json), one view's response headers (--headers), one view's
// body exactly as stored (--body), so that it can be saved and opened in a browser, or one
// view's WARC records (--warc), read back from where the crawl wrote them, or a rendered view's
// DOM (--rendered) or screenshot (--screenshot), exactly as stored.
#include <optional>
#include <ostream>
#include <string>

namespace geocrawl {

enum class show_output { report, json, headers, body, warc, rendered, screenshot };

struct show_command_options {
  std::string url;
  std::string database = "geocrawl.db";
  std::string run = "latest";  // a run id, or "latest": the newest crawl run
  std::optional<std::string> vantage;
  show_output output = show_output::report;
};

// Exit status 0 when printed; 1 when the database, run, site or vantage is not there, or a
// stored body does not match its SHA-256 (the message says which and what is there instead).
// Throws usage_error (exit status 2) for a bad --run, or --headers / --body / --warc /
// --rendered / --screenshot without the one view they need. A view that was not rendered, or
// whose render read no DOM or drew no screenshot, is exit status 1 with the reason.
int run_show_command(const show_command_options& options, std::ostream& out, std::ostream& err);

}  // namespace geocrawl
