#pragma once
// A report written one site at a time: each site's page is written as it comes and only a
// small index row kept, so thousands of sites need no more memory than one. The `geocrawl
// report` command feeds it from the store reader, with the screenshotter's images already in
// the folder:
//
//   report_writer report(out_dir, run);
//   while (auto site = reader.next_site()) report.add(*site);
//   report.finish();  // index.html
//
// Layout: DIR/index.html, DIR/sites/<name>.html (site_page_names.hpp), DIR/networks/
// network-<id>.html (network_page.hpp); images wherever the screenshotter put them inside DIR,
// named relative to it in report_site::screenshots. A network's page is written at the end,
// from a small entry kept for each member site added.
#include <filesystem>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

#include "crawler/report/index_page.hpp"
#include "crawler/report/network_page.hpp"
#include "crawler/report/report_network.hpp"
#include "crawler/report/report_site.hpp"
#include "crawler/report/site_page_names.hpp"

namespace geocrawl {

class report_writer {
 public:
  // Creates `dir` and its sites and networks folders when missing. Throws
  // std::filesystem::filesystem_error.
  report_writer(std::filesystem::path dir, report_run run,
                std::vector<report_network> networks = {});

  // Writes the site's page; returns its path relative to the report folder. Throws
  // std::filesystem::filesystem_error naming the file when it cannot be written.
  std::filesystem::path add(const report_site& site);

  // Writes each network's page, then index.html over every site added. Throws as add does.
  void finish();

 private:
  std::filesystem::path dir_;
  report_run run_;
  site_page_names names_;
  std::vector<index_row> rows_;
  std::vector<report_network> networks_;
  std::unordered_map<std::int64_t, std::vector<network_site_entry>> members_;  // by network id
};

// The whole report from a source of sites, which returns nullopt after the last one.
void write_report(const std::filesystem::path& dir, const report_run& run,
                  const std::function<std::optional<report_site>()>& next_site);

}  // namespace geocrawl
