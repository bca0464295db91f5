#include "crawler/cli/stored_site.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "crawler/batch/site_url.hpp"
#include "crawler/http/fetch_error.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/view/render_errc.hpp"
#include "crawler/view/view_errc.hpp"
#include "parsers/nearest_name.hpp"
#include "proxies/dial_error.hpp"

namespace geocrawl {

namespace {

// Every spelling of `text` a stored site may have been written in.
std::vector<std::string> spellings(const std::string& text) {
  std::vector<std::string> urls{text};
  const auto add = [&](const std::string& url) {
    if (!url.empty() && std::find(urls.begin(), urls.end(), url) == urls.end()) urls.push_back(url);
  };
  if (const auto site = parse_site_url(text)) {
    add(site->url);
    add(site->fallback_url);
    // "https://shop.example/catalog" for a site stored as "https://shop.example/catalog/".
    if (!site->url.ends_with('/')) add(site->url + "/");
  }
  return urls;
}

std::string run_name(std::int64_t run_id) { return "run " + std::to_string(run_id); }

std::string listed(const std::vector<std::string>& urls) {
  std::string list;
  for (const auto& url : urls) list += (list.empty() ? "" : ", ") + url;
  return list;
}

// "no site ... in run 3": the run's sites when they are few, else the nearest URL.
[[noreturn]] void no_such_site(evidence_reader& reader, std::int64_t run_id,
                               const std::string& text) {
  std::vector<std::string> urls;
  reader.sites(run_id, {.pending = pending_sites::include},
               [&](const site_summary& site) { urls.push_back(site.url); });
  std::string message = text + ": no such site in " + run_name(run_id);
  constexpr std::size_t listed_at_most = 10;
  if (urls.empty()) throw not_found_error(message + "; it has no sites");
  if (urls.size() <= listed_at_most)
    throw not_found_error(message + "; its sites are " + listed(urls));
  message += " (" + std::to_string(urls.size()) + " sites)";
  const auto site = parse_site_url(text);
  if (const auto nearest = nearest_name(site ? site->url : text, urls))
    message += "; did you mean `" + *nearest + "`?";
  throw not_found_error(message);
}

}  // namespace

std::vector<const coded_category*> view_error_categories() {
  return {&dial_category(), &fetch_category(), &view_category(), &render_category()};
}

site_summary find_stored_site(evidence_reader& reader, std::int64_t run_id,
                              const std::string& text) {
  std::vector<site_summary> found;
  reader.sites(run_id, {.urls = spellings(text), .pending = pending_sites::include},
               [&](const site_summary& site) { found.push_back(site); });
  // The URL exactly as stored wins over other spellings that name other sites.
  const auto exact = std::find_if(found.begin(), found.end(),
                                  [&](const site_summary& site) { return site.url == text; });
  if (exact != found.end()) found = {*exact};
  if (found.empty()) no_such_site(reader, run_id, text);
  if (found.size() > 1) {
    std::vector<std::string> urls;
    for (const auto& site : found) urls.push_back(site.url);
    throw not_found_error(text + ": names several sites in " + run_name(run_id) + ": " +
                          listed(urls) + "; give one of them");
  }
  if (found.front().finished_at.empty()) {
    throw not_found_error(found.front().url + ": in the work list of " + run_name(run_id) +
                          " but not fetched yet");
  }
  return found.front();
}

int read_stored_evidence(const std::string& database, std::ostream& err,
                         const std::function<void(evidence_reader&)>& read) {
  std::error_code ignored;
  if (!std::filesystem::exists(database, ignored)) {
    err << "geocrawl: --db " << database << ": no such file\n";
    return 1;
  }
  try {
    evidence_reader reader(database, view_error_categories());
    read(reader);
  } catch (const not_found_error& error) {
    err << "geocrawl: " << error.what() << "\n";
    return 1;
  } catch (const evidence_error& error) {
    err << "geocrawl: --db " << database << ": " << error.what() << "\n";
    return 1;
  } catch (const sqlite_error& error) {
    err << "geocrawl: --db " << database << ": " << error.what() << "\n";
    return 1;
  } catch (const std::system_error& error) {
    err << "geocrawl: " << error.what() << "\n";
    return 1;
  }
  return 0;
}

std::int64_t stored_run(evidence_reader& reader, const std::optional<std::int64_t>& requested,
                        const std::string& database) {
  if (!requested) {
    const auto latest = reader.latest_run();
    if (!latest) throw not_found_error("--db " + database + ": holds no run");
    return *latest;
  }
  const auto lookup = reader.look_up(*requested);
  switch (lookup.presence) {
    case run_presence::present:
    case run_presence::partly_pruned:  // its kept sites can be shown; find_stored_site says if not
      return *requested;
    case run_presence::being_pruned:
    case run_presence::pruned:
      throw not_found_error(describe_presence(*requested, lookup));
    case run_presence::absent:
      break;
  }
  std::string message = "--run " + std::to_string(*requested) + ": no such run in " + database;
  const auto runs = reader.runs();
  if (runs.empty()) throw not_found_error(message + "; it holds no run");
  constexpr std::size_t listed_at_most = 10;
  message += runs.size() > listed_at_most ? "; the newest runs are " : "; its runs are ";
  for (std::size_t i = 0; i < std::min(runs.size(), listed_at_most); ++i)
    message += (i ? ", " : "") + std::to_string(runs[i]);
  throw not_found_error(message);
}

}  // namespace geocrawl
