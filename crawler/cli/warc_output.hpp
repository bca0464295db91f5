#pragma once
// The WARC files `fetch` and `crawl` write: --warc DIR, else [output] warc_dir; none without
// either. Each file's warcinfo names geocrawl's version, the config's fingerprint and the
// vantages (name, country, baseline) — never a proxy's URL, so never its credentials.
#include <optional>
#include <string>

#include "crawler/config/config.hpp"
#include "crawler/warc/warc_file_writer.hpp"

namespace geocrawl {

// `stem`: what the files are named for, "geocrawl-<run id>".
std::optional<warc_files> warc_output(const std::optional<std::string>& warc_flag,
                                      const config& settings, const std::string& stem);

}  // namespace geocrawl
