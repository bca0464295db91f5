#include "crawler/store/site_history.hpp"

#include <algorithm>
#include <string_view>

#include "crawler/store/sqlite.hpp"

namespace geocrawl {

namespace {

// The run's finished sites by URL (the order of UNIQUE (run_id, url), so rows stream), each
// with the id of the same URL's finished site in the earlier run: ?2 when given, else the newest
// earlier run of the same kind (?3) that finished or was interrupted (with what it finished),
// found through sites_by_url.
constexpr std::string_view sites_query = R"sql(
SELECT s.id, (
  SELECT q.id FROM sites q JOIN runs r ON r.id = q.run_id
  WHERE q.url = s.url AND q.finished_at IS NOT NULL AND q.run_id = coalesce(?2, q.run_id)
    AND (?2 IS NOT NULL OR (q.run_id < ?1 AND r.command = ?3
                            AND r.status IN ('done', 'interrupted')))
  ORDER BY q.run_id DESC LIMIT 1)
FROM sites s
WHERE s.run_id = ?1 AND s.finished_at IS NOT NULL
ORDER BY s.url
)sql";

// The newest earlier run of the same kind over the same input that finished or was
// interrupted.
constexpr std::string_view same_input_query = R"sql(
SELECT r.id FROM runs r JOIN runs this ON this.id = ?1
WHERE r.id < this.id AND r.command = this.command AND r.input IS this.input
  AND r.status IN ('done', 'interrupted')
ORDER BY r.id DESC LIMIT 1
)sql";

// ?1's finished sites that ?2 does not have, by URL.
constexpr std::string_view gone_query = R"sql(
SELECT p.id FROM sites p
WHERE p.run_id = ?1 AND p.finished_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM sites s WHERE s.run_id = ?2 AND s.url = p.url)
ORDER BY p.url
)sql";

// A site by its id, with the time its run knew registrars by: its end, or its start while it
// runs.
constexpr std::string_view site_query = R"sql(
SELECT s.run_id, s.url, coalesce(s.verdict, ''),
  (SELECT baseline FROM comparisons WHERE site_id = s.id ORDER BY id LIMIT 1),
  coalesce(r.finished_at, r.started_at)
FROM sites s JOIN runs r ON r.id = s.run_id WHERE s.id = ?
)sql";

// The newest lookup of a domain that found it, up to a time: a failed lookup after it (a 429,
// a timeout) says nothing about who the registrar is. The primary key (domain, looked_up_at)
// finds it without a scan.
constexpr std::string_view registrar_query = R"sql(
SELECT coalesce(registrar, ''), coalesce(registrar_iana_id, '') FROM rdap_lookups
WHERE domain = ?1 AND looked_up_at <= ?2 AND outcome = 'found'
ORDER BY looked_up_at DESC LIMIT 1
)sql";

// One site's state read by its id, with the statements prepared once for every site.
class site_state_reader {
 public:
  site_state_reader(sqlite_db& db, const history_request& request)
      : domain_of_(request.domain_of),
        site_(db.prepare(site_query)),
        views_(db.prepare("SELECT id, vantage, error_code IS NOT NULL OR status = 0, "
                          "coalesce(final_url, ''), coalesce(title, '') "
                          "FROM views WHERE site_id = ? ORDER BY id")),
        drugs_(db.prepare("SELECT DISTINCT drug FROM view_drugs WHERE view_id = ? ORDER BY drug")),
        signals_(db.prepare("SELECT value FROM view_phrases WHERE view_id = ? AND kind = 'signal' "
                            "AND value LIKE 'page\\_state\\_%' ESCAPE '\\'")),
        registrar_(db.prepare(registrar_query)) {}

  site_state read(std::int64_t site_id) {
    site_state state;
    site_.reset();
    site_.bind(1, site_id);
    if (!site_.step()) return state;
    state.run_id = site_.column_int(0);
    state.url = site_.column_text(1);
    state.verdict = site_.column_text(2);
    state.baseline = site_.column_text(3);
    state.registrar = registrar_at(domain_of_(state.url), site_.column_text(4));
    views_.reset();
    views_.bind(1, site_id);
    while (views_.step()) {
      const auto view_id = views_.column_int(0);
      auto& vantage = state.vantages.emplace_back();
      vantage.vantage = views_.column_text(1);
      vantage.failed = views_.column_int(2) != 0;
      vantage.final_url = views_.column_text(3);
      vantage.title = views_.column_text(4);
      vantage.drugs = column_of(drugs_, view_id);
      vantage.state = page_state_of(column_of(signals_, view_id));
    }
    // A site fetched from one vantage has no comparison: its one view is the baseline.
    if (state.baseline.empty() && !state.vantages.empty())
      state.baseline = state.vantages.front().vantage;
    return state;
  }

 private:
  static std::vector<std::string> column_of(sqlite_statement& query, std::int64_t view_id) {
    query.reset();
    query.bind(1, view_id);
    std::vector<std::string> values;
    while (query.step()) values.push_back(query.column_text(0));
    return values;
  }

  std::optional<registrar_identity> registrar_at(const std::string& domain,
                                                 const std::string& time) {
    registrar_.bind(1, domain).bind(2, time);
    std::optional<registrar_identity> found;
    if (registrar_.step())
      found = registrar_identity{registrar_.column_text(0), registrar_.column_text(1)};
    registrar_.reset();
    if (found && found->name.empty() && found->iana_id.empty()) return std::nullopt;
    return found;
  }

  const std::function<std::string(std::string_view)>& domain_of_;
  sqlite_statement site_;
  sqlite_statement views_;
  sqlite_statement drugs_;
  sqlite_statement signals_;
  sqlite_statement registrar_;
};

std::string command_of(sqlite_db& db, std::int64_t run_id) {
  auto query = db.prepare("SELECT command FROM runs WHERE id = ?");
  query.bind(1, run_id);
  return query.step() ? query.column_text(0) : std::string();
}

std::optional<std::int64_t> gone_reference_run(sqlite_db& db, const history_request& request) {
  if (request.since) return request.since;
  auto query = db.prepare(same_input_query);
  query.bind(1, request.run_id);
  if (!query.step()) return std::nullopt;
  return query.column_int(0);
}

}  // namespace

const vantage_state* site_state::find(const std::string& vantage) const {
  const auto found = std::find_if(vantages.begin(), vantages.end(),
                                  [&](const vantage_state& v) { return v.vantage == vantage; });
  return found == vantages.end() ? nullptr : &*found;
}

bool site_state::unreachable() const {
  return verdict == "unreachable" || std::all_of(vantages.begin(), vantages.end(),
                                                 [](const vantage_state& v) { return v.failed; });
}

void read_site_histories(sqlite_db& db, const history_request& request,
                         const std::function<void(const site_history&)>& on_site) {
  site_state_reader states(db, request);
  site_history history;
  auto sites = db.prepare(sites_query);
  sites.bind(1, request.run_id).bind(3, command_of(db, request.run_id));
  if (request.since) sites.bind(2, *request.since);
  while (sites.step()) {
    history.now = states.read(sites.column_int(0));
    history.before.reset();
    if (!sites.column_is_null(1)) history.before = states.read(sites.column_int(1));
    on_site(history);
  }

  const auto gone_from = gone_reference_run(db, request);
  if (!gone_from) return;
  auto gone = db.prepare(gone_query);
  gone.bind(1, *gone_from).bind(2, request.run_id);
  history.now.reset();
  while (gone.step()) {
    history.before = states.read(gone.column_int(0));
    on_site(history);
  }
}

}  // namespace geocrawl
