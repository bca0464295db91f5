#pragma once
// `geocrawl proxies check`: where every configured proxy really exits.
#include <optional>
#include <ostream>
#include <string>

namespace geocrawl {

struct proxies_command_options {
  std::optional<std::string> config_file;
  std::optional<std::string> database;
  bool json = false;
};

// Exit status: 0 when every proxy is ok, 1 when any is not (or the database could not
// be written). Throws usage_error / config_error for exit status 2.
int run_proxies_check(const proxies_command_options& options, std::ostream& out, std::ostream& err);

}  // namespace geocrawl
