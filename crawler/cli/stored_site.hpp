#pragma once
// Finding what a command line names in a database's evidence: the error categories a stored
// view's error word comes from, and the site of a run that a URL or bare domain names.
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "crawler/store/evidence_reader.hpp"
#include "proxies/coded_category.hpp"

namespace geocrawl {

// What the command line named is not in the database: exit status 1, the message says what
// is there instead.
class not_found_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Opens the database to read its stored evidence and hands the reader to `read`. Exit status
// 0 when `read` returns; 1, with the message on `err`, when the file is not there or `read`
// throws not_found_error, evidence_error, sqlite_error or std::system_error (an output that
// cannot be written, std::filesystem errors included). A usage_error passes through.
int read_stored_evidence(const std::string& database, std::ostream& err,
                         const std::function<void(evidence_reader&)>& read);

// dial_errc, fetch_errc and view_errc: every error word geocrawl stores for a view.
std::vector<const coded_category*> view_error_categories();

// The run `requested` names (nullopt: the latest one) in the database `database` names. Throws
// not_found_error when it holds no run, or that run is pruned (saying when) or absent (listing
// the runs it holds). A partly pruned run is returned: its kept sites can be read.
std::int64_t stored_run(evidence_reader& reader, const std::optional<std::int64_t>& requested,
                        const std::string& database);

// The finished site of the run that `text` names: its URL as stored, or as `fetch` and
// `crawl` write it (a bare domain, a URL without its trailing slash, the http:// fallback of
// a bare domain). Throws not_found_error when it names none (suggesting the nearest URL),
// several, or a site the run has not fetched yet.
site_summary find_stored_site(evidence_reader& reader, std::int64_t run_id,
                              const std::string& text);

}  // namespace geocrawl
