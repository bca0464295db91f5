#include "tests/support/shard_databases.hpp"

#include <algorithm>

#include "crawler/changes/site_host.hpp"
#include "crawler/store/merge_tables.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "crawler/view/sha256.hpp"

namespace geocrawl::testing {

namespace {

constexpr std::string_view checked_at = "2026-12-07T01:00:00.000Z";

view page_view(std::string_view vantage, std::string_view url, std::string body) {
  view record;
  record.vantage = vantage;
  record.requested_url = url;
  record.final_url = url;
  record.status = 200;
  record.content_type = "text/html";
  record.redirects = {{std::string(url), 200}};
  record.response_headers = {{"Content-Type", "text/html"}};
  record.sha256 = sha256_hex(body);
  record.body = std::move(body);
  record.fetched_at = "2026-12-07T01:10:00.000Z";
  record.analysis.emplace().page.title = "Page of " + std::string(url);
  if (vantage == "jp") {
    record.proxy = "jp-1";
    record.exit_country = "JP";
    record.exit_checked_at = checked_at;
  }
  return record;
}

proxy_check jp_check() {
  proxy_check check;
  check.name = "jp-1";
  check.url = "socks5h://127.0.0.11:1080";
  check.declared_country = "JP";
  check.exit_ip = "127.0.0.11";
  check.location.country = "JP";
  check.verdict.status = proxy_status::ok;
  check.checked_at = checked_at;
  return check;
}

std::vector<std::string> rows(sqlite_db& db, const std::string& sql) {
  auto query = db.prepare(sql);
  std::vector<std::string> lines;
  while (query.step()) lines.push_back(query.column_text(0));
  std::sort(lines.begin(), lines.end());
  return lines;
}

}  // namespace

void write_shard_database(const std::filesystem::path& file, const shard_spec& spec) {
  store database(file);
  const auto run = database.begin_run({.command = run_kind::crawl,
                                       .config_source = "geocrawl.toml",
                                       .input = "sites.txt",
                                       .config_hash = spec.config_hash,
                                       .run_label = spec.label,
                                       .shard = spec.shard});
  database.record_proxy_checks(run, {jp_check()});
  std::vector<site_entry> entries;
  std::size_t line = 2;
  for (const auto& url : spec.urls) entries.push_back({.line = line++, .url = url});
  for (const auto& url : spec.pending) entries.push_back({.line = line++, .url = url});
  database.add_sites(run, entries, {{1, "not a URL"}});
  database.set_run_input(run, static_cast<std::int64_t>(entries.size()), 1, 0);
  const auto pending = database.pending_sites(run, 0, entries.size());
  std::vector<finished_site> finished;
  std::vector<registrar_record> registrars;
  for (const auto& site : pending) {
    if (std::find(spec.urls.begin(), spec.urls.end(), site.url) == spec.urls.end()) continue;
    auto shared = page_view("default", site.url, "<p>the same page for everyone</p>");
    auto own = page_view("jp", site.url, "<p>a shop for " + site.url + "</p>");
    finished.push_back(
        {.id = site.id,
         .views = {shared, own},
         .verdict = {cloaking_verdict::cloaked,
                     {{"jp", "default", cloaking_verdict::cloaked, 0.9, {"drugs appear"}}}},
         .analyses = {{{own.sha256, "text/html", "test-analyser"}, "record of " + site.url}}});
    registrar_record lookup;
    lookup.domain = registrar_domain(site.url);
    lookup.looked_up_at = "2026-12-07T01:20:00.000Z";
    lookup.registrar = "Registrar of " + lookup.domain;
    registrars.push_back(std::move(lookup));
  }
  database.finish_sites(run, finished);
  database.record_registrars(registrars);
  database.finish_run(run, spec.status);
}

std::string database_digest(const std::filesystem::path& file) {
  sqlite_db db(file);
  std::string digest;
  for (const auto& table : merge_tables()) {
    if (table.rows == merge_rows::not_copied) continue;
    std::string columns;
    auto names = db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
    names.bind(1, table.name);
    while (names.step()) {
      const auto name = names.column_text(0);
      const bool reference =
          std::any_of(table.references.begin(), table.references.end(),
                      [&](const merge_reference& each) { return each.column == name; });
      if (name == "id" || name == "merged_at" || reference) continue;
      columns += (columns.empty() ? "quote(\"" : " || '|' || quote(\"") + name + "\")";
    }
    digest += "== " + std::string(table.name) + "\n";
    for (const auto& line :
         rows(db, "SELECT " + columns + " FROM \"" + std::string(table.name) + "\""))
      digest += line + "\n";
  }
  digest += "== relations\n";
  for (const auto& line : rows(db, R"sql(
SELECT coalesce(r.run_label, '-') || '|' || s.url || '|' || v.vantage || '|' ||
       coalesce(v.body_sha256, '-') || '|' || coalesce(c.proxy, '-')
FROM views v JOIN sites s ON s.id = v.site_id JOIN runs r ON r.id = s.run_id
LEFT JOIN proxy_checks c ON c.id = v.exit_check_id AND c.run_id = r.id
UNION ALL
SELECT coalesce(r.run_label, '-') || '|' || s.url || '|' || bv.vantage || '>' || vv.vantage ||
       '|' || cmp.verdict
FROM comparisons cmp JOIN sites s ON s.id = cmp.site_id JOIN runs r ON r.id = s.run_id
JOIN views bv ON bv.id = cmp.baseline_view_id JOIN views vv ON vv.id = cmp.vantage_view_id
UNION ALL
SELECT 'input_error|' || coalesce(r.run_label, '-') || '|' || e.line
FROM input_errors e JOIN runs r ON r.id = e.run_id
)sql"))
    digest += line + "\n";
  return digest;
}

std::string digest_without(std::string digest, std::string_view table) {
  const auto heading = "== " + std::string(table) + "\n";
  const auto from = digest.find(heading);
  if (from == std::string::npos) return digest;
  const auto rows = from + heading.size();
  const auto next = digest.find("\n== ", rows - 1);
  digest.erase(rows, next == std::string::npos ? std::string::npos : next + 1 - rows);
  return digest;
}

}  // namespace geocrawl::testing
