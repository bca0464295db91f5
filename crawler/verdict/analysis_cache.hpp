#pragma once
// Analyses reused instead of parsed again: the same body under the same Content-Type is
// the same document, whichever site, vantage or run served it. Looked up in memory first
// (the most recently used, bounded by their size), then in the archive of earlier runs;
// only a body met nowhere is parsed. Safe to use from every analysis thread at once.
#include <atomic>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "crawler/verdict/analysis_archive.hpp"
#include "parsers/page_analysis.hpp"

namespace geocrawl {

class analysis_cache {
 public:
  // `archive` may be null (no database); it must outlive the cache.
  analysis_cache(const page_analyzer& analyzer, std::size_t capacity_bytes,
                 analysis_archive* archive = nullptr);

  // The analysis of `body`; one computed here (not found in memory or the archive) is
  // appended to `fresh`, to be stored with the site.
  std::shared_ptr<const document_analysis> analysis_of(const std::string& body_sha256,
                                                       std::string_view body,
                                                       const std::string& content_type,
                                                       std::vector<archived_analysis>& fresh);

  // How many bodies were parsed, and how many analyses came from the archive: what reuse
  // saved, observable by tests and the crawl's summary.
  std::size_t parses() const { return parses_; }
  std::size_t archive_hits() const { return archive_hits_; }

 private:
  using entry_ptr = std::shared_ptr<const document_analysis>;
  struct entry {
    std::string key;
    entry_ptr analysis;
    std::size_t bytes = 0;
  };

  entry_ptr find(const std::string& key);
  void remember(const std::string& key, entry_ptr analysis, std::size_t bytes);

  const page_analyzer& analyzer_;
  const std::size_t capacity_bytes_;
  analysis_archive* const archive_;
  std::mutex mutex_;         // guards recent_, by_key_ and held_bytes_
  std::list<entry> recent_;  // most recently used first
  std::unordered_map<std::string, std::list<entry>::iterator> by_key_;
  std::size_t held_bytes_ = 0;
  std::atomic<std::size_t> parses_{0};
  std::atomic<std::size_t> archive_hits_{0};
};

}  // namespace geocrawl
