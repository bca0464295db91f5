#pragma once
// The evidence of a run read back as it was recorded (store_evidence.cpp writes it): a run's
// sites, and for one site its views, their comparisons and its verdict rebuilt as the same
// plain records `fetch` printed (crawler/view/view.hpp, crawler/verdict/compare.hpp), bodies
// decompressed and checked against their SHA-256. For `geocrawl show` and the HTML report.
//
// What the store does not keep comes back empty: a page's visible text, meta description,
// image alt texts and forms (only whether one was a checkout form: then `page.forms` holds one
// form with `checkout` set and no action or method), the charset a page declared when the
// detector overruled it, a comparison's text measures, and whether a failure was the proxy's.
// The same holds for a rendered view's analysis; its DOM and screenshot are bodies, loaded
// with the served body, and its requests' start times are kept to the millisecond.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/store/registrar_record.hpp"
#include "crawler/store/run_presence.hpp"
#include "crawler/verdict/cloaking_verdict.hpp"
#include "crawler/verdict/compare.hpp"
#include "crawler/view/view.hpp"
#include "proxies/coded_category.hpp"

namespace geocrawl {

class sqlite_db;

// Stored evidence that does not hold together: a body missing, or whose bytes do not have the
// SHA-256 its views recorded. The message names the hash.
class evidence_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A site of a run's work list.
struct site_summary {
  std::int64_t id = 0;
  std::int64_t run_id = 0;
  std::string url;           // as stored: the canonical URL the run was asked for
  std::string fallback_url;  // for a bare domain, the http:// URL tried when https failed
  std::string finished_at;   // "" while the site waits in an unfinished crawl
  std::optional<cloaking_verdict> verdict;  // none for a single view, or while pending
  std::optional<double> score;              // the highest of its comparisons'; none without one
};

// When a run started and finished, UTC ISO 8601; finished_at is "" while it runs.
struct run_times {
  std::string started_at;
  std::string finished_at;
};

enum class pending_sites { leave_out, include };

// Which sites: an empty list leaves them unfiltered.
struct site_filter {
  std::vector<cloaking_verdict> verdicts;
  // Sites whose url or fallback_url is one of these exactly (callers normalise first).
  std::vector<std::string> urls;
  pending_sites pending = pending_sites::leave_out;
};

enum class body_loading { load, leave_out };

// One stored view beyond what `view` holds.
struct stored_view_info {
  std::int64_t id = 0;          // views.id
  std::int64_t body_bytes = 0;  // the body's size as stored, also when it was not loaded
  // For a rendered view: where its screenshot is kept (a body's SHA-256; "" without one) and
  // the rendered DOM's size, also when they were not loaded.
  std::string screenshot_sha256;
  std::int64_t dom_bytes = 0;
};

struct site_evidence {
  site_summary site;
  std::vector<view> views;               // in the order stored: the baseline's first
  std::vector<stored_view_info> stored;  // stored[i] is views[i]'s
  site_comparison verdict;               // the comparisons in the order they were made
};

class evidence_reader {
 public:
  // `error_categories` are the categories a view's stored error word is looked up in, in
  // order (dial_errc, fetch_errc and view_errc for everything geocrawl writes; a word two share,
  // such as "timeout", takes the first). The store sits beside the network layers, so the
  // caller names them. A word none of them has (a database from a newer geocrawl) keeps its
  // stored message behind the word, under an error category that is not a coded one (its
  // short code is "unknown"). Brings an older database to the current schema first, then reads
  // over a connection of its own. Throws sqlite_error.
  evidence_reader(const std::filesystem::path& file,
                  std::vector<const coded_category*> error_categories);
  ~evidence_reader();

  // Whether the run is there, or was pruned and when (crawler/store/run_presence.hpp).
  run_lookup look_up(std::int64_t run_id);
  // The newest crawl run, or the newest run of any kind when there has been no crawl.
  std::optional<std::int64_t> latest_run();
  // Throws std::out_of_range for a run id the database does not have.
  run_times times_of(std::int64_t run_id);
  std::vector<std::int64_t> runs();                        // newest first
  std::vector<std::string> vantages(std::int64_t run_id);  // sorted

  // The run's sites by URL, streamed.
  void sites(std::int64_t run_id, const site_filter& filter,
             const std::function<void(const site_summary&)>& on_site);

  // One site's full evidence. Throws evidence_error when a body does not check out (with
  // body_loading::load) and std::out_of_range for a site id the database does not have.
  site_evidence load_site(std::int64_t site_id, body_loading bodies = body_loading::load);

  // The newest RDAP lookup of a registrable domain, found or failed: a failure after a found
  // one is what the registrar is known as now. nullopt when it was never looked up.
  std::optional<registrar_record> newest_registrar(std::string_view domain);

  // The body stored under this SHA-256, decompressed and checked. Throws evidence_error.
  std::string body(const std::string& sha256);

 private:
  view read_view(std::int64_t view_id);
  // The view's rendered part without its DOM and screenshot bytes, which load_site reads as
  // bodies; nullopt for a view that was not rendered.
  std::optional<rendered_page> read_rendered(std::int64_t view_id, stored_view_info& info);
  // The site's favicon fetch, on the view whose vantage made it; nullopt for the others.
  std::optional<favicon_fetch> read_favicon(std::int64_t view_id);
  std::optional<view_error> error_of(const std::string& word, const std::string& message) const;

  std::unique_ptr<sqlite_db> db_;
  std::vector<const coded_category*> error_categories_;
};

}  // namespace geocrawl
