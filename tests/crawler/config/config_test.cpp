#include "crawler/config/config.hpp"

#include <doctest/doctest.h>

#include <fstream>

#include "tests/support/capture_binding.hpp"
#include "tests/support/test_geoip.hpp"

namespace geocrawl {

namespace {

std::string error_of(std::string_view text) {
  try {
    parse_config(text, "test.toml");
  } catch (const config_error& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the built-in default compares a desktop baseline with a Japanese search visitor") {
  const auto settings = default_config();
  REQUIRE(settings.vantages.size() == 2);
  CHECK(settings.vantages[0].name == "default");
  CHECK(settings.vantages[0].baseline);
  CHECK(settings.vantages[0].country.empty());
  CHECK(settings.vantages[0].profile.referer.empty());
  const auto& visitor = settings.vantages[1];
  CHECK(visitor.name == search_visitor_vantage);
  CHECK_FALSE(visitor.baseline);
  CHECK(visitor.country.empty());  // needs no proxy
  CHECK(visitor.profile.accept_language.starts_with("ja-JP"));
  CHECK(visitor.profile.referer == "https://www.google.co.jp/");
  CHECK(visitor.profile.user_agent.find("Mobile") != std::string::npos);
  CHECK(settings.tls.verify);
  CHECK(settings.allow_networks.empty());
}

TEST_CASE("a full config is read") {
  const auto settings = parse_config(R"(
[tls]
verify = false
ca_file = "/etc/ca.pem"

[limits]
timeout_s = 0.5
connect_timeout_s = 2
read_timeout_s = 3
max_body_bytes = 2048
max_header_bytes = 4096
max_redirects = 3
max_favicon_bytes = 8192
allow_networks = ["127.0.0.0/8", "::1/128"]

[crawl]
concurrency = 256
per_host = 8
host_delay_s = 0.25
retries = 0
retry_backoff_s = 1

[[vantage]]
name = "default"
baseline = true

[[vantage]]
name = "googlebot"
user_agent = "Googlebot/2.1"
accept_language = "ja-JP"
referer = "https://www.google.co.jp/"
)",
                                     "test.toml");
  CHECK_FALSE(settings.tls.verify);
  CHECK(settings.tls.ca_file == "/etc/ca.pem");
  CHECK(settings.limits.view_timeout == std::chrono::milliseconds(500));
  CHECK(settings.limits.connect_timeout == std::chrono::seconds(2));
  CHECK(settings.limits.read_timeout == std::chrono::seconds(3));
  CHECK(settings.limits.max_body_bytes == 2048);
  CHECK(settings.limits.max_header_bytes == 4096);
  CHECK(settings.limits.max_redirects == 3);
  CHECK(settings.limits.max_favicon_bytes == 8192);
  CHECK(default_config().limits.max_favicon_bytes == 256 * 1024);
  CHECK_THROWS(parse_config("[limits]\nmax_favicon_bytes = 100\n", "test.toml"));
  REQUIRE(settings.allow_networks.size() == 2);
  CHECK(settings.allow_networks[1].to_string() == "::1/128");
  REQUIRE(settings.vantages.size() == 2);
  CHECK(settings.vantages[1].profile.user_agent == "Googlebot/2.1");
  CHECK(settings.vantages[1].profile.accept_language == "ja-JP");
  CHECK(settings.vantages[1].profile.referer == "https://www.google.co.jp/");
  CHECK(settings.vantages[1].profile.accept_encoding == request_profile{}.accept_encoding);
  CHECK(settings.crawl.concurrency == 256);
  CHECK(settings.crawl.per_host == 8);
  CHECK(settings.crawl.host_delay == std::chrono::milliseconds(250));
  CHECK(settings.crawl.retries == 0);
  CHECK(settings.crawl.retry_backoff == std::chrono::seconds(1));
}

TEST_CASE("[retention] is read, without it nothing is pruned") {
  const auto settings = parse_config(
      "[retention]\nkeep_last = 7\nolder_than_days = 30\nkeep_verdicts = [\"cloaked\"]\n",
      "test.toml");
  CHECK(settings.retention.keep_last == 7);
  CHECK(settings.retention.older_than_days == 30);
  CHECK(settings.retention.keep_verdicts == std::vector{cloaking_verdict::cloaked});
  const auto none = parse_config("[crawl]\n", "test.toml");
  CHECK_FALSE(none.retention.keep_last);
  CHECK_FALSE(none.retention.older_than_days);
}

TEST_CASE("mistakes name the file, line and key") {
  struct example {
    const char* text;
    const char* message;
  };
  const example examples[] = {
      {"[limits]\nmax_redirects = \"ten\"\n",
       "test.toml:2: limits.max_redirects: expected an integer"},
      {"[limits]\n\nmax_redirects = 1000\n",
       "test.toml:3: limits.max_redirects: must be between 0 and 100"},
      {"[limits]\ntimeout_s = -1\n", "test.toml:2: limits.timeout_s: must be more than 0"},
      {"[limits]\nallow_networks = [\"10.0.0.1/8\"]\n",
       "test.toml:2: limits.allow_networks: host bits set"},
      {"[tls]\nverfy = false\n", "test.toml:2: tls.verfy: unknown key"},
      {"colour = 1\n", "test.toml:1: colour: unknown key"},
      {"[crawl]\nconcurrency = 0\n", "test.toml:2: crawl.concurrency: must be between 1 and 4096"},
      {"[crawl]\nhost_delay_s = -1\n",
       "test.toml:2: crawl.host_delay_s: must be between 0 and 86400 seconds"},
      {"[crawl]\nretry_backoff_s = 0\n", "test.toml:2: crawl.retry_backoff_s: must be more than 0"},
      {"[crawl]\nretries = 11\n", "test.toml:2: crawl.retries: must be between 0 and 10"},
      {"[crawl]\nthreads = 2\n", "test.toml:2: crawl.threads: unknown key"},
      {"[retention]\nkeep_last = 0\n",
       "test.toml:2: retention.keep_last: must be between 1 and 1000000"},
      {"[retention]\nkeep_last = 7\nkeep_verdicts = [\"cloacked\"]\n",
       "test.toml:3: retention.keep_verdicts: expected consistent, cloaked, inconclusive or "
       "unreachable"},
      {"[retention]\nkeep_verdicts = [\"cloaked\"]\n",
       "test.toml:2: retention.keep_verdicts: needs keep_last or older_than_days"},
      {"[retention]\nkeep_lats = 7\n",
       "test.toml:2: retention.keep_lats: unknown key; did you mean `keep_last`?"},
      {"[[vantage]]\nname = \"jp\"\ncountry = \"JP\"\n",
       "test.toml:1: vantage[0].country: no [[proxy]] has country = \"JP\""},
      {"[[vantage]]\nname = \"jp\"\ncountry = \"Japan\"\n",
       "test.toml:3: vantage[0].country: expected a two-letter"},
      {"[[proxy]]\nname = \"jp1\"\ncountry = \"JP\"\n", "test.toml:1: proxy[0].url: required"},
      {"[[proxy]]\nname = \"jp1\"\nurl = \"socks5h://a:b@h:1\"\n",
       "test.toml:1: proxy[0].country: required"},
      {"[[proxy]]\nname = \"jp1\"\nurl = \"ftp://h\"\ncountry = \"JP\"\n",
       "test.toml:3: proxy[0].url: "},
      {"[[proxy]]\nurl = \"http://h\"\ncountry = \"JP\"\n", "test.toml:1: proxy[0].name: required"},
      {"[[proxy]]\nname = \"a\"\nurl = \"http://h\"\ncountry = \"JP\"\n[[proxy]]\nname = "
       "\"a\"\nurl = \"http://g\"\ncountry = \"JP\"\n",
       "proxy[1].name: duplicate proxy name 'a'"},
      {"[[proxy]]\nname = \"a\"\nurl = \"http://h\"\ncountry = \"JP\"\nmax_connections = 0\n",
       "test.toml:5: proxy[0].max_connections: must be between 1 and 1000"},
      {"[[proxy]]\nname = \"a\"\nurl = \"http://h\"\ncountry = \"JP\"\nport = 1\n",
       "test.toml:5: proxy[0].port: unknown key"},
      {"[[proxy]]\nname = \"a\"\nurl = \"http://h\"\ncountry = \"JP\"\ntunnel = \"no\"\n",
       "test.toml:5: proxy[0].tunnel: expected"},
      {"[[proxy]]\nname = \"a\"\nurl = \"socks5h://h\"\ncountry = \"JP\"\ntunnel = false\n",
       "test.toml:5: proxy[0].tunnel: only for http:// and https:// proxies"},
      {"[verify]\nmode = \"maybe\"\n",
       "test.toml:2: verify.mode: expected \"strict\", \"per_site\" or \"off\""},
      {"[verify]\nmode = \"per_site\"\n",
       "test.toml:2: verify.mode: \"per_site\" needs [verify] echo_url"},
      {"[verify]\nevery_s = -1\n", "test.toml:2: verify.every_s: must be between 0 and 86400"},
      {"[[proxy]]\nname = \"a\"\nurl = \"socks5h://h\"\ncountry = \"JP\"\nsession = \"u-{s}\"\n",
       "test.toml:5: proxy[0].session: must hold {session} exactly once"},
      {"[verify]\necho_url = \"${GEOCRAWL_TEST_UNSET}\"\n",
       "test.toml:2: verify.echo_url: environment variable GEOCRAWL_TEST_UNSET is not set"},
      {"[geoip]\ndatabse = \"x\"\n", "test.toml:2: geoip.databse: unknown key"},
      {"[[vantage]]\nname = \"Bad Name\"\n", "test.toml:1: vantage[0].name: required"},
      {"[[vantage]]\nname = \"a\"\n[[vantage]]\nname = \"a\"\n",
       "vantage[1].name: duplicate vantage name 'a'"},
      {"[[vantage]]\nname = \"a\"\nbaseline = true\n[[vantage]]\nname = \"b\"\nbaseline = true\n",
       "only one vantage can have baseline = true"},
      {"[limits\n", "test.toml:1: "},
      // An unknown key: the key meant, or the table it belongs in. [crawl] is read after
      // [limits] and [limits] before [crawl]: both directions are found.
      {"[limits]\ntimeout = 5\n",
       "test.toml:2: limits.timeout: unknown key; did you mean `timeout_s`?"},
      {"[limts]\n", "test.toml:1: limts: unknown key; did you mean `limits`?"},
      {"allow_networks = [\"127.0.0.0/8\"]\n",
       "test.toml:1: allow_networks: unknown key; `allow_networks` belongs under `[limits]`"},
      {"[crawl]\ntimeout_s = 5\n",
       "test.toml:2: crawl.timeout_s: unknown key; `timeout_s` belongs under `[limits]`"},
      {"[limits]\nretries = 2\n",
       "test.toml:2: limits.retries: unknown key; `retries` belongs under `[crawl]`"},
      {"[[proxy]]\nname = \"a\"\nurl = \"http://h\"\ncountry = \"JP\"\nuser_agent = \"x\"\n",
       "test.toml:5: proxy[0].user_agent: unknown key; `user_agent` belongs under `[[vantage]]`"},
      {"name = \"a\"\n",
       "test.toml:1: name: unknown key; `name` belongs under `[[proxy]]` or under `[[vantage]]`"},
      {"tls = 3\n", "test.toml:1: tls: expected a table [tls]"},
  };
  for (const auto& [text, message] : examples) {
    CAPTURE_BINDING(text);
    const auto error = error_of(text);
    CHECK(error.find(message) != std::string::npos);
  }
}

TEST_CASE("[rdap] is read, and its mistakes are named") {
  const auto defaults = default_config().rdap;
  CHECK(defaults.enabled);
  CHECK(defaults.bootstrap.empty());
  CHECK(defaults.refresh_days == 7);
  const auto settings = parse_config(R"(
[rdap]
enabled = false
bootstrap = "/srv/dns.json"
refresh_days = 0
timeout_s = 2.5
min_interval_s = 0
max_retry_after_s = 10
concurrency = 2
)",
                                     "test.toml");
  CHECK_FALSE(settings.rdap.enabled);
  CHECK(settings.rdap.bootstrap == "/srv/dns.json");
  CHECK(settings.rdap.refresh_days == 0);
  CHECK(settings.rdap.timeout == std::chrono::milliseconds(2500));
  CHECK(settings.rdap.min_interval == std::chrono::milliseconds(0));
  CHECK(settings.rdap.max_retry_after == std::chrono::milliseconds(10'000));
  CHECK(settings.rdap.concurrency == 2);
  CHECK(error_of("[rdap]\nrefresh_day = 3\n") ==
        "test.toml:2: rdap.refresh_day: unknown key; did you mean `refresh_days`?");
  CHECK(error_of("[rdap]\nconcurrency = 0\n").find("rdap.concurrency") != std::string::npos);
}

TEST_CASE("an unknown key far from every key gets no suggestion") {
  CHECK(error_of("colour = 1\n") == "test.toml:1: colour: unknown key");
}

TEST_CASE("proxies, verification and country vantages are read") {
  const auto environment = [](std::string_view name) -> std::optional<std::string> {
    if (name == "JP_PASS")
      return "s3cret%3A%24%40";  // inserted verbatim: percent-encoded, as in any URL
    return std::nullopt;
  };
  const auto settings = parse_config(R"(
[geoip]
database = "/var/lib/GeoIP/GeoIP2-Country.mmdb"
second_database = "/var/lib/GeoIP/other.mmdb"

[verify]
echo_url = "https://echo.example/ip"
mode = "off"

[limits]
proxy_failures_to_rest = 5
proxy_rest_s = 60

[[proxy]]
name = "jp-1"
url = "socks5h://alice:${JP_PASS}@[2001:db8::7]:1081"
country = "jp"
max_connections = 2

[[proxy]]
name = "us-1"
url = "http://proxy.example"
country = "US"
tunnel = false

[[vantage]]
name = "default"

[[vantage]]
name = "jp"
country = "JP"
accept_language = "ja-JP"
)",
                                     "test.toml", environment);
  CHECK(settings.geoip.database == "/var/lib/GeoIP/GeoIP2-Country.mmdb");
  CHECK(settings.geoip.second_database == "/var/lib/GeoIP/other.mmdb");
  CHECK(settings.verify.echo_url == "https://echo.example/ip");
  CHECK(settings.verify.mode == verify_mode::off);
  CHECK(settings.proxy_breaker.failures_to_rest == 5);
  CHECK(settings.proxy_breaker.rest == std::chrono::seconds(60));
  REQUIRE(settings.proxies.size() == 2);
  const auto& jp = settings.proxies[0];
  CHECK(jp.name == "jp-1");
  CHECK(jp.country == "JP");
  CHECK(jp.max_connections == 2);
  CHECK(jp.endpoint.scheme == proxy_scheme::socks5h);
  CHECK(jp.endpoint.host == "2001:db8::7");
  CHECK(jp.endpoint.port == 1081);
  REQUIRE(jp.endpoint.credentials);
  CHECK(jp.endpoint.credentials->password == "s3cret:$@");
  CHECK(settings.proxies[1].endpoint.port == 80);
  CHECK(settings.proxies[1].max_connections == 4);
  CHECK(jp.endpoint.plain_http == plain_http_route::tunnel);  // the default
  CHECK(settings.proxies[1].endpoint.plain_http == plain_http_route::absolute_form);
  REQUIRE(settings.vantages.size() == 2);
  CHECK(settings.vantages[0].country.empty());
  CHECK(settings.vantages[1].country == "JP");
}

TEST_CASE("a proxy URL error never shows the password") {
  const auto environment = [](std::string_view) -> std::optional<std::string> {
    return "hunter2-secret";
  };
  for (const char* url : {"socks5h://u:${P}@h:99999", "gopher://u:${P}@h", "socks5://u:${P}@",
                          "http://u:${P}@h/path"}) {
    CAPTURE(url);
    const std::string text =
        std::string("[[proxy]]\nname = \"a\"\ncountry = \"JP\"\nurl = \"") + url + "\"\n";
    std::string error;
    try {
      parse_config(text, "test.toml", environment);
    } catch (const config_error& e) {
      error = e.what();
    }
    CHECK(error.find("test.toml:4: proxy[0].url: ") == 0);
    CHECK(error.find("hunter2") == std::string::npos);
  }
}

TEST_CASE("load_config names a file it cannot open") {
  CHECK_THROWS_WITH_AS(load_config("/nonexistent/geocrawl.toml"),
                       "/nonexistent/geocrawl.toml: cannot open the config file", config_error);
}

}  // namespace geocrawl

namespace geocrawl {

TEST_CASE("the shipped example config is valid") {
  const auto settings = load_config(GEOCRAWL_SOURCE_DIR "/config/geocrawl.example.toml");
  CHECK(settings.vantages.size() == 4);
  CHECK(settings.vantages[0].baseline);
  // The baseline has one name everywhere: the built-in config's, the example's, the README's.
  CHECK(settings.vantages[0].name == default_config().vantages[0].name);
  CHECK(settings.limits.max_redirects == 20);
  CHECK(settings.verify.mode == verify_mode::strict);
}

TEST_CASE("the example's commented proxies, jp vantage and retention are valid uncommented") {
  std::ifstream in(GEOCRAWL_SOURCE_DIR "/config/geocrawl.example.toml");
  std::string text;
  for (std::string line; std::getline(in, line);) {
    // The proxy and vantage blocks are commented out key by key; the other comments stay.
    for (const char* key :
         {"[[proxy]]", "[[vantage]]", "name =", "url =", "country =", "max_connections =",
          "tunnel =", "session =", "session_ttl_s =", "accept_language =", "referer =",
          "[retention]", "keep_last =", "older_than_days =", "keep_verdicts ="}) {
      if (line.starts_with(std::string("# ") + key)) line.erase(0, 2);
    }
    text += line + "\n";
  }
  const auto environment = [](std::string_view name) -> std::optional<std::string> {
    return "pw-" + std::string(name);
  };
  const auto settings = parse_config(text, "example", environment);
  REQUIRE(settings.proxies.size() == 3);
  CHECK(settings.proxies[0].endpoint.credentials->password == "pw-JP1_PASSWORD");
  CHECK(settings.proxies[1].endpoint.scheme == proxy_scheme::http);
  CHECK(settings.proxies[1].endpoint.plain_http == plain_http_route::tunnel);
  CHECK(settings.proxies[2].session == "customer-acme-cc-jp-session-{session}-sesstime-10");
  CHECK(settings.proxies[2].session_ttl == std::chrono::minutes(10));
  CHECK(settings.verify.every == std::chrono::minutes(5));
  REQUIRE(settings.vantages.size() == 5);
  CHECK(settings.vantages[4].country == "JP");
  CHECK(settings.retention.keep_last == 30);
  CHECK(settings.retention.keep_verdicts == std::vector{cloaking_verdict::cloaked});
}

TEST_CASE("[verify] every_s takes fractions and 0, per_site and session templates are read") {
  const auto no_environment = [](std::string_view) -> std::optional<std::string> {
    return std::nullopt;
  };
  CHECK(parse_config("", "test.toml", no_environment).verify.every == std::chrono::minutes(5));
  const auto settings = parse_config(
      "[verify]\necho_url = \"http://127.0.0.1/ip\"\nmode = \"per_site\"\nevery_s = 0.25\n\n"
      "[[proxy]]\nname = \"jp-rotating\"\nurl = \"socks5h://u:p@127.0.0.1:1080\"\n"
      "country = \"JP\"\nsession = \"u-{session}\"\nsession_ttl_s = 30\n",
      "test.toml", no_environment);
  CHECK(settings.verify.mode == verify_mode::per_site);
  CHECK(settings.verify.every == std::chrono::milliseconds(250));
  REQUIRE(settings.proxies.size() == 1);
  CHECK(settings.proxies[0].session == "u-{session}");
  CHECK(settings.proxies[0].session_ttl == std::chrono::seconds(30));
  CHECK(parse_config("[verify]\nevery_s = 0\n", "test.toml", no_environment).verify.every.count() ==
        0);
}

TEST_CASE("[output] names the WARC folder and the size a WARC file is rotated at") {
  const auto settings =
      parse_config("[output]\nwarc_dir = \"/var/warc\"\nwarc_max_bytes = 5000000\n", "t.toml");
  CHECK(settings.output.warc_dir == "/var/warc");
  CHECK(settings.output.warc_max_bytes == 5'000'000);
  CHECK(parse_config("", "t.toml").output.warc_max_bytes == 1'000'000'000);
  CHECK_THROWS_AS(parse_config("[output]\nwarc_max_bytes = 10\n", "t.toml"), config_error);
  CHECK_THROWS_AS(parse_config("[output]\nwarc_folder = \"x\"\n", "t.toml"), config_error);
}

}  // namespace geocrawl

namespace geocrawl {

TEST_CASE("[networks] sets the exclusion rules, and refuses what names no identifier kind") {
  const auto defaults = parse_config("", "test.toml").networks;
  CHECK(defaults.max_share_percent == 5);
  CHECK(defaults.min_sites == 10);
  CHECK(defaults.ignore.empty());
  const auto settings = parse_config(R"([networks]
max_share_percent = 2
min_sites = 50
ignore = ["email:*@corp.example", "ga4:G-OURS123456"]
)",
                                     "test.toml")
                            .networks;
  CHECK(settings.max_share_percent == 2);
  CHECK(settings.min_sites == 50);
  CHECK(settings.ignore == std::vector<std::string>{"email:*@corp.example", "ga4:G-OURS123456"});
  CHECK(error_of("[networks]\nmax_share_percent = 0\n").find("max_share_percent") !=
        std::string::npos);
  CHECK(error_of("[networks]\nignore = [\"fax:123\"]\n").find("ignore") != std::string::npos);
  CHECK(error_of("[networks]\nignore = [\"email\"]\n").find("ignore") != std::string::npos);
  CHECK(error_of("[networks]\nshare = 3\n").find("share") != std::string::npos);
}

TEST_CASE("[networks] asn_database names a MaxMind DB that opens when the config is loaded") {
  CHECK(parse_config("", "test.toml").networks.asn_database.empty());
  const auto settings =
      parse_config("[networks]\nasn_database = \"" + std::string(testing::test_asn_db) + "\"\n",
                   "test.toml")
          .networks;
  CHECK(settings.asn_database == testing::test_asn_db);
  // Missing, and not a MaxMind DB (this very source file): refused with the key, line and why.
  const auto missing = error_of("[networks]\nasn_database = \"/nonexistent/asn.mmdb\"\n");
  CHECK(missing.find("test.toml:2") != std::string::npos);
  CHECK(missing.find("asn_database") != std::string::npos);
  CHECK(missing.find("/nonexistent/asn.mmdb") != std::string::npos);
  CHECK(error_of("[networks]\nasn_database = \"" __FILE__ "\"\n").find("asn_database") !=
        std::string::npos);
}

}  // namespace geocrawl
