#pragma once
// Finding what a command line names in a database's evidence: the error categories a stored
// view's error word comes from, and the site of a run that a URL or bare domain names.
#include <cstdint>
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

// dial_errc, fetch_errc and view_errc: every error word geocrawl stores for a view.
std::vector<const coded_category*> view_error_categories();

// The finished site of the run that `text` names: its URL as stored, or as `fetch` and
// `crawl` write it (a bare domain, a URL without its trailing slash, the http:// fallback of
// a bare domain). Throws not_found_error when it names none (suggesting the nearest URL),
// several, or a site the run has not fetched yet.
site_summary find_stored_site(evidence_reader& reader, std::int64_t run_id,
                              const std::string& text);

}  // namespace geocrawl
