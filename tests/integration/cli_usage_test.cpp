// What the binary says about its own command line: `help`, usage lines, and "did you mean"
// for a misspelt flag, command or config key.
#include <doctest/doctest.h>

#include "tests/support/capture_binding.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/test_pki.hpp"

namespace geocrawl::testing {

TEST_CASE("help and help COMMAND print what --help prints, under the name geocrawl") {
  const auto overview = run_geocrawl({"help"});
  CHECK(overview.exit_code == 0);
  CHECK(overview.out == run_geocrawl({"--help"}).out);
  CHECK(overview.out.find("Usage: geocrawl [OPTIONS] SUBCOMMAND") != std::string::npos);
  CHECK(overview.out.find(geocrawl_binary()) == std::string::npos);

  const auto fetch = run_geocrawl({"help", "fetch"});
  CHECK(fetch.exit_code == 0);
  CHECK(fetch.out == run_geocrawl({"fetch", "--help"}).out);
  CHECK(fetch.out.find("Usage: geocrawl fetch [OPTIONS] URL") != std::string::npos);

  const auto check = run_geocrawl({"help", "proxies", "check"});
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("--config") != std::string::npos);
}

TEST_CASE("a misspelt flag or command exits 2 suggesting the nearest valid one") {
  struct example {
    std::vector<std::string> arguments;
    std::string suggestion;
  };
  const example examples[] = {
      {{"crawl", "--site", "sites.txt"}, "did you mean `--sites`?"},
      {{"fetch", "http://127.0.0.1/", "--jsno"}, "did you mean `--json`?"},
      {{"fetch", "http://127.0.0.1/", "--config", "x.toml", "--vantge", "jp"},
       "did you mean `--vantage`?"},
      {{"fetc", "http://127.0.0.1/"}, "did you mean `fetch`?"},
      {{"proxies", "chek"}, "did you mean `check`?"},
      {{"help", "exprot"}, "help: no command 'exprot'; did you mean `export`?"},
  };
  for (const auto& [arguments, suggestion] : examples) {
    CAPTURE_BINDING(suggestion);
    const auto result = run_geocrawl(arguments);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(suggestion) != std::string::npos);
  }
  // Nothing close: no guess.
  const auto far = run_geocrawl({"fetch", "http://127.0.0.1/", "--colour"});
  CHECK(far.exit_code == 2);
  CHECK(far.err.find("--colour") != std::string::npos);
  CHECK(far.err.find("did you mean") == std::string::npos);
}

TEST_CASE("a config key in the wrong table is named with the table it belongs in") {
  const temp_file config("allow_networks = [\"127.0.0.0/8\"]\n\n[[vantage]]\nname = \"desktop\"\n",
                         ".toml");
  const auto result = run_geocrawl({"fetch", "http://127.0.0.1/", "--config", config.path()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find(config.path() +
                        ":1: allow_networks: unknown key; `allow_networks` belongs under "
                        "`[limits]`") != std::string::npos);

  const temp_file misspelt("[limits]\ntimeout = 5\n", ".toml");
  const auto typo = run_geocrawl({"fetch", "http://127.0.0.1/", "--config", misspelt.path()});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("limits.timeout: unknown key; did you mean `timeout_s`?") !=
        std::string::npos);
}

}  // namespace geocrawl::testing
