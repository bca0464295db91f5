#pragma once
// geocrawl's SQLite database: runs, sites, views, bodies and proxy checks. One transaction per site,
// so a crash loses no finished site and leaves no half-written one.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/compare.hpp"
#include "crawler/view.hpp"
#include "proxies/exit_verification.hpp"

namespace geocrawl {

class sqlite_db;

struct run_record {
  std::string command;        // "fetch" or "crawl"
  std::string config_source;  // config file path or "built-in default"
  std::string input;          // the URL or the sites file
};

class store {
 public:
  // Opens or creates the file, turns on WAL and foreign keys, and migrates the schema
  // forward. Throws sqlite_error (e.g. for a database from a newer geocrawl).
  explicit store(const std::filesystem::path& file);
  ~store();

  std::int64_t begin_run(const run_record& run);
  void finish_run(std::int64_t run_id, std::string_view status);

  // The proxy checks made for the run, in one transaction. The URLs are redacted already.
  void record_proxy_checks(std::int64_t run_id, const std::vector<proxy_check>& checks);

  // Stores a site with all its views and their comparisons in one transaction; returns
  // the site id.
  std::int64_t record_site(std::int64_t run_id, std::string_view url, const std::vector<view>& views,
                           const site_comparison& verdict);

 private:
  std::int64_t insert_view(std::int64_t site_id, const view& record);
  void insert_body(const std::string& sha256, const std::string& body);
  void insert_analysis(std::int64_t view_id, const page_analysis& analysis);

  std::unique_ptr<sqlite_db> db_;
};

// The schema version this build writes (PRAGMA user_version).
std::int64_t store_schema_version();

}  // namespace geocrawl
