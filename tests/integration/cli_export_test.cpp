// `geocrawl export` as an analyst runs it: a database written by the store, the CSV read back
// by Python's csv module (what analysts' own scripts use), the bytes a spreadsheet opens.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "crawler/view/sha256.hpp"
#include "proxies/dial_error.hpp"
#include "tests/support/python_csv.hpp"
#include "tests/support/run_geocrawl.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl::testing {

namespace {

// Text that a spreadsheet would run or split, and text that must survive as it is.
constexpr std::string_view phone_title = "+81 3 1234 5678, under construction";
constexpr std::string_view shop_title = "バイアグラ通販 \"最安\"\n送料無料";
constexpr std::string_view formula_title = "=HYPERLINK(\"http://evil.example/\",\"click\")";
constexpr std::string_view at_title = "@home pharmacy";
constexpr std::string_view minus_title = "-50% off, today only";
constexpr std::string_view tab_title = "\tTabbed title";
constexpr std::string_view shop_labels =
    R"({"source":"abuse desk","note":"two\nlines, \"quoted\""})";

view page_view(std::string vantage, std::string url, std::string_view title) {
  view record;
  record.vantage = std::move(vantage);
  record.requested_url = url;
  record.final_url = url;
  record.status = 200;
  record.redirects = {{url, 200}};
  record.content_type = "text/html; charset=utf-8";
  record.body = "<html><title>" + std::string(title) + "</title></html>";
  record.wire_bytes = record.body.size();
  record.sha256 = sha256_hex(record.body);
  record.timings.total = std::chrono::milliseconds(120);
  record.fetched_at = "2026-11-27T01:00:00.000Z";
  auto& analysis = record.analysis.emplace();
  analysis.charset = "utf-8";
  analysis.charset_source = "header";
  analysis.page.title = title;
  return record;
}

view shop_view(std::string vantage, std::string url) {
  auto record = page_view(std::move(vantage), url, shop_title);
  record.proxy = "tokyo-1";
  record.exit_ip = "203.0.113.7";
  record.exit_country = "JP";
  record.exit_checked_at = "2026-11-27T00:59:58.750Z";
  record.exit_check_age = std::chrono::milliseconds(3250);
  record.redirects = {{url + "old", 301, redirect_kind::location}, {url, 200}};
  record.requested_url = url + "old";
  record.fetched_at = "2026-11-27T01:00:02.000Z";
  auto& analysis = *record.analysis;
  analysis.page.lang = "ja";
  analysis.found.drugs = {{"バイアグラ", "sildenafil", "erectile_dysfunction", 3},
                          {"viagra", "sildenafil", "erectile_dysfunction", 1},
                          {"シアリス", "tadalafil", "erectile_dysfunction", 2}};
  analysis.found.no_rx = true;
  analysis.found.no_rx_phrases = {"no prescription needed", "処方箋不要"};
  return record;
}

view failed_view(std::string vantage, std::string url) {
  view record;
  record.vantage = std::move(vantage);
  record.requested_url = std::move(url);
  record.fetched_at = "2026-11-27T01:00:03.000Z";
  record.error = view_error{make_error_code(dial_errc::timeout), "connecting timed out, after 5 s"};
  return record;
}

comparison compared(std::string vantage, cloaking_verdict verdict, std::optional<double> score,
                    std::vector<std::string> reasons) {
  return {std::move(vantage), "default", verdict, score, std::move(reasons)};
}

// Run 1: an older crawl; run 2: tonight's crawl (three sites, one of them fetched from a single
// vantage); run 3: a one-off fetch made after it.
struct crawl_database {
  temp_dir dir;
  std::filesystem::path file = dir.path() / "geocrawl.db";

