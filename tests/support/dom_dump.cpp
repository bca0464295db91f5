#include "tests/support/dom_dump.hpp"

#include <chrono>

namespace geocrawl::testing {

command_result dump_dom(const std::filesystem::path& page, const std::filesystem::path& profile) {
  return run_command(
      {std::string(chromium), "--headless", "--no-sandbox", "--disable-gpu",
       "--user-data-dir=" + profile.string(), "--no-first-run", "--disable-background-networking",
       "--disable-component-update", "--disable-sync", "--proxy-server=socks5://127.0.0.1:9",
       "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0", "--dump-dom",
       "file://" + page.string()},
      std::chrono::seconds(60));
}

}  // namespace geocrawl::testing
