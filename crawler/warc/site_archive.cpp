#include "crawler/warc/site_archive.hpp"

#include "crawler/warc/view_records.hpp"

namespace geocrawl {

void archive_site(warc_file_writer& writer, std::vector<view>& views,
                  const site_comparison& verdict) {
  for (auto& seen : views) {
    const comparison* compared = nullptr;
    for (const auto& candidate : verdict.comparisons) {
      if (candidate.vantage == seen.vantage) compared = &candidate;
    }
    const auto where = writer.append(view_records(seen, compared, verdict.verdict));
    seen.warc_file = where.file;
    seen.warc_offset = where.offset;
  }
}

std::string warc_fields_block(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string block;
  for (const auto& [name, value] : fields) {
    block.append(warc_field_text(name)).append(": ").append(warc_field_text(value)).append("\r\n");
  }
  return block;
}

}  // namespace geocrawl
