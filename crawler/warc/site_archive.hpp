#pragma once
// A site's views into the run's WARC files, each view's records together, in the order the
// views are stored, and each view told where its records begin.
#include <string>
#include <utility>
#include <vector>

#include "crawler/verdict/compare.hpp"
#include "crawler/view/view.hpp"
#include "crawler/warc/warc_file_writer.hpp"

namespace geocrawl {

// Sets each view's warc_file and warc_offset. Throws warc_write_error (the views written
// before keep their places), or warc_field_error for a view that cannot be written as it is.
void archive_site(warc_file_writer& writer, std::vector<view>& views,
                  const site_comparison& verdict);

// The block of a warcinfo record (application/warc-fields) from name/value pairs, each value
// kept on its line.
std::string warc_fields_block(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace geocrawl
