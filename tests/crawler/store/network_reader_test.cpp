#include "crawler/store/network_reader.hpp"

#include <unistd.h>
#include <filesystem>

#include <doctest/doctest.h>

#include "crawler/store/store.hpp"

namespace geocrawl {

namespace {

struct temp_database {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("geocrawl-network-reader-test-" + std::to_string(::getpid()) + ".db");
  ~temp_database() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
};

view shop_view(std::string vantage, std::vector<page_identifier> identifiers) {
  view record;
  record.vantage = std::move(vantage);
  record.proxy = "p";  // no address identifier
  record.requested_url = "https://shop.example/";
  record.status = 200;
  record.content_type = "text/html";
  record.body = "<p>shop</p>";
  record.sha256 = "body-" + record.vantage;
  record.fetched_at = "2026-12-01T00:00:00.000Z";
  record.analysis.emplace();
  record.analysis->identifiers = std::move(identifiers);
  return record;
}

}  // namespace

TEST_CASE("identifiers are stored with the site and stream back in (kind, value) order") {
  temp_database file;
  std::int64_t run = 0;
  {
    store db(file.path);
    run = db.begin_run({});
    db.record_site(run, "https://a.example/",
                   {shop_view("default", {{identifier_kind::gtm, "GTM-AAAA"},
                                          {identifier_kind::email, "x@a.example"}})},
                   {});
    db.record_site(run, "https://b.example/",
                   {shop_view("default", {{identifier_kind::gtm, "GTM-AAAA"}}),
                    shop_view("jp", {{identifier_kind::gtm, "GTM-AAAA"}})},
                   {});
  }
  network_reader reader(file.path);
  std::vector<std::string> seen;
  reader.identifiers(run, [&](const identifier_row& row) {
    seen.push_back(row.kind + " " + row.value + " " + std::to_string(row.site_id));
  });
  CHECK(seen == std::vector<std::string>{"body_sha256 body-default 1", "body_sha256 body-default 2",
                                         "body_sha256 body-jp 2", "email x@a.example 1",
                                         "gtm GTM-AAAA 1", "gtm GTM-AAAA 2", "gtm GTM-AAAA 2"});
  CHECK(reader.distinct_sites() == 2);
  std::vector<std::string> widespread;
  reader.widespread(1, [&](std::string_view kind, std::string_view value) {
    widespread.push_back(std::string(kind) + " " + std::string(value));
  });
  CHECK(widespread == std::vector<std::string>{"body_sha256 body-default", "gtm GTM-AAAA"});
  std::int64_t sites = 0;
  reader.sites(run, [&](const network_site_row&) { ++sites; });
  CHECK(sites == 2);
}

TEST_CASE("a run's network numbers are kept and found by later runs") {
  temp_database file;
  std::int64_t first = 0;
  std::int64_t second = 0;
  {
    store db(file.path);
    first = db.begin_run({});
    const auto site = db.record_site(first, "https://a.example/", {}, {});
    db.record_networks(first, {{7, site, "https://a.example/"}});
    db.record_networks(first, {{8, site, "https://a.example/"}});  // numbered again: replaced
    second = db.begin_run({});
  }
  network_reader reader(file.path);
  const auto earlier = reader.earlier_networks(second);
  REQUIRE(earlier.size() == 1);
  CHECK(earlier[0].network_id == 8);
  CHECK(earlier[0].url == "https://a.example/");
  CHECK(reader.next_network_id() == 9);
  CHECK(reader.earlier_networks(first - 1).empty());
}

}  // namespace geocrawl
