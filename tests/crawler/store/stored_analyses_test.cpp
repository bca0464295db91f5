#include "crawler/store/stored_analyses.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "crawler/verdict/view_analysis.hpp"
#include "parsers/shipped_lexicon.hpp"
#include "tests/support/served_view.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl {

namespace {

const page_analyzer& analyzer() {
  static const page_analyzer shared(load_shipped_lexicon());
  return shared;
}

std::vector<view> sites(const std::string& host_prefix) {
  std::vector<view> views;
  for (int i = 0; i < 20; ++i) {
    // Ten bodies, each served by two sites.
    const auto n = std::to_string(i % 10);
    views.push_back(testing::served_view("https://" + host_prefix + std::to_string(i) + ".example/",
                                         "<title>Viagra " + n + "</title><a href=\"/c\">c</a>" +
                                             std::string(2000, 'a' + static_cast<char>(i % 10)),
                                         "sha" + n, "text/html; charset=utf-8"));
  }
  return views;
}

}  // namespace

TEST_CASE("analyses kept in the database are reused by a later run: it parses nothing") {
  testing::temp_dir dir;
  const auto file = dir.path() / "analyses.db";
  store database(file);
  auto first = sites("first");
  {
    stored_analyses archive(file);
    analysis_cache cache(analyzer(), 1 << 20, &archive);
    std::vector<archived_analysis> fresh;
    analyze_views(cache, first, fresh);
    CHECK(cache.parses() == 10);
    database.keep_analyses(fresh);
    database.keep_analyses(fresh);  // kept once
  }
  stored_analyses archive(file);
  analysis_cache cache(analyzer(), 1 << 20, &archive);
  auto second = sites("second");
  std::vector<archived_analysis> fresh;
  analyze_views(cache, second, fresh);
  CHECK(cache.parses() == 0);
  CHECK(cache.archive_hits() == 10);
  CHECK(fresh.empty());
  for (const auto& record : second) {
    CHECK(*record.analysis ==
          analyzer().analyze(record.body, record.content_type, record.final_url));
  }

  SUBCASE("a new lexicon's analyser does not read them") {
    auto changed = load_shipped_lexicon();
    changed.phrases.pop_back();
    const page_analyzer other(changed);
    analysis_cache other_cache(other, 1 << 20, &archive);
    auto third = sites("third");
    std::vector<archived_analysis> other_fresh;
    analyze_views(other_cache, third, other_fresh);
    CHECK(other_cache.parses() == 10);
    CHECK(other_cache.archive_hits() == 0);
  }
  SUBCASE("a damaged stored record is analysed again") {
    sqlite_db raw(file);
    raw.exec("UPDATE analyses SET record = x'00ff00', compression = 'zstd'");
    analysis_cache fresh_cache(analyzer(), 1 << 20, &archive);
    auto third = sites("third");
    std::vector<archived_analysis> again;
    analyze_views(fresh_cache, third, again);
    CHECK(fresh_cache.parses() == 10);
    CHECK(*third[3].analysis ==
          analyzer().analyze(third[3].body, third[3].content_type, third[3].final_url));
  }
}

}  // namespace geocrawl
