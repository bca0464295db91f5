// Registrars in `geocrawl crawl` and `geocrawl fetch`: each registrable domain looked up once,
// then reused from the database for [rdap] refresh_days, and never when [rdap] enabled = false.
// The sites have names (a registrable domain needs one), so the one vantage goes through a
// SOCKS5 double that resolves them to the loopback origin: nothing asks a real DNS server.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>

#include "tests/support/crawl_lab.hpp"
#include "tests/support/geo_config.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_socks5_proxy.hpp"

namespace geocrawl::testing {

namespace {

constexpr std::string_view registrar_answer = R"({"objectClassName": "domain",
  "entities": [{"roles": ["registrar"],
    "publicIds": [{"type": "IANA Registrar ID", "identifier": "4242"}],
    "vcardArray": ["vcard", [["fn", {}, "text", "Lab Registrar"]]],
    "entities": [{"roles": ["abuse"],
      "vcardArray": ["vcard", [["email", {}, "text", "abuse@lab-registrar.example"]]]}]}]})";

struct registrar_lab {
  test_origin origin;
  test_origin registry{{.bind_address = "127.0.0.5"}};
  test_socks5_proxy japan{
      {.outgoing_address = "127.0.0.11",
       .hosts = {{"shop.example.com", "127.0.0.1"}, {"www.shop.example.com", "127.0.0.1"}}}};
  temp_dir dir;
  std::string database = (dir.path() / "crawl.db").string();

  registrar_lab() {
    origin.route("/ip", echo_caller_ip());
    origin.route("/", [](const received_request&) { return html("<title>shop</title>"); });
    registry.route("/rdap/domain/example.com", [](const received_request&) {
      return http_response(200, {{"Content-Type", "application/rdap+json"}},
                           std::string(registrar_answer));
    });
    std::ofstream(path("dns.json"))
        << R"({"services": [[["com"], [")" << registry.url("/rdap/") << R"("]]]})";
    std::ofstream(path("sites.txt")) << site("shop.example.com") << "\n"
                                     << site("www.shop.example.com") << "\n";
  }

  std::string path(std::string_view name) const { return (dir.path() / name).string(); }
  std::string site(std::string_view host) const {
    return "http://" + std::string(host) + ":" + std::to_string(origin.port()) + "/";
  }

  // One vantage, through the JP double: no view needs the system resolver.
  std::string write_config(std::string_view rdap_section) const {
    std::ofstream(path("geocrawl.toml"))
        << config_toml({.echo_url = origin.url("/ip"),
                        .proxies = proxy_entry("jp-1", japan.url("socks5h")),
                        .vantages = "[[vantage]]\nname = \"jp\"\ncountry = \"JP\"\n"})
        << "\n[rdap]\nbootstrap = \"" << path("dns.json") << "\"\nmin_interval_s = 0\n"
        << rdap_section;
    return path("geocrawl.toml");
  }

  command_result crawl(const std::string& config) const {
    return run_geocrawl(
        {"crawl", "--sites", path("sites.txt"), "--config", config, "--db", database});
  }
};

}  // namespace

TEST_CASE("crawl: a registrable domain is looked up once, then reused within refresh_days") {
  registrar_lab lab;
  const auto config = lab.write_config("");
  const auto first = lab.crawl(config);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  // Two sites of example.com: one lookup.
  CHECK(lab.registry.hits("/rdap/domain/example.com") == 1);
  CHECK(count_of(lab.database,
                 "SELECT count(*) FROM rdap_lookups WHERE domain = 'example.com' "
                 "AND outcome = 'found' AND registrar = 'Lab Registrar' AND "
                 "registrar_iana_id = '4242' AND "
                 "abuse_email = 'abuse@lab-registrar.example'") == 1);

  const auto exported = run_geocrawl({"export", "--db", lab.database, "--what", "sites"});
  REQUIRE_MESSAGE(exported.exit_code == 0, exported.err);
  CHECK(exported.out.find("example.com,Lab Registrar,4242,abuse@lab-registrar.example,") !=
        std::string::npos);

  const auto second = lab.crawl(config);
  INFO(second.err);
  REQUIRE(second.exit_code == 0);
  CHECK(lab.registry.hits("/rdap/domain/example.com") == 1);  // the stored lookup is fresh

  // refresh_days = 0: every stored lookup is stale, so the domain is asked again.
  const auto third = lab.crawl(lab.write_config("refresh_days = 0\n"));
  INFO(third.err);
  REQUIRE(third.exit_code == 0);
  CHECK(lab.registry.hits("/rdap/domain/example.com") == 2);
  CHECK(count_of(lab.database, "SELECT count(*) FROM rdap_lookups") == 2);
}

TEST_CASE("crawl: [rdap] enabled = false asks no registry") {
  registrar_lab lab;
  const auto result = lab.crawl(lab.write_config("enabled = false\n"));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(lab.registry.connections() == 0);
  CHECK(count_of(lab.database, "SELECT count(*) FROM rdap_lookups") == 0);
}

TEST_CASE("crawl: a registry that fails is recorded and the crawl still succeeds") {
  registrar_lab lab;
  lab.registry.route("/rdap/domain/example.com",
                     [](const received_request&) { return http_response(503, {}, "down"); });
  const auto result = lab.crawl(lab.write_config(""));
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(count_of(lab.database,
                 "SELECT count(*) FROM rdap_lookups WHERE outcome = 'server error' "
                 "AND error = 'HTTP status 503'") == 1);
}

TEST_CASE("fetch: the registrar is printed and in the JSON report, and stored with --db") {
  registrar_lab lab;
  const auto config = lab.write_config("");
  const auto text = run_geocrawl({"fetch", lab.site("shop.example.com"), "--config", config});
  INFO(text.err);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("registrar of example.com (RDAP): found") != std::string::npos);
  CHECK(text.out.find("Lab Registrar (IANA ID 4242)") != std::string::npos);
  CHECK(text.out.find("abuse@lab-registrar.example") != std::string::npos);
  // The registry is told who asks; the site still sees the vantage's browser.
  const auto asked = lab.registry.requests();
  REQUIRE(asked.size() == 1);
  CHECK(asked[0].header("User-Agent").starts_with("geocrawl/"));
  for (const auto& request : lab.origin.requests()) {
    if (request.target == "/") CHECK(request.header("User-Agent").starts_with("Mozilla/5.0"));
  }
  CHECK(lab.origin.hits("/") > 0);

  const auto json = run_geocrawl(
      {"fetch", lab.site("shop.example.com"), "--config", config, "--json", "--db", lab.database});
  INFO(json.err);
  REQUIRE(json.exit_code == 0);
  const auto registrar = boost::json::parse(json.out).at("registrar");
  CHECK(registrar.at("outcome") == "found");
  CHECK(registrar.at("registrar") == "Lab Registrar");
  CHECK(registrar.at("abuse_email") == "abuse@lab-registrar.example");
  CHECK(lab.registry.hits("/rdap/domain/example.com") == 2);

  // Stored by the --db fetch: the next one with the database shows it without asking.
  const auto cached = run_geocrawl(
      {"fetch", lab.site("shop.example.com"), "--config", config, "--json", "--db", lab.database});
  REQUIRE(cached.exit_code == 0);
  CHECK(boost::json::parse(cached.out).at("registrar").at("registrar") == "Lab Registrar");
  CHECK(lab.registry.hits("/rdap/domain/example.com") == 2);
}

}  // namespace geocrawl::testing
