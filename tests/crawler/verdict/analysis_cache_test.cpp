#include "crawler/verdict/analysis_cache.hpp"

#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "crawler/verdict/view_analysis.hpp"
#include "parsers/shipped_lexicon.hpp"
#include "tests/support/served_view.hpp"

namespace geocrawl {

namespace {

const page_analyzer& analyzer() {
  static const page_analyzer shared(load_shipped_lexicon());
  return shared;
}

constexpr std::string_view parked_page = R"(<html><head><title>This domain is for sale</title>
<meta http-equiv="refresh" content="5; url=/lander"></head><body><a href="/buy">Buy it</a>
<a href="https://parking.example/offer">offer</a>
<script>window.location.href = "/lander?ref=1";</script></body></html>)";

// An archive in memory, as the store's would be after a run.
class memory_archive : public analysis_archive {
 public:
  std::optional<std::string> load(const analysis_key& key) override {
    ++loads;
    const auto found = records.find(key.body_sha256 + key.content_type + key.analyser_version);
    if (found == records.end()) return std::nullopt;
    return found->second;
  }
  void keep(const std::vector<archived_analysis>& analyses) {
    for (const auto& analysis : analyses) {
      records[analysis.key.body_sha256 + analysis.key.content_type +
              analysis.key.analyser_version] = analysis.record;
    }
  }
  std::map<std::string, std::string> records;
  int loads = 0;
};

}  // namespace

TEST_CASE("a parked body served under many URLs is parsed once, resolved for each URL") {
  analysis_cache cache(analyzer(), 1 << 20);
  std::vector<view> views;
  for (int i = 0; i < 50; ++i) {
    views.push_back(testing::served_view("https://parked" + std::to_string(i) + ".example/",
                                         parked_page, "p1"));
  }
  std::vector<archived_analysis> fresh;
  analyze_views(cache, views, fresh);
  CHECK(cache.parses() == 1);
  CHECK(fresh.size() == 1);
  for (int i = 0; i < 50; ++i) {
    const auto host = "parked" + std::to_string(i) + ".example";
    const auto& analysis = views[static_cast<std::size_t>(i)].analysis;
    REQUIRE(analysis.has_value());
    CHECK(*analysis == analyzer().analyze(parked_page, "text/html", views[i].final_url));
    REQUIRE(analysis->page.refresh.has_value());
    CHECK(analysis->page.refresh->url == "https://" + host + "/lander");
    CHECK(analysis->page.script_redirects.at(0).target == "https://" + host + "/lander?ref=1");
    CHECK(analysis->page.external_hosts == std::vector<std::string>{"parking.example"});
  }
  // Served by the parking host itself, its own host is no longer external.
  std::vector<view> own{testing::served_view("https://parking.example/", parked_page, "p1")};
  analyze_views(cache, own, fresh);
  CHECK(cache.parses() == 1);
  CHECK(own[0].analysis->page.external_hosts.empty());
}

TEST_CASE("a second run over the same bodies parses nothing: the archive holds them") {
  memory_archive archive;
  std::vector<archived_analysis> first_fresh;
  std::vector<view> first{
      testing::served_view("https://a.example/", parked_page, "p1"),
      testing::served_view("https://b.example/", "<title>Cialis 20mg</title>", "p2")};
  analysis_cache first_run(analyzer(), 1 << 20, &archive);
  analyze_views(first_run, first, first_fresh);
  CHECK(first_run.parses() == 2);
  archive.keep(first_fresh);

  std::vector<view> second{
      testing::served_view("https://c.example/", parked_page, "p1"),
      testing::served_view("https://b.example/", "<title>Cialis 20mg</title>", "p2")};
  analysis_cache second_run(analyzer(), 1 << 20, &archive);
  std::vector<archived_analysis> second_fresh;
  analyze_views(second_run, second, second_fresh);
  CHECK(second_run.parses() == 0);
  CHECK(second_run.archive_hits() == 2);
  CHECK(second_fresh.empty());
  CHECK(*second[0].analysis == analyzer().analyze(parked_page, "text/html", "https://c.example/"));
  CHECK(*second[1].analysis == *first[1].analysis);
}

