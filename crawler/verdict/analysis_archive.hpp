#pragma once
// Where the analyses of earlier runs are kept. The verdict layer reads through this and
// knows nothing of SQLite; the store implements it (crawler/store/stored_analyses.hpp).
#include <optional>
#include <string>

namespace geocrawl {

// What an analysis is a function of, the URL aside.
struct analysis_key {
  std::string body_sha256;
  std::string content_type;
  std::string analyser_version;  // page_analyzer::version()
};

// An analysis computed in this process, for the store to keep.
struct archived_analysis {
  analysis_key key;
  std::string record;  // serialize_analysis()
};

class analysis_archive {
 public:
  virtual ~analysis_archive() = default;
  // The stored record for `key`, if any. Called from any analysis thread at once.
  virtual std::optional<std::string> load(const analysis_key& key) = 0;
};

}  // namespace geocrawl
