#pragma once
// The rows `geocrawl export` writes (crawler/cli/export_command.cpp): a run's comparisons,
// views or sites, and its sites beside their earlier states (site_history.hpp), read one row at
// a time and handed to a callback, so memory stays flat however large the run. Fields are named as
// the CSV's columns; a NULL reads as "", 0 or none.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crawler/store/network_reader.hpp"
#include "crawler/store/run_presence.hpp"
#include "crawler/store/site_history.hpp"

namespace geocrawl {

class sqlite_db;

// Which rows: an empty list leaves rows unfiltered.
struct export_filter {
  std::vector<std::string> verdicts;
  std::vector<std::string> vantages;
};

// A vantage's view compared with the baseline's view of the same site.
struct comparison_row {
  std::int64_t run_id = 0;
  std::string url;
  std::string vantage;
  std::string baseline;
  std::string verdict;
  std::string site_verdict;
  std::optional<double> score;  // none when a side failed
  std::string reasons;
  std::int64_t status_baseline = 0;
  std::int64_t status_vantage = 0;
  std::string final_url_baseline;
  std::string final_url_vantage;
  std::string title_baseline;
  std::string title_vantage;
  std::string drugs_baseline;  // the distinct drugs found, sorted, joined with "; "
  std::string drugs_vantage;
  std::string no_rx_baseline;  // the distinct no-prescription phrases, sorted, joined with "; "
  std::string no_rx_vantage;
  std::string exit_country_vantage;
  std::optional<double> exit_check_age_s_vantage;  // how old its exit check was; none without
  bool exit_changed = false;  // either side's exit moved to another country while served
  std::string error_baseline;
  std::string error_vantage;
  std::string labels;
  std::string fetched_at;  // the vantage view's
};

// One view of a site.
struct view_row {
  std::int64_t run_id = 0;
  std::string url;
  std::string site_verdict;
  std::string vantage;
  std::string proxy;
  std::string exit_ip;
  std::string exit_country;
  std::string exit_checked_at;             // the exit check the view relied on
  std::optional<double> exit_check_age_s;  // its age when the view started
  bool exit_changed = false;
  std::string requested_url;
  std::string final_url;
  std::int64_t status = 0;
  std::string content_type;
  std::int64_t bytes = 0;
  bool truncated = false;
  std::string truncated_reason;
  std::string title;
  std::string lang;
  std::string charset;
  std::string drugs;  // as in comparison_row
  std::string no_rx;
  std::int64_t redirects = 0;  // the redirects followed
  std::string error_code;
  std::string error_message;
  std::string body_sha256;
  std::int64_t total_ms = 0;
  std::string labels;
  std::string fetched_at;
  // What the vantage's browser made of the page, when the view was rendered; "" and 0 otherwise.
  bool rendered = false;
  std::string rendered_final_url;
  std::string rendered_title;
  std::string rendered_drugs;  // as drugs, from the rendered DOM's analysis
  std::string rendered_no_rx;
  std::int64_t rendered_requests = 0;  // every request the page made through the relay
  std::int64_t rendered_blocked = 0;   // of which the relay refused (relay_request_log.hpp)
  std::string rendered_error_code;
};

// What gives the sites table the columns that depend on the run: a group per vantage, one per
// label.
struct site_columns {
  std::vector<std::string> vantages;  // in the order the run first stored their views
  std::vector<std::string> labels;    // the sites file's extra column names, first seen first
};

// What one vantage saw of a site.
struct site_vantage_cells {
  std::optional<bool> no_rx;  // none without an analysed page from this vantage
  std::string no_rx_phrases;  // as in comparison_row
  std::string title;
  std::string final_url;
  std::string error_code;
};

// Who registered a domain, by its newest RDAP lookup that found it: the sites table's columns.
struct registrar_cells {
  std::string registrar;
  std::string registrar_iana_id;
  std::string abuse_email;
};

// One site with its views side by side.
struct site_row {
  std::int64_t run_id = 0;
  // The URL fetched: for a bare domain whose https failed, the http:// one its views used.
  std::string url;
  std::string verdict;
  std::optional<double> score;  // the highest of its comparisons'; none without one
  std::string drug_countries;   // the exit countries of views that found drugs, sorted, "; "
  std::string drugs;            // the distinct drugs of all its views, sorted, "; "
  std::vector<site_vantage_cells> vantages;  // as site_columns::vantages
  std::vector<std::string> labels;           // as site_columns::labels; "" when not set
  std::optional<std::int64_t> network_id;    // as the run's networks were numbered; none outside
};

// A run's networks beside those of the run `changes` compares them with: `since` when asked,
// else the newest earlier run whose networks were numbered (crawl, merge or `networks`); none
// when there is no such run, and then every network of the run is new.
struct network_history {
  std::optional<std::int64_t> previous_run_id;
  // The run (this one, or the `since` run) whose networks were never numbered: then there is
  // no network news, rather than every network formed or dissolved. nullopt when both were.
  std::optional<std::int64_t> unnumbered_run;
  bool any_numbered = false;               // whether any run of the database was numbered
  std::vector<network_member_row> before;  // by network, then URL
  std::vector<network_member_row> now;
};

class export_reader {
 public:
  // Brings an older database to the current schema first (a write, through crawler/store/
  // store.hpp), then reads it over a connection of its own. Throws sqlite_error.
  explicit export_reader(const std::filesystem::path& file);
  ~export_reader();

  // Whether the run is there to read, or was pruned (and when).
  run_lookup look_up(std::int64_t run_id);
  // The newest crawl run, or the newest run of any kind when there has been no crawl, pruned
  // runs left out; nullopt when the database holds no such run.
  std::optional<std::int64_t> latest_run();
  // The names of the vantages with a view in the run, sorted: what --vantage can select.
  std::vector<std::string> vantages(std::int64_t run_id);

  // Sites by URL, each site's comparisons in the order they were made.
  void comparisons(std::int64_t run_id, const export_filter& filter,
                   const std::function<void(const comparison_row&)>& on_row);
  // Sites by URL, each site's views in the order they were stored.
  void views(std::int64_t run_id, const export_filter& filter,
             const std::function<void(const view_row&)>& on_row);

  // The sites table's run-dependent columns; filter.vantages keeps only those vantages.
  site_columns sites_columns(std::int64_t run_id, const export_filter& filter);
  // Finished sites by URL: the site's verdict filtered, and with filter.vantages only the
  // sites that have a view from one of them.
  void sites(std::int64_t run_id, const export_filter& filter, const site_columns& columns,
             const std::function<void(const site_row&)>& on_row);
  // The newest lookup of the registrable domain that found its registrar; a later failed one
  // does not hide it. Empty cells when none did.
  registrar_cells registrar_of(std::string_view domain);

  // Each finished site of the run beside its earlier state, then the sites gone (see
  // read_site_histories).
  void site_histories(const history_request& request,
                      const std::function<void(const site_history&)>& on_site);
  // The run's numbered networks and the earlier ones they are compared with.
  network_history networks_since(std::int64_t run_id, std::optional<std::int64_t> since);

 private:
  std::unique_ptr<sqlite_db> db_;
};

}  // namespace geocrawl
