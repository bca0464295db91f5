// `geocrawl changes` and `geocrawl export --what changes` as an analyst runs them each morning,
// over four crawls written by the store (tests/support/run_history_database.hpp): the report's
// lines, JSON that parses with the hostile title repaired, CSV a real parser reads back, and the
// exit statuses of a run that does not exist.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "tests/support/python_csv.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/run_history_database.hpp"

namespace geocrawl::testing {

namespace {

command_result changes(const run_history_database& database, std::vector<std::string> more) {
  std::vector<std::string> words = {"changes", "--db", database.file.string()};
  words.insert(words.end(), more.begin(), more.end());
  return run_geocrawl(words);
}

}  // namespace

TEST_CASE("changes prints each changed site's lines and a summary, page text cannot forge lines") {
  const run_history_database database;
  const auto result = changes(database, {});
  REQUIRE_MESSAGE(result.exit_code == 0, result.err);
  CHECK(result.out ==
        "https://clinic.example/  (against run 1)\n"
        "  verdict changed from consistent to inconclusive\n"
        "  default: page state changed from an ordinary page to suspended\n"
        "  default: title changed from \"Clinic\" to "
        "\"Account \\\"suspended\\\"\\n\\x1b[31mpay now\xEF\xBF\xBD\"\n"
        "https://shop.example/  (against run 2)\n"
        "  now unreachable (was cloaked)\n"
        "  registrar changed from Alpha Registrar (IANA ID 1001) to Bravo Registrar, Inc. "
        "(IANA ID 2002)\n"
        "https://new.example/\n"
        "  gone: in run 2, not in this one\n"
        "2 sites in run 4: 2 changed, 0 unchanged; 1 gone. Changes: site_gone 1, "
        "verdict_changed 1, now_unreachable 1, registrar_changed 1, page_state_changed 1, "
        "title_changed 1.\n");

  const auto since = changes(database, {"--run", "2", "--since", "1"});
  REQUIRE_MESSAGE(since.exit_code == 0, since.err);
  CHECK(since.out.find("https://new.example/\n  new: in no earlier run\n") != std::string::npos);
  CHECK(since.out.find("  jp: final host moved from shop.example to pharma.example (another "
                       "registrable domain)\n") != std::string::npos);
  CHECK(since.out.find("  jp: drugs added: sildenafil\n") != std::string::npos);
  CHECK(
      since.out.ends_with("2 sites in run 2: 2 changed, 0 unchanged; 1 gone. Changes: "
                          "new_site 1, site_gone 1, newly_cloaked 1, host_moved 1, "
                          "domain_moved 1, drugs_added 1.\n"));
}

TEST_CASE("changes --json is one JSON document with the invalid UTF-8 replaced") {
  const run_history_database database;
  const auto result = changes(database, {"--json"});
  REQUIRE_MESSAGE(result.exit_code == 0, result.err);
  const auto document = boost::json::parse(result.out).as_object();
  CHECK(document.at("run_id") == database.latest);
  CHECK(document.at("since").is_null());
  const auto& sites = document.at("sites").as_array();
  REQUIRE(sites.size() == 3);
  const auto& clinic = sites[0].as_object();
  CHECK(clinic.at("url") == "https://clinic.example/");
  CHECK(clinic.at("previous_run_id") == database.first);
  const auto& title = clinic.at("changes").as_array()[2].as_object();
  CHECK(title.at("change") == "title_changed");
  CHECK(title.at("vantage") == "default");
  CHECK(title.at("after") == "Account \"suspended\"\n\x1b[31mpay now\xEF\xBF\xBD");
  const auto& registrar = sites[1].as_object().at("changes").as_array()[1].as_object();
  CHECK(registrar.at("change") == "registrar_changed");
  CHECK(registrar.at("vantage").is_null());
  CHECK(registrar.at("before").as_string() == first_registrar);
  CHECK(registrar.at("after").as_string() == escaped_to_registrar);
  const auto& gone = sites[2].as_object();
  CHECK(gone.at("gone") == true);
  CHECK(gone.at("changes").as_array()[0].as_object().at("vantage").is_null());
  const auto& summary = document.at("summary").as_object();
  CHECK(summary.at("sites") == 2);
  CHECK(summary.at("gone") == 1);
  CHECK(summary.at("changes").as_object().at("now_unreachable") == 1);
  CHECK(summary.at("changes").as_object().at("registrar_changed") == 1);
  CHECK(summary.at("changes").as_object().at("drugs_added") == 0);
}

TEST_CASE("export --what changes writes a row per change, the hostile title in one cell") {
  const run_history_database database;
  const auto out = database.dir.path() / "changes.csv";
  const auto result = run_geocrawl(
      {"export", "--db", database.file.string(), "--what", "changes", "--out", out.string()});
  REQUIRE_MESSAGE(result.exit_code == 0, result.err);
  // The title's 0xFF is no UTF-8: CSV passes bytes through, so read it as bytes.
  const auto table = read_with_python(out, "latin-1");
  REQUIRE(!table.empty());
  CHECK(table[0] == std::vector<std::string>{"run_id", "previous_run_id", "url", "change",
                                             "vantage", "before", "after", "network_id"});
  const auto records = records_of(table);
  REQUIRE(records.size() == 6);
  CHECK(records[2].at("change") == "title_changed");
  CHECK(records[2].at("before") == "Clinic");
  CHECK(records[2].at("after").starts_with("Account \"suspended\"\n\x1b[31mpay now"));
  CHECK(records[3].at("url") == "https://shop.example/");
  CHECK(records[3].at("previous_run_id") == "2");
  CHECK(records[3].at("change") == "now_unreachable");
  CHECK(records[4].at("url") == "https://shop.example/");
  CHECK(records[4].at("change") == "registrar_changed");
  CHECK(records[4].at("vantage").empty());
  CHECK(records[4].at("before") == first_registrar);
  CHECK(records[4].at("after") == escaped_to_registrar);
  CHECK(records[5].at("url") == "https://new.example/");
  CHECK(records[5].at("change") == "site_gone");
  CHECK(records[5].at("run_id") == "4");

  const auto since =
      run_geocrawl({"export", "--db", database.file.string(), "--what", "changes", "--since", "1"});
  REQUIRE_MESSAGE(since.exit_code == 0, since.err);
  CHECK(since.out.find(
            "\r\n4,1,https://shop.example/,now_unreachable,,consistent,unreachable,\r\n") !=
        std::string::npos);
  CHECK(run_geocrawl({"export", "--db", database.file.string(), "--since", "1"}).exit_code == 2);
  const auto no_since =
      run_geocrawl({"export", "--db", database.file.string(), "--what", "changes", "--since", "9"});
  CHECK(no_since.exit_code == 2);
  CHECK(no_since.err.find("--since 9: no such run") != std::string::npos);

  const auto filtered = run_geocrawl(
      {"export", "--db", database.file.string(), "--what", "changes", "--vantage", "jp"});
  CHECK(filtered.exit_code == 2);
}

TEST_CASE("changes against a run that does not exist fails with a message, bad flags are usage") {
  const run_history_database database;
  const auto no_run = changes(database, {"--run", "9"});
  CHECK(no_run.exit_code == 1);
  CHECK(no_run.err.find("--run 9: no such run in ") != std::string::npos);
  const auto no_since = changes(database, {"--since", "9"});
  CHECK(no_since.exit_code == 1);
  CHECK(no_since.err.find("--since 9: no such run") != std::string::npos);
  CHECK(changes(database, {"--run", "four"}).exit_code == 2);
  CHECK(changes(database, {"--run", "4", "--since", "4"}).exit_code == 2);
  CHECK(changes(database, {"--sicne", "1"}).exit_code == 2);
  const auto help = run_geocrawl({"help", "changes"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--since") != std::string::npos);
}

}  // namespace geocrawl::testing
