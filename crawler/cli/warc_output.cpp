#include "crawler/cli/warc_output.hpp"

#include "crawler/cli/geocrawl_version.hpp"
#include "crawler/config/config_fingerprint.hpp"
#include "crawler/warc/site_archive.hpp"

namespace geocrawl {

std::optional<warc_files> warc_output(const std::optional<std::string>& warc_flag,
                                      const config& settings, const std::string& stem) {
  const std::string folder = warc_flag ? *warc_flag : settings.output.warc_dir;
  if (folder.empty()) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> fields{
      {"software", "geocrawl/" + std::string(geocrawl_version)},
      {"format", "WARC File Format 1.1"},
      {"conformsTo",
       "https://iipc.github.io/warc-specifications/specifications/warc-format/"
       "warc-1.1/"},
      {"config-fingerprint", config_fingerprint(settings)},
  };
  for (const auto& vantage : settings.vantages) {
    fields.emplace_back(
        "vantage", vantage.name + (vantage.country.empty() ? " direct" : " " + vantage.country) +
                       (vantage.baseline ? " baseline" : ""));
  }
  // Absolute, so the place the store keeps for each view still holds from another folder.
  return warc_files{std::filesystem::absolute(folder), stem, settings.output.warc_max_bytes,
                    warc_fields_block(fields)};
}

}  // namespace geocrawl
