#include "crawler/verdict/analysis_cache.hpp"

#include "parsers/analysis_record.hpp"

namespace geocrawl {

analysis_cache::analysis_cache(const page_analyzer& analyzer, std::size_t capacity_bytes,
                               analysis_archive* archive)
    : analyzer_(analyzer), capacity_bytes_(capacity_bytes), archive_(archive) {}

std::shared_ptr<const document_analysis> analysis_cache::analysis_of(
    const std::string& body_sha256, std::string_view body, const std::string& content_type,
    std::vector<archived_analysis>& fresh) {
  // The hash is hex and the version has no newline, so the key is unambiguous.
  std::string key = body_sha256 + '\n' + content_type;
  if (auto held = find(key)) return held;
  analysis_key stored{body_sha256, content_type, analyzer_.version()};
  if (archive_ != nullptr) {
    if (const auto record = archive_->load(stored)) {
      if (auto analysis = deserialize_analysis(*record)) {
        ++archive_hits_;
        auto shared = std::make_shared<const document_analysis>(std::move(*analysis));
        remember(key, shared, record->size());
        return shared;
      }
    }
  }
  // Parsed outside the lock: two threads meeting one new body at once may both parse it,
  // which costs time once and never correctness (the analyses are equal).
  ++parses_;
  auto shared =
      std::make_shared<const document_analysis>(analyzer_.analyze_document(body, content_type));
  auto record = serialize_analysis(*shared);
  remember(key, shared, record.size());
  fresh.push_back({std::move(stored), std::move(record)});
  return shared;
}

std::shared_ptr<const document_analysis> analysis_cache::find(const std::string& key) {
  const std::lock_guard lock(mutex_);
  const auto found = by_key_.find(key);
  if (found == by_key_.end()) return nullptr;
  recent_.splice(recent_.begin(), recent_, found->second);
  return found->second->analysis;
}

void analysis_cache::remember(const std::string& key, entry_ptr analysis, std::size_t bytes) {
  const std::lock_guard lock(mutex_);
  if (bytes > capacity_bytes_ || by_key_.contains(key)) return;
  recent_.push_front({key, std::move(analysis), bytes});
  by_key_.emplace(key, recent_.begin());
  held_bytes_ += bytes;
  while (held_bytes_ > capacity_bytes_) {
    held_bytes_ -= recent_.back().bytes;
    by_key_.erase(recent_.back().key);
    recent_.pop_back();
  }
}

}  // namespace geocrawl
