// [render], crawl.render_concurrency and a rendered [[vantage]]: the browser each vantage is
// emulated as, the country table behind it, and the mistakes load names.
#include <doctest/doctest.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "crawler/config/config.hpp"
#include "crawler/config/country_emulation.hpp"

namespace geocrawl {
namespace {

// A PATH holding the shell, which every system has, standing in for Chromium: the check at
// load asks only that the executable is there.
std::optional<std::string> shell_path(std::string_view name) {
  if (name == "PATH") return std::string("/usr/bin:/bin");
  return std::nullopt;
}

std::optional<std::string> empty_path(std::string_view name) {
  if (name == "PATH") return std::string("/nonexistent-geocrawl-test-dir");
  return std::nullopt;
}

constexpr std::string_view jp_proxy = R"(
[[proxy]]
name = "jp1"
url = "socks5h://127.0.0.1:1080"
country = "JP"
)";

std::string error_of(const std::string& text, const environment_lookup& environment) {
  try {
    parse_config(text, "test.toml", environment);
  } catch (const config_error& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("country emulation: Japan is Tokyo in Japanese, unknown codes are not guessed") {
  const auto japan = emulation_for_country("JP");
  REQUIRE(japan);
  CHECK(japan->time_zone == "Asia/Tokyo");
  CHECK(japan->locale == "ja-JP");
  CHECK(emulation_for_country("US")->time_zone == "America/New_York");
  CHECK(emulation_for_country("DE")->locale == "de-DE");
  CHECK_FALSE(emulation_for_country("XX"));
  CHECK_FALSE(emulation_for_country("jp"));  // the config stores codes upper case
  CHECK_FALSE(emulation_for_country(""));
}

TEST_CASE("country emulation: every country of the issue and the test data has a row") {
  for (const std::string_view country :
       {"US", "GB", "DE", "FR", "CN", "KR", "TW", "BR", "IN", "RU", "JP", "VA", "CA", "AU",
        "NL", "ES", "IT", "MX", "ID", "TH", "VN", "PH", "SG", "HK", "TR", "PL", "UA"}) {
    const auto row = emulation_for_country(country);
    INFO("country: ", country);
    REQUIRE(row);
    // An IANA zone is Area/Location; a locale is language-REGION with this country's region.
    CHECK(row->time_zone.find('/') != std::string_view::npos);
    CHECK(row->locale.size() == 5);
    CHECK(row->locale.substr(3) == country);
  }
}

TEST_CASE("a rendered country vantage is emulated as a browser in its country") {
  const auto settings = parse_config(std::string(jp_proxy) + R"(
[render]
settle_ms = 250
timeout_ms = 9000
executable = "sh"
memory_mb = 256
browser_memory_mb = 1024
max_targets = 2
nice = 0

[crawl]
render_concurrency = 4

[[vantage]]
name = "jp"
country = "JP"
render = true
accept_language = "ja-JP,ja;q=0.9"

[[vantage]]
name = "jp-served"
country = "JP"
)",
                                     "test.toml", shell_path);
  CHECK(settings.render.settle == std::chrono::milliseconds(250));
  CHECK(settings.render.timeout == std::chrono::milliseconds(9000));
  CHECK(settings.render.executable == "sh");
  CHECK(settings.render.memory_mb == 256);
  CHECK(settings.render.browser_memory_mb == 1024);
  CHECK(settings.render.max_targets == 2);
  CHECK(settings.render.nice == 0);
  CHECK(settings.crawl.render_concurrency == 4);
  REQUIRE(settings.vantages.size() == 2);
  const auto& rendered = settings.vantages[0].render;
  REQUIRE(rendered);
  CHECK(rendered->time_zone == "Asia/Tokyo");
  CHECK(rendered->locale == "ja-JP");
  CHECK(rendered->accept_language == "ja-JP,ja;q=0.9");
  CHECK(rendered->user_agent == settings.vantages[0].profile.user_agent);
  CHECK_FALSE(settings.vantages[1].render);
}

TEST_CASE("[render] defaults, and a vantage's own time zone and locale win over its country's") {
  const auto defaults = parse_config("", "test.toml", shell_path);
  CHECK(defaults.render.executable == "chromium");
  CHECK(defaults.crawl.render_concurrency == 2);
  CHECK(defaults.render.timeout == std::chrono::seconds(20));
  CHECK(defaults.render.nice == 10);
  CHECK(defaults.render.browser_memory_mb == 2048);
  const auto settings = parse_config(std::string(jp_proxy) + R"(
[render]
executable = "sh"
[[vantage]]
name = "jp-en"
country = "JP"
render = true
locale = "en-US"
time_zone = "Asia/Tokyo"
[[vantage]]
name = "here"
render = true
)",
                                     "test.toml", shell_path);
  CHECK(settings.vantages[0].render->locale == "en-US");
  CHECK(settings.vantages[0].render->time_zone == "Asia/Tokyo");
  // Direct, no keys: the machine's own zone and locale, not overridden.
  REQUIRE(settings.vantages[1].render);
  CHECK(settings.vantages[1].render->time_zone.empty());
  CHECK(settings.vantages[1].render->locale.empty());
}

TEST_CASE("render = true without Chromium is a configuration error that names the package") {
  const auto message = error_of(R"(
[[vantage]]
name = "here"
render = true
)",
                                empty_path);
  CHECK(message.find("test.toml:2: vantage[0].render:") == 0);
  CHECK(message.find("package chromium") != std::string::npos);
  // Without a rendered vantage nothing needs the browser.
  CHECK(error_of("[[vantage]]\nname = \"here\"\n", empty_path).empty());
}

TEST_CASE("rendering mistakes are named with their key") {
  const std::set<std::pair<std::string, std::string>> cases = {
      {"[render]\nsettle_ms = -1\n", "render.settle_ms"},
      {"[render]\ntimeout_ms = 10\n", "render.timeout_ms"},
      {"[render]\nmemory_mb = 1\n", "render.memory_mb"},
      {"[render]\nbrowser_memory_mb = 100\n", "render.browser_memory_mb"},
      {"[render]\nmax_targets = 1000\n", "render.max_targets"},
      {"[render]\nnice = 20\n", "render.nice"},
      {"[render]\nsettle = 1\n", "render.settle"},
      {"[crawl]\nrender_concurrency = 0\n", "crawl.render_concurrency"},
      {"[[vantage]]\nname = \"a\"\ntime_zone = \"Asia/Tokyo\"\n", "vantage[0].time_zone"},
      {"[[vantage]]\nname = \"a\"\nrender = true\nlocale = \"ja JP\"\n", "vantage[0].locale"},
  };
  for (const auto& mistake : cases) {
    const auto& text = mistake.first;
    const auto& key = mistake.second;
    const auto message = error_of(text, shell_path);
    INFO("config: ", text, " error: ", message);
    CHECK(message.find(key + ":") != std::string::npos);
  }
  // A country the table does not hold needs both keys.
  const auto message = error_of(R"(
[[proxy]]
name = "xx"
url = "socks5h://127.0.0.1:1080"
country = "ZW"
[[vantage]]
name = "zw"
country = "ZW"
render = true
)",
                                shell_path);
  CHECK(message.find("no built-in time zone and locale for ZW") != std::string::npos);
}

}  // namespace geocrawl
