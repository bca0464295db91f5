// Session-style proxies: `[[proxy]] session` is the user name with {session} for a token
// geocrawl makes per site. A scripted SOCKS5 proxy that takes any user name with the right
// password records the names it was offered: a site's bracket checks and its view share one
// token, another site gets another, and no token appears in any output, log, database byte or
// CSV.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <string>

#include "tests/support/crawl_lab.hpp"
#include "tests/support/geo_config.hpp"
#include "tests/support/run_geocrawl.hpp"

namespace geocrawl::testing {

namespace {

constexpr std::string_view user_prefix = "customer-acme-cc-jp-session-";
const proxy_credentials proxy_login{"customer-acme", "s3cret"};

std::string file_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("a site's views and checks share one session token, which is never written anywhere") {
  constexpr int sites = 3;
  slow_lab lab(sites, std::chrono::milliseconds(5));
  test_socks5_proxy sessions{
      {.outgoing_address = "127.0.0.11", .credentials = proxy_login, .any_username = true}};
  std::ofstream(lab.config_path())
      << config_toml({.echo_url = lab.origin.url("/ip"),
                      .proxies = proxy_entry("jp-rotating", sessions.url("socks5h", proxy_login)) +
                                 "session = \"" + std::string(user_prefix) + "{session}\"\n" +
                                 "session_ttl_s = 600\n",
                      .vantages = std::string(two_vantages),
                      .more_verify = "mode = \"per_site\"\n"})
      << "\n[crawl]\n"
      << slow_lab::pace;
  const auto crawl = run_geocrawl(lab.crawl_arguments());
  INFO("stderr: " << crawl.err);
  REQUIRE(crawl.exit_code == 0);

  // Every user name offered is the template with a 16-hex-digit token; the start's check has a
  // session of its own, and each site's check before, view and check after share one.
  const std::regex user("customer-acme-cc-jp-session-([0-9a-f]{16})");
  std::map<std::string, int> uses;
  for (const auto& request : sessions.requests()) {
    std::smatch match;
    REQUIRE_MESSAGE(std::regex_match(request.username, match, user), request.username);
    CHECK(request.auth == proxy_auth::accepted);
    ++uses[match[1].str()];
  }
  REQUIRE(uses.size() == 1 + sites);
  int shared = 0;
  for (const auto& [token, count] : uses) shared += count == 3 ? 1 : 0;
  CHECK(shared == sites);

  // Nowhere: not in the outputs, the log, the database (its -wal too, if any) or any export.
  std::string written = crawl.out + crawl.err + lab.log_text();
  for (const auto& entry : std::filesystem::directory_iterator(lab.dir.path())) {
    // The config holds the template and the password: it is the user's, not geocrawl's output.
    if (entry.path().filename().string().starts_with("crawl.db"))
      written += file_bytes(entry.path());
  }
  for (const char* what : {"comparisons", "views", "sites"}) {
    const auto csv = run_geocrawl({"export", "--db", lab.database, "--what", what});
    REQUIRE(csv.exit_code == 0);
    written += csv.out + csv.err;
  }
  const auto fetch =
      run_geocrawl({"fetch", lab.origin.url("/slow/0/"), "--config", lab.config_path(), "--json"});
  CHECK(fetch.exit_code == 0);
  written += fetch.out + fetch.err;
  for (const auto& request : sessions.requests()) {
    const auto token = request.username.substr(user_prefix.size());
    CHECK_MESSAGE(written.find(token) == std::string::npos, "a session token was written");
  }
  CHECK(written.find(proxy_login.password) == std::string::npos);
  CHECK(written.find(user_prefix) == std::string::npos);
}

TEST_CASE("a session template without {session} is a configuration error") {
  crawl_lab lab("");
  std::ofstream(lab.config_path())
      << proxy_entry("jp-rotating", lab.japan.url()) + "session = \"customer-acme\"\n";
  const auto result = run_geocrawl({"proxies", "check", "--config", lab.config_path()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("must hold {session} exactly once") != std::string::npos);
}

}  // namespace geocrawl::testing
