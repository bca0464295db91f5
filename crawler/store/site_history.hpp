#pragma once
// What `geocrawl changes` compares: each finished site of a run next to the same URL in an
// earlier run, as plain rows, read one site at a time so memory stays flat however large the
// run. The earlier run is, per site, the newest earlier run of the same kind (crawl or fetch)
// that finished or was interrupted and finished that URL; or, when asked, one given run.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/verdict/page_state.hpp"

namespace geocrawl {

class sqlite_db;

// What one vantage saw of a site in one run.
struct vantage_state {
  std::string vantage;
  bool failed = false;  // no page: a fetch error or no response
  std::string final_url;
  std::string title;
  page_state state = page_state::none;
  std::vector<std::string> drugs;  // distinct, sorted
};

// Who a site's registrable domain was registered with, as an RDAP lookup found it.
struct registrar_identity {
  std::string name;  // the registrar entity's vCard fn
  std::string iana_id;

  bool operator==(const registrar_identity&) const = default;
};

// A finished site in one run.
struct site_state {
  std::int64_t run_id = 0;
  std::string url;
  std::string verdict;   // the site's cloaking verdict; "" for a site fetched from one vantage
  std::string baseline;  // the vantage the others were compared with: the first stored
  std::vector<vantage_state> vantages;  // in the order they were stored
  // The registrar the newest lookup that found one had found by the run's end (its start, while
  // it runs); none when no lookup by then had, or it named neither name nor IANA ID.
  std::optional<registrar_identity> registrar;

  const vantage_state* find(const std::string& vantage) const;
  // Unreachable as a whole: its verdict says so, or no vantage got a page.
  bool unreachable() const;
};

// A URL in the run (`now`) and where it was before. Without `before` the site is new; without
// `now` it is gone: in the earlier run, not in this one.
struct site_history {
  std::optional<site_state> before;
  std::optional<site_state> now;
};

// Which earlier run: per site the newest fitting one, or `since` for every site.
struct history_request {
  std::int64_t run_id = 0;
  std::optional<std::int64_t> since;
  // Required: the key a site's registrar lookups are stored under (rdap_lookups.domain) for its
  // URL. The caller computes it, since the public suffix list is not the store's to read.
  std::function<std::string(std::string_view url)> domain_of;
};

// The run's finished sites by URL, each with its earlier state; then the sites gone, by URL:
// the finished sites of `since`, or without it of the newest earlier run of the same kind over
// the same input (URL or sites file) that finished or was interrupted, that this run does not
// have. A run over another sites file calls no site gone.
void read_site_histories(sqlite_db& db, const history_request& request,
                         const std::function<void(const site_history&)>& on_site);

}  // namespace geocrawl