TEST_CASE("another lexicon's analyses are not reused: they are redone") {
  memory_archive archive;
  std::vector<archived_analysis> fresh;
  std::vector<view> views{testing::served_view("https://a.example/", "<p>zzquux 10mg</p>", "q1")};
  analysis_cache old_cache(analyzer(), 1 << 20, &archive);
  analyze_views(old_cache, views, fresh);
  archive.keep(fresh);
  CHECK(views[0].analysis->found.drugs.empty());

  auto extended = load_shipped_lexicon();
  auto term = extended.drugs.front();
  term.term = "zzquux";
  term.normalized = "zzquux";
  term.ambiguous = false;
  extended.drugs.push_back(term);
  const page_analyzer new_analyzer(extended);
  analysis_cache new_cache(new_analyzer, 1 << 20, &archive);
  std::vector<archived_analysis> new_fresh;
  analyze_views(new_cache, views, new_fresh);
  CHECK(new_cache.parses() == 1);
  CHECK(new_cache.archive_hits() == 0);
  REQUIRE(views[0].analysis->found.drugs.size() == 1);
  CHECK(views[0].analysis->found.drugs[0].term == "zzquux");
}

TEST_CASE("memory is bounded: an analysis pushed out is parsed again without an archive") {
  analysis_cache cache(analyzer(), 1, nullptr);  // smaller than any record: nothing is held
  std::vector<archived_analysis> fresh;
  std::vector<view> views{testing::served_view("https://a.example/", parked_page, "p1"),
                          testing::served_view("https://b.example/", parked_page, "p1")};
  analyze_views(cache, views, fresh);
  CHECK(cache.parses() == 2);
  CHECK(*views[0].analysis == analyzer().analyze(parked_page, "text/html", "https://a.example/"));
}

TEST_CASE("views without a readable body are not analysed") {
  analysis_cache cache(analyzer(), 1 << 20);
  std::vector<archived_analysis> fresh;
  std::vector<view> views{testing::served_view("https://a.example/", "GIF89a", "g1"), view{}};
  views[0].content_type = "image/gif";
  analyze_views(cache, views, fresh);
  CHECK(cache.parses() == 0);
  CHECK_FALSE(views[0].analysis.has_value());
  CHECK_FALSE(views[1].analysis.has_value());
}

}  // namespace geocrawl

namespace geocrawl {

TEST_CASE("a rendered DOM is analysed like a body, once for every vantage whose scripts built it") {
  constexpr std::string_view shell = "<html><body><div id=app>Loading</div></body></html>";
  // outerHTML, as the browser serialised it: UTF-8 whatever the page declared.
  constexpr std::string_view shop =
      "<html><head><meta charset=shift_jis><title>バイアグラ通販</title></head><body>"
      "<p>Viagra 100mg, no prescription needed</p></body></html>";
  analysis_cache cache(analyzer(), 1 << 20);
  std::vector<view> views;
  for (const auto* vantage : {"jp", "us"}) {
    auto record = testing::served_view("https://shop.example/", shell, "shell");
    record.vantage = vantage;
    auto& page = record.rendered.emplace();
    page.final_url = std::string("https://shop.example/") + vantage + "/";
    page.dom = std::string(shop);
    page.dom_sha256 = "dom-sha";
    views.push_back(std::move(record));
  }
  // A render that read no DOM is not analysed.
  auto failed = testing::served_view("https://shop.example/", shell, "shell");
  failed.rendered.emplace();
  views.push_back(std::move(failed));
  std::vector<archived_analysis> fresh;
  analyze_views(cache, views, fresh);
  CHECK(cache.parses() == 2);  // the served shell and the rendered DOM, each once
  REQUIRE(fresh.size() == 2);
  CHECK(fresh[1].key.content_type == "text/html; charset=utf-8");
  for (std::size_t i = 0; i < 2; ++i) {
    CAPTURE(i);
    const auto& analysis = views[i].rendered->analysis;
    REQUIRE(analysis.has_value());
    CHECK(*analysis ==
          analyzer().analyze(shop, "text/html; charset=utf-8", views[i].rendered->final_url));
    CHECK(analysis->page.title == "バイアグラ通販");
    CHECK(analysis->found.no_rx);
    REQUIRE_FALSE(analysis->found.drugs.empty());
    CHECK(analysis->found.drugs[0].drug == "sildenafil");
  }
  CHECK_FALSE(views[2].rendered->analysis);
}

}  // namespace geocrawl
