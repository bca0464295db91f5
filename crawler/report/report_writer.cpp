#include "crawler/report/report_writer.hpp"

#include "crawler/report/network_page.hpp"
#include "crawler/report/site_page.hpp"
#include "crawler/report/whole_file.hpp"

namespace geocrawl {

report_writer::report_writer(std::filesystem::path dir, report_run run,
                             std::vector<report_network> networks)
    : dir_(std::move(dir)), run_(std::move(run)), networks_(std::move(networks)) {
  std::filesystem::create_directories(dir_ / site_pages_folder);
  if (!networks_.empty()) std::filesystem::create_directories(dir_ / network_pages_folder);
}

std::filesystem::path report_writer::add(const report_site& site) {
  auto page = names_.claim(site.url);
  auto relative = std::filesystem::path(site_pages_folder) / page;
  write_whole_file(dir_ / relative, site_page_html(site, run_));
  if (site.network_id) {
    members_[*site.network_id].push_back({site.url, page, site.comparison.verdict, site.registrar});
  }
  rows_.push_back(make_index_row(site, std::move(page)));
  return relative;
}

void report_writer::finish() {
  for (const auto& network : networks_) {
    write_whole_file(dir_ / network_pages_folder / network_page_name(network.id),
                     network_page_html(network, members_[network.id], run_));
  }
  write_whole_file(dir_ / "index.html", index_page_html(run_, rows_, networks_));
}

void write_report(const std::filesystem::path& dir, const report_run& run,
                  const std::function<std::optional<report_site>()>& next_site) {
  report_writer report(dir, run);
  while (auto site = next_site()) report.add(*site);
  report.finish();
}

}  // namespace geocrawl
