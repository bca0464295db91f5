// How often geocrawl's cloaking verdict is right: every labelled scenario of
// tests/support/cloaking_scenarios.hpp is fetched by the binary from three vantages (a baseline
// browser, a verified JP exit behind a scripted SOCKS5 proxy, Googlebot), and the site verdicts
// are tallied against the labels in a confusion matrix. A second case checks the views
// themselves, so a failure of the first can be told apart from a broken harness.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <future>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "tests/support/cloaking_scenarios.hpp"
#include "tests/support/geo_config.hpp"
#include "tests/support/report_json.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/test_origin.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/support/test_socks5_proxy.hpp"

namespace geocrawl::testing {

namespace {

namespace json = boost::json;

// The targets: at least 97% of verdicts right, and never `cloaked` for a site that
// shows everyone the same thing.
constexpr double required_accuracy = 0.97;
// geocrawl processes at once: enough to overlap the stalled scenarios' timeouts, few enough
// for a small shared machine.
constexpr std::size_t parallel_fetches = 4;

constexpr std::string_view vantages =
    "[[vantage]]\n"
    "name = \"default\"\n"
    "baseline = true\n"
    "user_agent = \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/131.0.0.0 Safari/537.36\"\n"
    "accept_language = \"en-US,en;q=0.9\"\n"
    "\n"
    "[[vantage]]\n"
    "name = \"jp\"\n"
    "country = \"JP\"\n"
    "accept_language = \"ja-JP,ja;q=0.9\"\n"
    "referer = \"https://www.google.co.jp/\"\n"
    "\n"
    "[[vantage]]\n"
    "name = \"googlebot\"\n"
    "user_agent = \"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)\"\n";

// The scenario origin (with the echo route exits are verified against), the origin
// cross-origin redirects lead to, the JP exit, and the config naming them.
struct scenario_lab {
  test_origin elsewhere;
  test_origin origin;
  test_socks5_proxy japan{{.outgoing_address = "127.0.0.11"}};
  std::vector<cloaking_scenario> scenarios =
      cloaking_scenarios("http://127.0.0.1:" + std::to_string(elsewhere.port()));
  // A stalled side costs one timeout; 3 s is far above any loopback exchange.
  temp_file config{config_toml({.echo_url = origin.url("/ip"),
                                .proxies = proxy_entry("jp-1", japan.url("socks5h")),
                                .vantages = std::string(vantages),
                                .timeout_s = 3}),
                   ".toml"};

  scenario_lab() {
    origin.route("/ip", echo_caller_ip());
    serve_scenarios(origin, scenarios);
    elsewhere.route_below("/", elsewhere_shop());
  }