  crawl_database() {
    store database(file);
    const auto older = database.begin_run({run_kind::crawl, "my.toml", "sites-old.txt"});
    database.record_site(
        older, "https://old.example/",
        {page_view("default", "https://old.example/", "Old"),
         page_view("jp", "https://old.example/", "Old")},
        {cloaking_verdict::consistent,
         {compared("jp", cloaking_verdict::consistent, 0, {"jp and default see the same page"})}});

    const auto tonight = database.begin_run({run_kind::crawl, "my.toml", "sites.txt"});
    const std::string shop = "https://shop.example/";
    database.record_site(
        tonight, shop,
        {page_view("default", shop, phone_title), shop_view("jp", shop),
         page_view("googlebot", shop, formula_title)},
        {cloaking_verdict::cloaked,
         {compared("jp", cloaking_verdict::cloaked, 0.99,
                   {"jp sees sildenafil, tadalafil and no-prescription language; default sees an "
                    "under-construction page",
                    "the text differs (similarity 0.05)"}),
          compared("googlebot", cloaking_verdict::consistent, 0.125,
                   {"googlebot and default see the same page"})}});
    const std::string clinic = "https://clinic.example/";
    database.record_site(tonight, clinic,
                         {page_view("default", clinic, at_title), failed_view("jp", clinic),
                          page_view("googlebot", clinic, minus_title)},
                         {cloaking_verdict::inconclusive,
                          {compared("jp", cloaking_verdict::inconclusive, std::nullopt,
                                    {"jp failed (timeout); default got a page"}),
                           compared("googlebot", cloaking_verdict::consistent, 0,
                                    {"googlebot and default see the same page"})}});
    auto single = page_view("default", "https://single.example/", tab_title);
    single.truncated = true;
    single.truncated_reason = "body over limits.max_body_bytes";
    database.record_site(tonight, "https://single.example/", {single}, {});

    const auto fetch =
        database.begin_run({run_kind::fetch, "built-in default", "https://later.example/"});
    database.record_site(
        fetch, "https://later.example/",
        {page_view("default", "https://later.example/", "Later"),
         shop_view("jp", "https://later.example/")},
        {cloaking_verdict::cloaked,
         {compared("jp", cloaking_verdict::cloaked, 0.9, {"jp sees sildenafil"})}});

    // The crawl stores a site's extra input columns; here they are set by hand.
    sqlite_db db(file);
    db.prepare("UPDATE sites SET labels = ? WHERE url = ?")
        .bind(1, shop_labels)
        .bind(2, shop)
        .run();
  }
};

std::string contents_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs `geocrawl export --db <db> --out <dir>/out.csv` with more arguments; the records read back.
std::vector<std::map<std::string, std::string>> exported(const crawl_database& db,
                                                         std::vector<std::string> arguments) {
  const auto out = db.dir.path() / "out.csv";
  std::vector<std::string> words = {"export", "--db", db.file.string(), "--out", out.string()};
  words.insert(words.end(), arguments.begin(), arguments.end());
  const auto result = run_geocrawl(words);
  REQUIRE_MESSAGE(result.exit_code == 0, result.err);
  return records_of(read_with_python(out));
}

std::vector<std::string> column(const std::vector<std::map<std::string, std::string>>& records,
                                const std::string& name) {
  std::vector<std::string> cells;
  for (const auto& record : records) cells.push_back(record.at(name));
  return cells;
}

}  // namespace

