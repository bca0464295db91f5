// What must never leak and what must never run. A crawl, a fetch, a proxy check and both
// exports use proxies whose passwords come from ${VAR}: the password is looked for in everything
// they print and write, every cell of every table included, and must be nowhere. Pages whose
// text looks like SQL or like spreadsheet formulas are stored as they are and exported
// neutralised.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "crawler/http/content_decoder.hpp"
#include "crawler/store/sqlite.hpp"
#include "proxies/http_connect.hpp"
#include "tests/support/crawl_lab.hpp"
#include "tests/support/geo_config.hpp"
#include "tests/support/python_csv.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/test_connect_proxy.hpp"

namespace geocrawl::testing {

namespace {

constexpr std::string_view password = "pw-51d9e2-never-shown";
constexpr std::string_view password_variable = "GEOCRAWL_TEST_SECRET";
const proxy_credentials alice{"alice", std::string(password)};
const proxy_credentials bob{"bob", std::string(password)};

constexpr std::string_view sql_title = "'); DROP TABLE sites; --";
constexpr std::string_view sql_header = "x'); DELETE FROM views; --";
constexpr std::string_view sql_label = "'); DROP TABLE runs; --";
// Titles a spreadsheet would run as formulas.
const std::vector<std::string> formula_titles = {"=HYPERLINK(\"http://evil.example/\",\"open\")",
                                                 "+81 3 1234 5678", "-2+3 off", "@SUM(A1:A9)"};

// A proxy URL whose password the config takes from the environment.
std::string url_with_secret(std::string_view scheme, const std::string& user, std::uint16_t port) {
  return std::string(scheme) + "://" + user + ":${" + std::string(password_variable) +
         "}@127.0.0.1:" + std::to_string(port);
}

std::string titled_page(std::string_view title, std::string_view text) {
  return "<html><head><title>" + std::string(title) + "</title></head><body><p>" +
         std::string(text) + "</p></body></html>";
}

std::string contents_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string decompressed(const std::string& compression, const std::string& data) {
  if (compression == "none") return data;
  content_decoder decoder(compression, 64 * 1024 * 1024);
  std::string out;
  REQUIRE(decoder.feed(data, out) != decode_state::failed);
  REQUIRE(decoder.finish(out) == decode_state::done);
  return out;
}

// Every value of every column of every table, text and blobs as their bytes, stored bodies
// decompressed.
std::vector<std::string> every_value(const std::string& database) {
  sqlite_db db(database);
  std::vector<std::string> tables;
  auto listed = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
  while (listed.step()) tables.push_back(listed.column_text(0));
  CHECK(tables.size() >= 10);
  std::vector<std::string> values;
  for (const auto& table : tables) {
    auto columns = db.prepare("SELECT name FROM pragma_table_info(?)");
    columns.bind(1, table);
    while (columns.step()) {
      auto cells = db.prepare("SELECT CAST(\"" + columns.column_text(0) + "\" AS BLOB) FROM \"" +
                              table + "\"");
      while (cells.step()) values.push_back(cells.column_text(0));
    }
  }
  auto bodies = db.prepare("SELECT compression, data FROM bodies");
  while (bodies.step())
    values.push_back(decompressed(bodies.column_text(0), bodies.column_text(1)));
  return values;
}

// The password as it is, and as it travels in a Proxy-Authorization header.
std::vector<std::string> secret_forms() {
  std::vector<std::string> forms = {std::string(password)};
  for (const auto& credentials : {alice, bob})
    forms.push_back(basic_proxy_authorization(credentials).substr(6));
  return forms;
}

// Notes where the password, in any of its forms, shows in `text`.
void look_for_secrets(const std::string& where, std::string_view text,
                      std::vector<std::string>& leaks) {
  for (const auto& secret : secret_forms()) {
    if (text.find(secret) != std::string_view::npos)
      leaks.push_back(where + ": " + std::string(text.substr(0, 200)));
  }
}

}  // namespace

TEST_CASE(
    "proxy passwords taken from the environment appear in no output, log, CSV or database cell") {
  ::setenv(std::string(password_variable).c_str(), std::string(password).c_str(), 1);
  crawl_lab lab("");
  test_socks5_proxy socks({.outgoing_address = "127.0.0.11", .credentials = alice});
  test_connect_proxy http({.outgoing_address = "127.0.0.12", .credentials = bob});
  // Refuses the password it is offered, so the check's error messages are exercised too.
  test_socks5_proxy refusing(
      {.outgoing_address = "127.0.0.13", .credentials = proxy_credentials{"alice", "other"}});
  std::uint16_t gone_port = 0;
  {
    test_socks5_proxy gone;
    gone_port = gone.port();
  }
  lab.write_config(
      proxy_entry("jp-socks", url_with_secret("socks5h", "alice", socks.port())) +
          proxy_entry("jp-http", url_with_secret("http", "bob", http.port())) +
          proxy_entry("jp-refusing", url_with_secret("socks5h", "alice", refusing.port())) +
          proxy_entry("jp-gone", url_with_secret("socks5h", "alice", gone_port)),
      "concurrency = 4\nper_host = 4\nretries = 0\n");
  lab.origin.route_below("/page/", [](const received_request& request) {
    return html(titled_page("A page", "Seen from " + request.peer_address));
  });
  const auto sites = (lab.dir.path() / "sites.csv").string();
  {
    std::ofstream list(sites);
    list << "url,note\n";
    for (int i = 0; i < 8; ++i)
      list << lab.origin.url("/page/" + std::to_string(i) + "/") << ",night " << i << "\n";
  }

  std::vector<command_result> results;
  results.push_back(run_geocrawl(
      {"crawl", "--sites", sites, "--config", lab.config_path(), "--db", lab.database}));
  CHECK_MESSAGE(results.back().exit_code == 0, results.back().err);
  results.push_back(run_geocrawl({"fetch", lab.origin.url("/page/fetched/"), "--config",
                                  lab.config_path(), "--json", "--db", lab.database}));
  CHECK_MESSAGE(results.back().exit_code == 0, results.back().err);
  results.push_back(run_geocrawl(
      {"proxies", "check", "--config", lab.config_path(), "--json", "--db", lab.database}));
  CHECK(results.back().exit_code == 1);  // two of the four are not ok
  CHECK(results.back().out.find("\"jp-refusing\"") != std::string::npos);
  const auto comparisons = lab.dir.path() / "comparisons.csv";
  const auto views = lab.dir.path() / "views.csv";
  results.push_back(run_geocrawl({"export", "--db", lab.database, "--out", comparisons.string()}));
  CHECK(results.back().exit_code == 0);
  results.push_back(
      run_geocrawl({"export", "--db", lab.database, "--what", "views", "--out", views.string()}));
  CHECK(results.back().exit_code == 0);

  // Both good proxies carried views, so both passwords were in use.
  CHECK(count_of(lab.database,
                 "SELECT count(*) FROM views WHERE proxy = 'jp-socks' AND status = 200") >= 1);
  CHECK(count_of(lab.database,
                 "SELECT count(*) FROM views WHERE proxy = 'jp-http' AND status = 200") >= 1);
  CHECK(count_of(lab.database, "SELECT count(*) FROM proxy_checks WHERE status = 'dead'") >= 2);

  std::vector<std::string> leaks;
  for (const auto& result : results) {
    look_for_secrets("stdout", result.out, leaks);
    look_for_secrets("stderr", result.err, leaks);
  }
  look_for_secrets("comparisons.csv", contents_of(comparisons), leaks);
  look_for_secrets("views.csv", contents_of(views), leaks);
  const auto values = every_value(lab.database);
  for (const auto& value : values) look_for_secrets("a database cell", value, leaks);
  for (const auto& request : lab.origin.requests()) {
    for (const auto& [name, value] : request.headers)
      look_for_secrets("a header the site received", value, leaks);
  }
  for (const auto& leak : leaks) FAIL_CHECK("the password shows in " << leak);
  // The search reaches what it should: the text of the stored (compressed) bodies.
  CHECK(std::any_of(values.begin(), values.end(), [](const std::string& value) {
    return value.find("Seen from 127.0.0.12") != std::string::npos;
  }));
}

TEST_CASE(
    "page text that looks like SQL is stored verbatim, and formula-looking cells are exported "
    "neutralised") {
  crawl_lab lab("concurrency = 4\nper_host = 4\nretries = 0\n");
  lab.origin.route("/sql/", [](const received_request&) {
    auto response = http_response(
        200, {{"Content-Type", "text/html; charset=utf-8"}, {"X-Note", std::string(sql_header)}},
        titled_page(sql_title, "Robert'); DROP TABLE views; -- says hello"));
    return response;
  });
  for (std::size_t i = 0; i < formula_titles.size(); ++i) {
    lab.origin.route("/formula/" + std::to_string(i) + "/",
                     [title = formula_titles[i]](const received_request&) {
                       return html(titled_page(title, "Plain text."));
                     });
  }
  const auto sites = (lab.dir.path() / "sites.csv").string();
  {
    std::ofstream list(sites);
    list << "url,note\n" << lab.origin.url("/sql/") << ",\"" << sql_label << "\"\n";
    for (std::size_t i = 0; i < formula_titles.size(); ++i) {
      list << lab.origin.url("/formula/" + std::to_string(i) + "/") << ",formula " << i << "\n";
    }
  }
  const auto crawl = run_geocrawl(
      {"crawl", "--sites", sites, "--config", lab.config_path(), "--db", lab.database});
  INFO("stderr: " << crawl.err);
  REQUIRE(crawl.exit_code == 0);
  const auto site_count = static_cast<std::int64_t>(formula_titles.size()) + 1;
  check_exactly_once(lab.database, site_count);

  // Stored as the page said it, nothing run: both vantages' titles, the header and the label.
  sqlite_db db(lab.database);
  auto titles = db.prepare("SELECT count(*) FROM views WHERE title = ?");
  titles.bind(1, sql_title);
  REQUIRE(titles.step());
  CHECK(titles.column_int(0) == 2);
  auto headers =
      db.prepare("SELECT count(*) FROM view_headers WHERE name = 'X-Note' AND value = ?");
  headers.bind(1, sql_header);
  REQUIRE(headers.step());
  CHECK(headers.column_int(0) == 2);
  auto labels = db.prepare("SELECT labels FROM sites WHERE url LIKE '%/sql/'");
  REQUIRE(labels.step());
  CHECK(labels.column_text(0) == "{\"note\":\"" + std::string(sql_label) + "\"}");
  CHECK(count_of(lab.database, "SELECT count(*) FROM sites") == site_count);
  CHECK(count_of(lab.database, "SELECT count(*) FROM runs") == 1);

  // Exported with a leading apostrophe where a spreadsheet would see a formula, as it is elsewhere.
  const auto out = lab.dir.path() / "views.csv";
  const auto exported =
      run_geocrawl({"export", "--db", lab.database, "--what", "views", "--out", out.string()});
  REQUIRE_MESSAGE(exported.exit_code == 0, exported.err);
  const auto records = records_of(read_with_python(out));
  std::map<std::string, int> title_cells;
  for (const auto& record : records) ++title_cells[record.at("title")];
  for (const auto& title : formula_titles) CHECK(title_cells["'" + title] == 2);
  CHECK(title_cells[std::string(sql_title)] == 2);  // begins with an apostrophe already: no formula
  const auto compared = lab.dir.path() / "comparisons.csv";
  REQUIRE(run_geocrawl({"export", "--db", lab.database, "--out", compared.string()}).exit_code ==
          0);
  for (const auto& record : records_of(read_with_python(compared))) {
    const auto& title = record.at("title_vantage");
    CHECK(std::string_view("=+-@").find(title.front()) == std::string_view::npos);
  }
}

}  // namespace geocrawl::testing