  std::string url(const cloaking_scenario& scenario) const {
    return origin.url("/" + scenario.name + "/");
  }
  const cloaking_scenario& named(std::string_view name) const {
    const auto found = std::find_if(scenarios.begin(), scenarios.end(),
                                    [&](const auto& s) { return s.name == name; });
    REQUIRE_MESSAGE(found != scenarios.end(), "no scenario named " << name);
    return *found;
  }
};

// What `geocrawl fetch --json` said about one scenario.
struct fetched_site {
  const cloaking_scenario* scenario = nullptr;
  json::object report;  // empty when the output was not a JSON object
  std::string problem;  // why there is no usable report or verdict; "" when there is
  std::optional<site_verdict> verdict;
};

std::optional<site_verdict> verdict_named(std::string_view text) {
  for (const auto verdict : every_site_verdict) {
    if (to_string(verdict) == text) return verdict;
  }
  return std::nullopt;
}

fetched_site read_report(const cloaking_scenario& scenario, const command_result& result) {
  fetched_site site{&scenario, {}, {}, std::nullopt};
  boost::system::error_code ec;
  auto parsed = json::parse(result.out, ec);
  if (ec || !parsed.is_object()) {
    site.problem = "no JSON report (exit " + std::to_string(result.exit_code) +
                   "): " + result.err.substr(0, 300);
    return site;
  }
  site.report = std::move(parsed.as_object());
  const auto* verdict = site.report.if_contains("verdict");
  if (verdict == nullptr || !verdict->is_string()) {
    site.problem = "the report has no site \"verdict\"";
  } else if (!(site.verdict = verdict_named(verdict->get_string()))) {
    site.problem = "unknown verdict \"" + std::string(verdict->get_string()) + "\"";
  }
  return site;
}

// Fetches each scenario with the binary, parallel_fetches at a time, in catalogue order.
std::vector<fetched_site> fetch_scenarios(const scenario_lab& lab,
                                          const std::vector<const cloaking_scenario*>& wanted) {
  std::vector<fetched_site> sites;
  for (std::size_t first = 0; first < wanted.size(); first += parallel_fetches) {
    std::vector<std::future<command_result>> running;
    const auto last = std::min(wanted.size(), first + parallel_fetches);
    for (auto i = first; i < last; ++i) {
      running.push_back(
          std::async(std::launch::async, run_geocrawl,
                     std::vector<std::string>{"fetch", lab.url(*wanted[i]), "--config",
                                              lab.config.path(), "--json"}));
    }
    for (auto i = first; i < last; ++i)
      sites.push_back(read_report(*wanted[i], running[i - first].get()));
  }
  return sites;
}

std::vector<const cloaking_scenario*> every_scenario(const scenario_lab& lab) {
  std::vector<const cloaking_scenario*> all;
  for (const auto& scenario : lab.scenarios) all.push_back(&scenario);
  return all;
}

// "jp: cloaked 0.9 (reason; reason) | googlebot: consistent 0.1 ()": the report's comparisons,
// read leniently, since this is what a failure shows of a report that may be malformed.
std::string comparisons_text(const json::object& report) {
  const auto* comparisons = report.if_contains("comparisons");
  if (comparisons == nullptr || !comparisons->is_array()) return "none";
  std::string text;
  for (const auto& item : comparisons->get_array()) {
    if (!text.empty()) text += " | ";
    const auto* comparison = item.if_object();
    if (comparison == nullptr) {
      text += json::serialize(item);
      continue;
    }
    const auto field = [&](std::string_view key) {
      const auto* value = comparison->if_contains(key);
      if (value == nullptr) return std::string("?");
      return value->is_string() ? std::string(value->get_string()) : json::serialize(*value);
    };
    text += field("vantage") + ": " + field("verdict") + " " + field("score") + " (";
    const auto* reasons = comparison->if_contains("reasons");
    if (reasons != nullptr && reasons->is_array()) {
      std::string joined;
      for (const auto& reason : reasons->get_array()) {
        if (!joined.empty()) joined += "; ";
        joined += reason.is_string() ? std::string(reason.get_string()) : json::serialize(reason);
      }
      text += joined;
    }
    text += ")";
  }
  return text;
}

std::string confusion_matrix(const std::vector<fetched_site>& sites) {
  std::map<std::pair<site_verdict, std::optional<site_verdict>>, int> counts;
  for (const auto& site : sites) ++counts[{site.scenario->expected, site.verdict}];
  std::ostringstream table;
  table << "expected \\ actual";
  for (const auto actual : every_site_verdict) table << "  " << to_string(actual);
  table << "  (none)\n";
  for (const auto expected : every_site_verdict) {
    table << to_string(expected) << std::string(17 - to_string(expected).size(), ' ');
    for (const auto actual : every_site_verdict) {
      const auto width = to_string(actual).size() + 2;
      const auto count = std::to_string(counts[{expected, actual}]);
      table << std::string(width - count.size(), ' ') << count;
    }
    const auto none = std::to_string(counts[{expected, std::nullopt}]);
    table << std::string(8 - none.size(), ' ') << none << "\n";
  }
  return table.str();
}

// One line per scenario: its name, label and the whole report, for whoever tunes the comparison.
void write_reports(const std::vector<fetched_site>& sites, const char* path) {
  std::ofstream out(path);
  for (const auto& site : sites) {
    out << json::serialize(json::object{{"scenario", site.scenario->name},
                                        {"expected", to_string(site.scenario->expected)},
                                        {"report", site.report}})
        << "\n";
  }
}

const json::object& view_of(const fetched_site& site, std::string_view vantage) {
  return entry_named(site.report.at("views").as_array(), "vantage", vantage);
}

// The canonical drugs the view's page names, each once.
std::vector<std::string> drugs_of(const json::object& view) {
  std::vector<std::string> drugs;
  for (const auto& hit : view.at("drugs").as_array())
    drugs.emplace_back(hit.as_object().at("drug").as_string());
  std::sort(drugs.begin(), drugs.end());
  drugs.erase(std::unique(drugs.begin(), drugs.end()), drugs.end());
  return drugs;
}

bool has_drug(const json::object& view, std::string_view drug) {
  const auto drugs = drugs_of(view);
  return std::find(drugs.begin(), drugs.end(), drug) != drugs.end();
}

std::string text_of(const json::object& view, std::string_view key) {
  const auto* value = view.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

}  // namespace

TEST_CASE("cloaking verdicts: 97% of the labelled sites right, no consistent one cloaked") {
  const scenario_lab lab;
  const auto sites = fetch_scenarios(lab, every_scenario(lab));
  REQUIRE(sites.size() == lab.scenarios.size());

  const auto matrix = confusion_matrix(sites);
  std::size_t right = 0;
  std::size_t consistent_called_cloaked = 0;
  std::size_t without_verdict = 0;
  std::ostringstream wrong;
  for (const auto& site : sites) {
    const auto expected = site.scenario->expected;
    if (site.verdict == expected) {
      ++right;
      continue;
    }
    if (!site.verdict) ++without_verdict;
    if (expected == site_verdict::consistent && site.verdict == site_verdict::cloaked)
      ++consistent_called_cloaked;
    wrong << "  " << site.scenario->name << ": expected " << to_string(expected) << ", got "
          << (site.verdict ? to_string(*site.verdict) : site.problem)
          << "\n    design: " << site.scenario->design
          << "\n    comparisons: " << comparisons_text(site.report) << "\n";
  }
  const double accuracy = static_cast<double>(right) / static_cast<double>(sites.size());
  std::ostringstream summary;
  summary << "cloaking verdicts on " << sites.size()
          << " labelled sites (rows: label, columns: geocrawl)\n"
          << matrix << "right: " << right << "/" << sites.size() << " = " << accuracy
          << "; consistent sites called cloaked: " << consistent_called_cloaked << "\n";
  const std::string matrix_file = GEOCRAWL_TEST_OUTPUT_DIR "/cloaking_confusion.txt";
  std::ofstream(matrix_file) << summary.str() << "wrong:\n" << wrong.str();
  write_reports(sites, GEOCRAWL_TEST_OUTPUT_DIR "/cloaking_reports.jsonl");
  MESSAGE(summary.str() << "(written to " << matrix_file
                        << ", each report to cloaking_reports.jsonl)");

  if (without_verdict == sites.size()) {
    FAIL("no report of geocrawl fetch --json has a usable site verdict (is the comparison there?): "
         << sites.front().problem);
  }
  CHECK_MESSAGE(accuracy >= required_accuracy, "wrong verdicts:\n" << wrong.str());
  CHECK_MESSAGE(consistent_called_cloaked == 0, "wrong verdicts:\n" << wrong.str());
}

TEST_CASE("cloaking scenarios: the raw views show the difference each was built with") {
  const scenario_lab lab;
  std::vector<const cloaking_scenario*> sample;
  for (const auto name :
       {"geo-sjis-header", "geo-sjis-undeclared", "geo-eucjp-undeclared", "redirect-302-path",
        "redirect-301-elsewhere", "meta-refresh-shop", "script-href", "geo-block-451",
        "ua-googlebot-stuffed", "referer-google-jp", "rogue-noisy", "rogue-gzip-jp", "timeout-jp",
        "unreachable-reset"}) {
    sample.push_back(&lab.named(name));
  }
  const auto sites = fetch_scenarios(lab, sample);
  std::map<std::string, const fetched_site*> by_name;
  for (const auto& site : sites) {
    INFO(site.scenario->name);
    REQUIRE_MESSAGE(!site.report.empty(), site.problem);
    REQUIRE(site.report.at("views").as_array().size() == 3);
    const auto& jp = view_of(site, "jp");
    CHECK(text_of(jp, "proxy") == "jp-1");
    CHECK(text_of(jp, "exit_ip") == "127.0.0.11");
    CHECK(text_of(jp, "exit_country") == "JP");
    by_name[site.scenario->name] = &site;
  }
  const auto views = [&](std::string_view name, std::string_view vantage) -> const json::object& {
    return view_of(*by_name.at(std::string(name)), vantage);
  };

  {  // a Shift_JIS shop for Japan, 工事中 for the others
    const auto& jp = views("geo-sjis-header", "jp");
    CHECK(jp.at("status").as_int64() == 200);
    CHECK(text_of(jp, "charset") == "shift_jis");
    CHECK(text_of(jp, "title").find("バイアグラ") != std::string::npos);
    CHECK(drugs_of(jp) ==
          std::vector<std::string>{"finasteride", "sildenafil", "tadalafil", "vardenafil"});
    CHECK(jp.at("no_rx").as_bool());
    for (const auto vantage : {"default", "googlebot"}) {
      const auto& other = views("geo-sjis-header", vantage);
      CHECK(text_of(other, "title") == "ただいま工事中");
      CHECK(drugs_of(other).empty());
      CHECK_FALSE(other.at("no_rx").as_bool());
    }
  }
  {  // undeclared legacy charsets are detected, half-width katakana included
    const auto& sjis = views("geo-sjis-undeclared", "jp");
    CHECK(text_of(sjis, "charset") == "shift_jis");
    CHECK(text_of(sjis, "charset_source") == "detector");
    CHECK(has_drug(sjis, "sildenafil"));
    const auto& euc = views("geo-eucjp-undeclared", "jp");
    CHECK(text_of(euc, "charset") == "euc-jp");
    CHECK(has_drug(euc, "sildenafil"));
    CHECK(has_drug(euc, "tadalafil"));
    CHECK(euc.at("no_rx").as_bool());
  }
  {  // redirects lead Japan elsewhere, on the origin and off it
    const auto& jp = views("redirect-302-path", "jp");
    CHECK(text_of(jp, "final_url") == lab.origin.url("/redirect-302-path/shop"));
    REQUIRE(jp.at("redirects").as_array().size() == 2);
    CHECK(jp.at("redirects").as_array()[0].as_object().at("status").as_int64() == 302);
    CHECK(has_drug(jp, "sildenafil"));
    const auto& direct = views("redirect-302-path", "default");
    CHECK(text_of(direct, "final_url") == lab.url(lab.named("redirect-302-path")));
    CHECK(drugs_of(direct).empty());
    CHECK(text_of(views("redirect-301-elsewhere", "jp"), "final_url") ==
          lab.elsewhere.url("/redirect-301-elsewhere/"));
    CHECK(text_of(views("redirect-301-elsewhere", "default"), "final_url") ==
          lab.url(lab.named("redirect-301-elsewhere")));
  }
  {  // a meta refresh and a script redirect only in Japan's copy
    // Whether geocrawl follows the refresh (final_url) or only records it (meta_refresh), the
    // jp view must show where it leads.
    const auto& jp = views("meta-refresh-shop", "jp");
    INFO("jp view: " << json::serialize(jp));
    const auto* refresh = jp.at("meta_refresh").if_object();
    const auto shop = lab.origin.url("/meta-refresh-shop/shop");
    CHECK((text_of(jp, "final_url") == shop ||
           (refresh != nullptr && text_of(*refresh, "url") == shop)));
    CHECK(views("meta-refresh-shop", "default").at("meta_refresh").is_null());

    const auto& scripted = views("script-href", "jp").at("script_redirects").as_array();
    REQUIRE(scripted.size() == 1);
    CHECK(text_of(scripted[0].as_object(), "target") == lab.elsewhere.url("/script-href/"));
    CHECK(views("script-href", "default").at("script_redirects").as_array().empty());
    CHECK(text_of(views("script-href", "jp"), "title") ==
          text_of(views("script-href", "default"), "title"));
  }
  {  // geo blocking, user agent and referer
    CHECK(views("geo-block-451", "default").at("status").as_int64() == 451);
    CHECK(views("geo-block-451", "jp").at("status").as_int64() == 200);
    CHECK(has_drug(views("geo-block-451", "jp"), "tadalafil"));
    CHECK(has_drug(views("ua-googlebot-stuffed", "googlebot"), "sildenafil"));
    CHECK(drugs_of(views("ua-googlebot-stuffed", "default")).empty());
    CHECK(has_drug(views("referer-google-jp", "jp"), "sildenafil"));
    CHECK(drugs_of(views("referer-google-jp", "default")).empty());
    CHECK(drugs_of(views("referer-google-jp", "googlebot")).empty());
  }
  {  // noise changes the bytes, not the offer; encoding changes nothing
    const auto& jp = views("rogue-noisy", "jp");
    const auto& direct = views("rogue-noisy", "default");
    CHECK(jp.at("sha256") != direct.at("sha256"));
    CHECK(drugs_of(jp) == drugs_of(direct));
    CHECK(drugs_of(jp).size() == 4);
    CHECK(text_of(views("rogue-gzip-jp", "jp"), "content_encoding") == "gzip");
    CHECK(views("rogue-gzip-jp", "jp").at("sha256") ==
          views("rogue-gzip-jp", "default").at("sha256"));
  }
  {  // failures: a stall for Japan only, resets for everyone
    const auto& jp = views("timeout-jp", "jp");
    REQUIRE(jp.at("error").is_object());
    CHECK(text_of(jp.at("error").as_object(), "code") == "timeout");
    CHECK(views("timeout-jp", "default").at("status").as_int64() == 200);
    for (const auto vantage : {"default", "jp", "googlebot"}) {
      CHECK(views("unreachable-reset", vantage).at("error").is_object());
    }
  }
}

}  // namespace geocrawl::testing