TEST_CASE(
    "export writes tonight's comparisons as CSV that a real parser reads back cell for cell") {
  const crawl_database db;
  const auto out = db.dir.path() / "comparisons.csv";
  const auto result = run_geocrawl({"export", "--db", db.file.string(), "--out", out.string()});
  REQUIRE_MESSAGE(result.exit_code == 0, result.err);
  CHECK(result.out.empty());

  const auto bytes = contents_of(out);
  CHECK(
      bytes.starts_with("run_id,url,vantage,baseline,verdict,site_verdict,score,reasons,status_"
                        "baseline,status_vantage,"
                        "final_url_baseline,final_url_vantage,title_baseline,title_vantage,drugs_"
                        "baseline,drugs_vantage,"
                        "no_rx_baseline,no_rx_vantage,exit_country_vantage,exit_check_age_s_"
                        "vantage,exit_changed,error_baseline,error_vantage,labels,fetched_at\r\n"));
  CHECK(bytes.ends_with("\r\n"));

  const auto table = read_with_python(out);
  const auto records = records_of(table);
  REQUIRE(records.size() == 4);  // the single-view site has nothing to compare

  // Sorted by URL, each site's comparisons in the order they were made.
  const auto& jp = records[2];
  CHECK(jp.at("run_id") == "2");
  CHECK(jp.at("url") == "https://shop.example/");
  CHECK(jp.at("vantage") == "jp");
  CHECK(jp.at("baseline") == "default");
  CHECK(jp.at("verdict") == "cloaked");
  CHECK(jp.at("site_verdict") == "cloaked");
  CHECK(jp.at("score") == "0.99");
  CHECK(jp.at("reasons") ==
        "jp sees sildenafil, tadalafil and no-prescription language; default sees an "
        "under-construction page\n"
        "the text differs (similarity 0.05)");
  CHECK(jp.at("status_baseline") == "200");
  CHECK(jp.at("status_vantage") == "200");
  CHECK(jp.at("final_url_baseline") == "https://shop.example/");
  CHECK(jp.at("final_url_vantage") == "https://shop.example/");
  CHECK(jp.at("title_baseline") == "'" + std::string(phone_title));
  CHECK(jp.at("title_vantage") == shop_title);
  CHECK(jp.at("drugs_baseline").empty());
  CHECK(jp.at("drugs_vantage") == "sildenafil; tadalafil");
  CHECK(jp.at("no_rx_baseline").empty());
  CHECK(jp.at("no_rx_vantage") == "no prescription needed; 処方箋不要");
  CHECK(jp.at("exit_country_vantage") == "JP");
  CHECK(jp.at("exit_check_age_s_vantage") == "3.25");
  CHECK(jp.at("exit_changed") == "false");
  CHECK(jp.at("error_baseline").empty());
  CHECK(jp.at("error_vantage").empty());
  CHECK(jp.at("labels") == shop_labels);
  CHECK(jp.at("fetched_at") == "2026-11-27T01:00:02.000Z");

  const auto& googlebot = records[3];
  CHECK(googlebot.at("vantage") == "googlebot");
  CHECK(googlebot.at("verdict") == "consistent");
  CHECK(googlebot.at("site_verdict") == "cloaked");
  CHECK(googlebot.at("score") == "0.125");
  CHECK(googlebot.at("title_vantage") == "'" + std::string(formula_title));

  const auto& failed = records[0];
  CHECK(failed.at("url") == "https://clinic.example/");
  CHECK(failed.at("verdict") == "inconclusive");
  CHECK(failed.at("score").empty());  // a side failed: no score
  CHECK(failed.at("status_vantage") == "0");
  CHECK(failed.at("error_vantage") == "timeout");
  CHECK(failed.at("title_baseline") == "'" + std::string(at_title));
  CHECK(failed.at("title_vantage").empty());
  CHECK(failed.at("labels").empty());
  CHECK(records[1].at("title_vantage") == "'" + std::string(minus_title));
  CHECK(records[1].at("score") == "0");
}

TEST_CASE("export to standard output writes the same bytes as --out") {
  const crawl_database db;
  const auto out = db.dir.path() / "out.csv";
  const auto to_file = run_geocrawl({"export", "--db", db.file.string(), "--out", out.string()});
  const auto to_stdout = run_geocrawl({"export", "--db", db.file.string()});
  REQUIRE(to_file.exit_code == 0);
  REQUIRE(to_stdout.exit_code == 0);
  CHECK(to_stdout.out == contents_of(out));
  CHECK(to_stdout.err.empty());
}

