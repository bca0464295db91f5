#include "crawler/report/complaint_text.hpp"

#include <doctest/doctest.h>

#include <chrono>

#include "crawler/report/site_page.hpp"

namespace geocrawl {

namespace {

view seen_from(std::string vantage, std::string country, std::string title) {
  view seen;
  seen.vantage = std::move(vantage);
  seen.exit_ip = "203.0.113.7";
  seen.exit_country = std::move(country);
  seen.status = 200;
  seen.final_url = "https://www.shop.example.co.jp/";
  seen.sha256 = std::string(64, 'a');
  seen.fetched_at = "2026-12-07T01:02:03.000Z";
  seen.analysis.emplace();
  seen.analysis->page.title = std::move(title);
  return seen;
}

report_site cloaked_site() {
  report_site site;
  site.url = "https://www.shop.example.co.jp/";
  site.views.push_back(seen_from("default", "US", "Under construction"));
  auto jp = seen_from("jp", "JP", "格安バイアグラ");
  jp.analysis->found.drugs.push_back({"バイアグラ", "sildenafil", "erectile_dysfunction", 3});
  jp.analysis->found.no_rx_phrases.push_back("処方箋不要");
  jp.sha256 = std::string(64, 'b');
  site.views.push_back(jp);
  site.comparison.verdict = cloaking_verdict::cloaked;
  site.comparison.comparisons.push_back(
      {"jp", "default", cloaking_verdict::cloaked, 0.9, {"only jp is offered drugs"}, {}});
  site.score = 0.9;
  return site;
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("complaint: domain, registrar, what each country saw, hashes, the run") {
  auto site = cloaked_site();
  site.registrar =
      registrar_info{"Example Registrar, Inc.", "9999", "abuse@registrar.example", "+1.5555550100"};
  auto text = complaint_text(site, {"42", "2026-12-07T01:00:00Z", "2026-12-07T02:00:00Z"});
  CHECK(has(text, "Domain: example.co.jp\n"));
  CHECK(has(text, "Registrar: Example Registrar, Inc. (IANA ID 9999)\n"));
  CHECK(has(text, "Abuse contact: abuse@registrar.example, +1.5555550100\n"));
  CHECK(has(text, "Verdict: cloaked (score 0.90)\n"));
  CHECK(has(text, "- jp against default: cloaked\n  only jp is offered drugs\n"));
  CHECK(has(text, "- jp: from 203.0.113.7 in JP, at 2026-12-07T01:02:03.000Z\n"));
  CHECK(has(text, "  title: \"格安バイアグラ\"\n"));
  CHECK(has(text, "  drugs offered: バイアグラ (sildenafil)\n"));
  CHECK(has(text, "  sold without prescription: 処方箋不要\n"));
  CHECK(has(text, "  drugs offered: none found\n"));
  CHECK(has(text, "- default: " + std::string(64, 'a') + "\n"));
  CHECK(has(text, "- jp: " + std::string(64, 'b') + "\n"));
  CHECK(has(text, "geocrawl run 42, started 2026-12-07T01:00:00Z, finished 2026-12-07T02:00:00Z"));
}

TEST_CASE("complaint: without RDAP the registrar is unknown, and long titles are cut") {
  auto site = cloaked_site();
  site.views[1].analysis->page.title = std::string(10000, 'T');
  auto text = complaint_text(site, {"1", "2026-12-07T01:00:00Z", ""});
  CHECK(has(text, "Registrar: registrar unknown\n"));
  CHECK(has(text, std::string(200, 'T') + "…\""));
  CHECK_FALSE(has(text, std::string(201, 'T')));
}

TEST_CASE("complaint: a failed RDAP lookup is named as why the registrar is unknown") {
  auto site = cloaked_site();
  site.registrar_unknown_why = "rate_limited: 429 with a Retry-After past the timeout";
  auto text = complaint_text(site, {"1", "2026-12-07T01:00:00Z", ""});
  CHECK(has(text,
            "Registrar: registrar unknown (RDAP lookup failed: rate_limited: 429 with a "
            "Retry-After past the timeout)\n"));
}

TEST_CASE("complaint: a failed view says why, without a proxy's credentials") {
  auto site = cloaked_site();
  site.views[1].error =
      view_error{{}, "proxy socks5://bob:hunter2@proxy.example:1080 refused", false};
  auto text = complaint_text(site, {"1", "2026-12-07T01:00:00Z", ""});
  CHECK(has(text, "no page: "));
  CHECK(has(text, "socks5://proxy.example:1080 refused"));
  CHECK_FALSE(has(text, "hunter2"));
}

TEST_CASE("complaint and site page: the exit check each view relied on, and a moved exit") {
  auto site = cloaked_site();
  site.views[0].exit_unverified = "no [verify] echo_url is configured";
  auto& jp = site.views[1];
  jp.exit_checked_at = "2026-12-07T01:00:00.000Z";
  jp.exit_check_age = std::chrono::milliseconds(123'456);
  jp.exit_changed = true;
  const report_run run{"42", "2026-12-07T01:00:00Z", "2026-12-07T02:00:00Z"};
  auto text = complaint_text(site, run);
  CHECK(has(text,
            "- jp: from 203.0.113.7 in JP, at 2026-12-07T01:02:03.000Z\n"
            "  the exit moved to another country while this view was served: its country is "
            "not evidence\n"
            "  exit checked at 2026-12-07T01:00:00.000Z, 123.4 s before the view\n"));
  CHECK(has(text, "  exit not verified: no [verify] echo_url is configured\n"));
  auto page = site_page_html(site, run);
  CHECK(has(page, "exit checked at 2026-12-07T01:00:00.000Z, 123.4 s before the view"));
  CHECK(has(page, "its country is not evidence"));
  CHECK(has(page, "exit not verified: no [verify] echo_url is configured"));
}

}  // namespace geocrawl
