#include "crawler/store/stored_analyses.hpp"

#include "crawler/store/packed_blob.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"

namespace geocrawl {

namespace {

// Unpacked records larger than this are refused: an analysis is bounded by the
// extraction limits (1 MB of text, a thousand items a list) far below it.
constexpr unsigned long long max_record_bytes = 64ULL << 20;

}  // namespace

stored_analyses::stored_analyses(const std::filesystem::path& file)
    : db_(std::make_unique<sqlite_db>(file)) {}

stored_analyses::~stored_analyses() = default;

std::optional<std::string> stored_analyses::load(const analysis_key& key) {
  const std::lock_guard lock(mutex_);
  auto& select = db_->cached(
      "SELECT compression, record FROM analyses WHERE body_sha256 = ? AND content_type = ? AND "
      "analyser = ?");
  select.bind(1, key.body_sha256).bind(2, key.content_type).bind(3, key.analyser_version);
  std::optional<std::string> record;
  if (select.step())
    record = unpack_blob(select.column_text(1), select.column_text(0), max_record_bytes);
  select.reset();
  return record;
}

void store::keep_analyses(const std::vector<archived_analysis>& analyses) {
  auto& insert = db_->cached(R"sql(
INSERT OR IGNORE INTO analyses (body_sha256, content_type, analyser, compression, record)
VALUES (?, ?, ?, ?, ?)
)sql");
  for (const auto& analysis : analyses) {
    // Level 1: the writer packs every new analysis, and speed is why they are kept.
    const auto packed = pack_blob(analysis.record, 1);
    insert.bind(1, analysis.key.body_sha256)
        .bind(2, analysis.key.content_type)
        .bind(3, analysis.key.analyser_version)
        .bind(4, packed.compression)
        .bind_blob(5, packed.data)
        .run();
    insert.reset();
  }
}

}  // namespace geocrawl