TEST_CASE("export --what views has a row per view, single-view sites included") {
  const crawl_database db;
  const auto records = exported(db, {"--what", "views"});
  REQUIRE(records.size() == 7);
  CHECK(column(records, "url") ==
        std::vector<std::string>{"https://clinic.example/", "https://clinic.example/",
                                 "https://clinic.example/", "https://shop.example/",
                                 "https://shop.example/", "https://shop.example/",
                                 "https://single.example/"});
  const auto& jp = records[4];
  CHECK(jp.at("run_id") == "2");
  CHECK(jp.at("site_verdict") == "cloaked");
  CHECK(jp.at("vantage") == "jp");
  CHECK(jp.at("proxy") == "tokyo-1");
  CHECK(jp.at("exit_ip") == "203.0.113.7");
  CHECK(jp.at("exit_country") == "JP");
  CHECK(jp.at("exit_checked_at") == "2026-11-27T00:59:58.750Z");
  CHECK(jp.at("exit_check_age_s") == "3.25");
  CHECK(jp.at("exit_changed") == "false");
  CHECK(records[3].at("exit_checked_at").empty());
  CHECK(records[3].at("exit_check_age_s").empty());
  CHECK(jp.at("requested_url") == "https://shop.example/old");
  CHECK(jp.at("final_url") == "https://shop.example/");
  CHECK(jp.at("status") == "200");
  CHECK(jp.at("content_type") == "text/html; charset=utf-8");
  CHECK(jp.at("bytes") == std::to_string(shop_view("jp", "https://shop.example/").body.size()));
  CHECK(jp.at("truncated") == "false");
  CHECK(jp.at("title") == shop_title);
  CHECK(jp.at("lang") == "ja");
  CHECK(jp.at("charset") == "utf-8");
  CHECK(jp.at("drugs") == "sildenafil; tadalafil");
  CHECK(jp.at("no_rx") == "no prescription needed; 処方箋不要");
  CHECK(jp.at("redirects") == "1");
  CHECK(jp.at("error_code").empty());
  CHECK(jp.at("body_sha256") == shop_view("jp", "https://shop.example/").sha256);
  CHECK(jp.at("total_ms") == "120");
  CHECK(jp.at("labels") == shop_labels);
  CHECK(records[3].at("redirects") == "0");

  const auto& failed = records[1];
  CHECK(failed.at("status") == "0");
  CHECK(failed.at("error_code") == "timeout");
  CHECK(failed.at("error_message") == "connecting timed out, after 5 s");
  CHECK(failed.at("body_sha256").empty());

  const auto& single = records[6];
  CHECK(single.at("site_verdict").empty());
  CHECK(single.at("title") == "'" + std::string(tab_title));
  CHECK(single.at("truncated") == "true");
}

TEST_CASE("export --verdict and --vantage choose the rows") {
  const crawl_database db;
  const auto cloaked = exported(db, {"--verdict", "cloaked"});
  REQUIRE(cloaked.size() == 1);
  CHECK(cloaked[0].at("vantage") == "jp");
  CHECK(cloaked[0].at("url") == "https://shop.example/");

  const auto googlebot = exported(db, {"--vantage", "googlebot"});
  CHECK(column(googlebot, "url") ==
        std::vector<std::string>{"https://clinic.example/", "https://shop.example/"});

  const auto both =
      exported(db, {"--verdict", "consistent", "--verdict", "inconclusive", "--vantage", "jp"});
  CHECK(column(both, "url") == std::vector<std::string>{"https://clinic.example/"});

  // For views, --verdict is the site's verdict.
  const auto cloaked_sites = exported(db, {"--what", "views", "--verdict", "cloaked"});
  CHECK(column(cloaked_sites, "vantage") == std::vector<std::string>{"default", "jp", "googlebot"});
  const auto default_views = exported(db, {"--what", "views", "--vantage", "default"});
  CHECK(default_views.size() == 3);

  // A vantage that is not in the run is refused (issue 16: it used to give the header alone);
  // the name is data, never SQL.
  const auto refused =
      run_geocrawl({"export", "--db", db.file.string(), "--vantage", "'); DROP TABLE sites; --"});
  CHECK(refused.exit_code == 2);
  CHECK(refused.out.empty());
  CHECK(exported(db, {"--what", "views"}).size() == 7);
}

TEST_CASE("export --run: latest is the newest crawl, an id picks any run") {
  const crawl_database db;
  CHECK(column(exported(db, {}), "run_id") == std::vector<std::string>(4, "2"));
  CHECK(column(exported(db, {"--run", "latest"}), "run_id") == std::vector<std::string>(4, "2"));
  const auto older = exported(db, {"--run", "1"});
  CHECK(column(older, "url") == std::vector<std::string>{"https://old.example/"});
  CHECK(column(older, "run_id") == std::vector<std::string>{"1"});
  const auto fetch = exported(db, {"--run", "3"});
  CHECK(column(fetch, "url") == std::vector<std::string>{"https://later.example/"});
}

