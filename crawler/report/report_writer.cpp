#include "crawler/report/report_writer.hpp"

#include "crawler/report/site_page.hpp"
#include "crawler/report/whole_file.hpp"

namespace geocrawl {

report_writer::report_writer(std::filesystem::path dir, report_run run)
    : dir_(std::move(dir)), run_(std::move(run)) {
  std::filesystem::create_directories(dir_ / site_pages_folder);
}

std::filesystem::path report_writer::add(const report_site& site) {
  auto page = names_.claim(site.url);
  auto relative = std::filesystem::path(site_pages_folder) / page;
  write_whole_file(dir_ / relative, site_page_html(site, run_));
  rows_.push_back(make_index_row(site, std::move(page)));
  return relative;
}

void report_writer::finish() {
  write_whole_file(dir_ / "index.html", index_page_html(run_, rows_));
}

void write_report(const std::filesystem::path& dir, const report_run& run,
                  const std::function<std::optional<report_site>()>& next_site) {
  report_writer report(dir, run);
  while (auto site = next_site()) report.add(*site);
  report.finish();
}

}  // namespace geocrawl
