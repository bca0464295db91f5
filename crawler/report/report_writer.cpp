#include "crawler/report/report_writer.hpp"

#include <fstream>
#include <stdexcept>

#include "crawler/report/site_page.hpp"

namespace geocrawl {

namespace {

void write_file(const std::filesystem::path& file, const std::string& contents) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace

report_writer::report_writer(std::filesystem::path dir, report_run run)
    : dir_(std::move(dir)), run_(std::move(run)) {
  std::filesystem::create_directories(dir_ / site_pages_folder);
}

std::filesystem::path report_writer::add(const report_site& site) {
  auto page = names_.claim(site.url);
  auto relative = std::filesystem::path(site_pages_folder) / page;
  write_file(dir_ / relative, site_page_html(site, run_));
  rows_.push_back(make_index_row(site, std::move(page)));
  return relative;
}

void report_writer::finish() { write_file(dir_ / "index.html", index_page_html(run_, rows_)); }

void write_report(const std::filesystem::path& dir, const report_run& run,
                  const std::function<std::optional<report_site>()>& next_site) {
  report_writer report(dir, run);
  while (auto site = next_site()) report.add(*site);
  report.finish();
}

}  // namespace geocrawl