TEST_CASE("export --run latest takes the newest run when there has been no crawl") {
  const temp_dir dir;
  const auto file = dir.path() / "fetches.db";
  {
    store database(file);
    for (const char* url : {"https://first.example/", "https://second.example/"}) {
      database.record_site(
          database.begin_run({run_kind::fetch, "built-in default", url}), url,
          {page_view("default", url, "A"), page_view("jp", url, "B")},
          {cloaking_verdict::inconclusive,
           {compared("jp", cloaking_verdict::inconclusive, 0.3, {"the text differs"})}});
    }
  }
  const auto result = run_geocrawl({"export", "--db", file.string()});
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("https://second.example/") != std::string::npos);
  CHECK(result.out.find("https://first.example/") == std::string::npos);
}

TEST_CASE("export --bom starts with the UTF-8 byte order mark that Excel looks for") {
  const crawl_database db;
  const auto out = db.dir.path() / "excel.csv";
  const auto result =
      run_geocrawl({"export", "--db", db.file.string(), "--out", out.string(), "--bom"});
  REQUIRE(result.exit_code == 0);
  CHECK(contents_of(out).starts_with("\xEF\xBB\xBFrun_id,url,"));
  const auto table = read_with_python(out, "utf-8-sig");
  CHECK(table[0][0] == "run_id");
  CHECK(records_of(table)[2].at("title_vantage") == shop_title);
  CHECK(read_with_python(out, "utf-8")[0][0] == "\xEF\xBB\xBFrun_id");  // the BOM was really there
}

TEST_CASE("export --out replaces the file whole and leaves no temporary file") {
  const crawl_database db;
  const auto out = db.dir.path() / "out.csv";
  std::ofstream(out) << "yesterday's export";
  REQUIRE(run_geocrawl({"export", "--db", db.file.string(), "--out", out.string()}).exit_code == 0);
  CHECK(contents_of(out).starts_with("run_id,"));
  for (const auto& entry : std::filesystem::directory_iterator(db.dir.path())) {
    CHECK(entry.path().filename().string().find("partial") == std::string::npos);
  }

  // A path that cannot be written is an error naming it, and nothing is created.
  const auto nowhere = db.dir.path() / "missing" / "out.csv";
  const auto failed = run_geocrawl({"export", "--db", db.file.string(), "--out", nowhere.string()});
  CHECK(failed.exit_code == 1);
  CHECK(failed.err.find("--out " + nowhere.string()) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(nowhere.parent_path()));
}

TEST_CASE("export usage errors name the flag and exit with status 2") {
  const crawl_database db;
  struct usage_case {
    std::vector<std::string> arguments;
    std::string named;
  };
  const usage_case cases[] = {
      {{"--run", "9"}, "--run 9: no such run"},
      {{"--run", "yesterday"}, "--run yesterday"},
      {{"--run", "-1"}, "--run -1"},
      {{"--verdict", "suspicious"}, "--verdict suspicious"},
      {{"--what", "everything"}, "--what everything"},
      // Filters that would match nothing list the valid names. The newest run saw default,
      // googlebot and jp; "japan" is no vantage of it.
      {{"--vantage", "japan"},
       "--vantage japan: no such vantage in run 2; the valid names are default, googlebot, jp"},
      {{"--vantage", "jp", "--vantage", "googlebto"}, "did you mean `googlebot`?"},
      {{"--verdict", "cloacked"},
       "--verdict cloacked: no such verdict; the valid names are consistent, cloaked, "
       "inconclusive, unreachable; did you mean `cloaked`?"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.named);
    std::vector<std::string> words = {"export", "--db", db.file.string()};
    words.insert(words.end(), c.arguments.begin(), c.arguments.end());
    const auto result = run_geocrawl(words);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(c.named) != std::string::npos);
    CHECK(result.out.empty());
  }
}

TEST_CASE("export fails with status 1 for a missing database or one without runs") {
  const temp_dir dir;
  const auto missing = dir.path() / "nothing.db";
  const auto result = run_geocrawl({"export", "--db", missing.string()});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("--db " + missing.string() + ": no such file") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(missing));  // not created by looking

  const auto empty = dir.path() / "empty.db";
  { store database(empty); }
  const auto no_runs = run_geocrawl({"export", "--db", empty.string()});
  CHECK(no_runs.exit_code == 1);
  CHECK(no_runs.err.find("no run to export") != std::string::npos);
  CHECK(no_runs.out.empty());
}

}  // namespace geocrawl::testing
