#include "crawler/store/evidence_reader.hpp"

#include <doctest/doctest.h>

#include <boost/json/serialize.hpp>

#include "crawler/cli/view_json.hpp"
#include "crawler/http/fetch_error.hpp"
#include "crawler/store/sqlite.hpp"
#include "crawler/store/store.hpp"
#include "crawler/view/sha256.hpp"
#include "crawler/view/timestamp.hpp"
#include "crawler/view/view_errc.hpp"
#include "proxies/dial_error.hpp"
#include "tests/support/temp_dir.hpp"

namespace geocrawl {

namespace {

using namespace std::string_literals;

// A page with every field the store writes set, and a body that is not text: NUL bytes,
// invalid UTF-8, and enough repetition that zstd compresses it.
view full_view() {
  view record;
  record.vantage = "jp";
  record.proxy = "tokyo-1";
  record.exit_ip = "203.0.113.7";
  record.exit_country = "JP";
  record.exit_geoip = "GeoLite2-Country 2026-11-20";
  // Set only for direct views in a crawl; the store keeps whatever the view says.
  record.exit_unverified = "the direct check is dead (echo timed out)";
  record.exit_checked_at = "2026-11-27T01:00:00.250Z";
  record.exit_check_age = std::chrono::milliseconds(1750);
  record.exit_changed = true;
  record.requested_url = "https://shop.example/old";
  record.final_url = "https://shop.example/";
  record.peer_address = "127.0.0.5:1080";
  record.status = 200;
  record.redirects = {{"https://shop.example/old", 301, redirect_kind::location},
                      {"https://shop.example/", 200, std::nullopt}};
  record.response_headers = {
      {"Content-Type", "text/html; charset=utf-8"}, {"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}};
  record.content_type = "text/html; charset=utf-8";
  record.content_encoding = "gzip";
  record.body = "<html><title>バイアグラ</title>\0\xff\xfe\xc3("s;
  for (int i = 0; i < 200; ++i) record.body += "<p>no prescription needed</p>";
  record.wire_bytes = 321;
  record.truncated = true;
  record.truncated_reason = "max_body_bytes";
  record.sha256 = sha256_hex(record.body);
  record.tls = tls_summary{"TLSv1.3",
                           "TLS_AES_128_GCM_SHA256",
                           "CN=shop.example",
                           "CN=Test CA",
                           "2026-01-01T00:00:00Z",
                           "2027-01-01T00:00:00Z",
                           "ab12",
                           false,
                           "self-signed certificate"};
  record.timings = {std::chrono::milliseconds(3), std::chrono::milliseconds(4),
                    std::chrono::milliseconds(5), std::chrono::milliseconds(6),
                    std::chrono::milliseconds(70)};
  record.fetched_at = "2026-11-27T01:00:02.000Z";
  auto& analysis = record.analysis.emplace();
  analysis.charset = "utf-8";
  analysis.charset_source = "header";
  analysis.page.title = "バイアグラ";
  analysis.page.lang = "ja";
  analysis.page.refresh = meta_refresh{2.5, "https://shop.example/next"};
  analysis.page.canonical = "https://shop.example/";
  analysis.page.link_count = 12;
  analysis.page.external_hosts = {"cdn.example", "pay.example"};
  analysis.page.forms = {form_summary{"https://pay.example/", "post", true}};
  analysis.page.script_redirects = {{"location.href", "https://elsewhere.example/"},
                                    {"window.location", ""}};
  analysis.page.truncated = true;
  // In the order page_analysis keeps them: by drug, then term.
  analysis.found.drugs = {{"バイアグラ", "sildenafil", "erectile_dysfunction", 3},
                          {"シアリス", "tadalafil", "erectile_dysfunction", 2}};
  analysis.found.no_rx = true;
  analysis.found.no_rx_phrases = {"no prescription needed", "処方箋不要"};
  analysis.found.signals = {"commerce_cart"};
  return record;
}

view failed_view(std::string vantage, boost::system::error_code code) {
  view record;
  record.vantage = std::move(vantage);
  record.requested_url = "https://shop.example/";
  record.fetched_at = "2026-11-27T01:00:03.000Z";
  record.timings.total = std::chrono::milliseconds(5000);
  record.error = view_error{code, "timed out after 5 s"};
  return record;
}

view plain_view() {
  view record;
  record.vantage = "default";
  record.requested_url = "https://shop.example/";
  record.final_url = "https://shop.example/";
  record.status = 200;
  record.redirects = {{"https://shop.example/", 200, std::nullopt}};
  // Bytes zstd cannot shrink: stored uncompressed.
  for (int i = 0; i < 64; ++i) record.body += static_cast<char>((i * 151 + 7) % 256);
  record.sha256 = sha256_hex(record.body);
  record.fetched_at = "2026-11-27T01:00:01.000Z";
  // The direct exit's check: stored among the proxy checks as "direct".
  record.exit_checked_at = "2026-11-27T01:00:00.250Z";
  record.exit_check_age = std::chrono::milliseconds(750);
  return record;
}

// A check as the run stored it, made at the time the views above relied on.
proxy_check check_at(std::string name, std::string checked_at) {
  proxy_check check;
  check.name = std::move(name);
  check.url = "socks5h://***@127.0.0.1:1080";
  check.declared_country = "JP";
  check.exit_ip = "203.0.113.7";
  check.location.country = "JP";
  check.verdict.status = proxy_status::ok;
  check.checked_at = std::move(checked_at);
  return check;
}

// The proxy_checks row of `name`'s check at `checked_at` in `run`.
std::int64_t check_id(const std::filesystem::path& file, std::int64_t run, const std::string& name,
                      const std::string& checked_at) {
  sqlite_db db(file);
  auto query =
      db.prepare("SELECT id FROM proxy_checks WHERE run_id = ? AND proxy = ? AND checked_at = ?");
  query.bind(1, run).bind(2, name).bind(3, checked_at);
  REQUIRE(query.step());
  return query.column_int(0);
}

site_comparison shop_verdict() {
  return {
      cloaking_verdict::cloaked,
      {{"jp",
        "default",
        cloaking_verdict::cloaked,
        0.95,
        {"jp sees sildenafil; default does not", "the text differs"}},
       {"us", "default", cloaking_verdict::inconclusive, std::nullopt, {"us failed (timeout)"}}}};
}

struct shop_database {
  testing::temp_dir dir;
  std::filesystem::path file = dir.path() / "geocrawl.db";
  std::vector<view> views{plain_view(), full_view(),
                          failed_view("us", make_error_code(fetch_errc::decode))};
  std::int64_t run = 0;
  std::int64_t site = 0;

  shop_database() {
    store database(file);
    // An earlier run made checks at the same time, and so did another proxy: the views'
    // checks are this run's, of their own proxy.
    const auto earlier = database.begin_run({run_kind::fetch, "built-in default", "shop.example"});
    database.record_proxy_checks(earlier, {check_at("tokyo-1", "2026-11-27T01:00:00.250Z")});
    run = database.begin_run({run_kind::fetch, "built-in default", "shop.example"});
    database.record_proxy_checks(run, {check_at("osaka-1", "2026-11-27T01:00:00.250Z"),
                                       check_at("tokyo-1", "2026-11-27T01:00:00.250Z"),
                                       check_at("direct", "2026-11-27T01:00:00.250Z")});
    site = database.record_site(run, "https://shop.example/", views, shop_verdict());
    // What the store found for the views that relied on a check.
    views[0].exit_check_id = check_id(file, run, "direct", views[0].exit_checked_at);
    views[1].exit_check_id = check_id(file, run, "tokyo-1", views[1].exit_checked_at);
  }
};

std::vector<const coded_category*> error_categories() {
  return {&dial_category(), &fetch_category(), &view_category()};
}

// Everything `fetch` prints of a view: the store's read must give the show command the same.
std::string json_of(const view& record) { return boost::json::serialize(view_to_json(record)); }

}  // namespace

TEST_CASE("a view read back from the store is the view that was stored") {
  const shop_database db;
  evidence_reader reader(db.file, error_categories());
  const auto evidence = reader.load_site(db.site);
  CHECK(evidence.site.url == "https://shop.example/");
  CHECK(evidence.site.run_id == db.run);
  CHECK(evidence.site.verdict == cloaking_verdict::cloaked);
  REQUIRE(evidence.views.size() == 3);
  REQUIRE(evidence.stored.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    // Everything fetch prints of a view, and the body's bytes.
    CHECK(json_of(evidence.views[i]) == json_of(db.views[i]));
    CHECK(evidence.views[i].body == db.views[i].body);
    CHECK(evidence.stored[i].body_bytes == static_cast<std::int64_t>(db.views[i].body.size()));
  }
  const auto& jp = evidence.views[1];
  CHECK(jp.body.find('\0') != std::string::npos);
  REQUIRE(jp.tls);
  CHECK(jp.tls->verify_error == "self-signed certificate");
  CHECK(jp.exit_check_age == std::chrono::milliseconds(1750));
  CHECK(jp.exit_changed);
  CHECK(jp.exit_check_id != evidence.views[0].exit_check_id);
  CHECK_FALSE(evidence.views[2].exit_check_id);
  CHECK(jp.timings.first_byte == std::chrono::milliseconds(6));
  CHECK(jp.response_headers == db.views[1].response_headers);
  CHECK(jp.redirects[0].next == redirect_kind::location);
  CHECK_FALSE(jp.redirects[1].next);
  REQUIRE(jp.analysis);
  CHECK(jp.analysis->found.drugs[0].drug == "sildenafil");
  REQUIRE(jp.analysis->page.refresh);
  CHECK(jp.analysis->page.refresh->delay_seconds == 2.5);
  // Only whether there was a checkout form is stored.
  REQUIRE(jp.analysis->page.forms.size() == 1);
  CHECK(jp.analysis->page.forms[0].checkout);
  CHECK(jp.analysis->page.forms[0].action.empty());
  CHECK_FALSE(evidence.views[0].analysis);
  CHECK_FALSE(evidence.views[0].tls);
}

TEST_CASE("a stored error word comes back as the error code of its category") {
  const shop_database db;
  evidence_reader reader(db.file, error_categories());
  const auto us = reader.load_site(db.site).views[2];
  REQUIRE(us.error);
  CHECK(us.error->code == make_error_code(fetch_errc::decode));
  CHECK(us.error->message == "timed out after 5 s");
  CHECK(us.status == 0);
  CHECK(us.sha256.empty());

  SUBCASE("a word shared by two categories takes the first one listed") {
    sqlite_db(db.file).exec("UPDATE views SET error_code = 'timeout' WHERE vantage = 'us'");
    const auto code = reader.load_site(db.site).views[2].error->code;
    CHECK(code == make_error_code(dial_errc::timeout));
  }
  SUBCASE("a word no category has keeps the word and the message, and is no known code") {
    sqlite_db(db.file).exec("UPDATE views SET error_code = 'from_the_future' WHERE vantage = 'us'");
    const auto error = *reader.load_site(db.site).views[2].error;
    CHECK(short_code(error.code) == "unknown");
    CHECK(error.message == "from_the_future: timed out after 5 s");
    CHECK_FALSE(parse_short_code("from_the_future", {&dial_category(), &view_category()}));
  }
  SUBCASE("without the categories, a word is kept the same way") {
    evidence_reader bare(db.file, {});
    const auto error = *bare.load_site(db.site).views[2].error;
    CHECK(short_code(error.code) == "unknown");
    CHECK(error.message == "decode: timed out after 5 s");
  }
}

TEST_CASE("a site's comparisons come back in order with their reasons and missing scores") {
  const shop_database db;
  evidence_reader reader(db.file, error_categories());
  const auto verdict = reader.load_site(db.site).verdict;
  const auto expected = shop_verdict();
  CHECK(verdict.verdict == expected.verdict);
  REQUIRE(verdict.comparisons.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CAPTURE(i);
    CHECK(verdict.comparisons[i].vantage == expected.comparisons[i].vantage);
    CHECK(verdict.comparisons[i].baseline == expected.comparisons[i].baseline);
    CHECK(verdict.comparisons[i].verdict == expected.comparisons[i].verdict);
    CHECK(verdict.comparisons[i].score == expected.comparisons[i].score);
    CHECK(verdict.comparisons[i].reasons == expected.comparisons[i].reasons);
    CHECK_FALSE(verdict.comparisons[i].text);  // not stored
  }
}

TEST_CASE("bodies are checked against their SHA-256 and can be left out") {
  const shop_database db;
  evidence_reader reader(db.file, error_categories());
  const auto& plain = db.views[0];
  CHECK(reader.body(plain.sha256) == plain.body);
  CHECK(reader.body(db.views[1].sha256) == db.views[1].body);

  const auto lean = reader.load_site(db.site, body_loading::leave_out);
  CHECK(lean.views[1].body.empty());
  CHECK(lean.stored[1].body_bytes == static_cast<std::int64_t>(db.views[1].body.size()));
  CHECK(lean.views[1].sha256 == db.views[1].sha256);

  CHECK_THROWS_AS(reader.body(std::string(64, '0')), evidence_error);
  {
    sqlite_db raw(db.file);
    // The uncompressed body altered in place: same size, other bytes.
    auto alter = raw.prepare("UPDATE bodies SET data = ? WHERE sha256 = ?");
    alter.bind_blob(1, std::string(plain.body.size(), 'x')).bind(2, plain.sha256).run();
    auto compression = raw.prepare("SELECT compression FROM bodies WHERE sha256 = ?");
    compression.bind(1, plain.sha256);
    REQUIRE(compression.step());
    CHECK(compression.column_text(0) == "none");
  }
  CHECK_THROWS_AS(reader.body(plain.sha256), evidence_error);
  CHECK_THROWS_AS(reader.load_site(db.site), evidence_error);
  CHECK_NOTHROW(reader.load_site(db.site, body_loading::leave_out));
}

TEST_CASE("a run's sites are listed by URL, filtered by verdict, URL and whether finished") {
  testing::temp_dir dir;
  const auto file = dir.path() / "geocrawl.db";
  std::int64_t run = 0;
  {
    store database(file);
    run = database.begin_run({run_kind::crawl, "built-in default", "sites.txt"});
    database.add_sites(run, {{1, "https://b.example/", "http://b.example/", ""},
                             {2, "https://a.example/", "", ""},
                             {3, "https://c.example/", "", ""}});
    const auto pending = database.pending_sites(run, 0, 10);
    REQUIRE(pending.size() == 3);
    std::vector<finished_site> finished;
    for (const auto& site : pending) {
      if (site.url == "https://c.example/") continue;  // left pending
      const auto verdict = site.url == "https://b.example/" ? cloaking_verdict::cloaked
                                                            : cloaking_verdict::consistent;
      const double score = verdict == cloaking_verdict::cloaked ? 0.9 : 0.1;
      auto jp = plain_view();
      jp.vantage = "jp";
      finished.push_back(
          {site.id, {plain_view(), jp}, {verdict, {{"jp", "default", verdict, score, {}}}}});
    }
    database.finish_sites(run, finished);
  }
  evidence_reader reader(file, error_categories());
  const auto urls = [&](const site_filter& filter) {
    std::vector<std::string> found;
    reader.sites(run, filter, [&](const site_summary& site) { found.push_back(site.url); });
    return found;
  };
  CHECK(urls({}) == std::vector<std::string>{"https://a.example/", "https://b.example/"});
  CHECK(urls({.pending = pending_sites::include}) ==
        std::vector<std::string>{"https://a.example/", "https://b.example/", "https://c.example/"});
  CHECK(urls({.verdicts = {cloaking_verdict::cloaked}}) ==
        std::vector<std::string>{"https://b.example/"});
  CHECK(urls({.urls = {"http://b.example/"}}) == std::vector<std::string>{"https://b.example/"});
  CHECK(urls({.urls = {"https://nowhere.example/"}}).empty());
  std::optional<site_summary> b;
  reader.sites(run, {.urls = {"https://b.example/"}}, [&](const site_summary& site) { b = site; });
  REQUIRE(b);
  CHECK(b->fallback_url == "http://b.example/");
  CHECK(b->score == 0.9);
  CHECK_FALSE(b->finished_at.empty());
  CHECK(reader.vantages(run) == std::vector<std::string>{"default", "jp"});
  CHECK(reader.latest_run() == run);
  CHECK(reader.runs() == std::vector<std::int64_t>{run});
  CHECK_THROWS_AS(reader.load_site(999), std::out_of_range);
}

TEST_CASE("the report's registrar is the newest lookup, a failure after a found one included") {
  testing::temp_dir dir;
  const auto file = dir.path() / "geocrawl.db";
  std::int64_t run = 0;
  {
    store database(file);
    run = database.begin_run({run_kind::fetch, "built-in default", "https://a.example/"});
    registrar_record found;
    found.domain = "a.example";
    found.looked_up_at = "2026-01-01T00:00:00.000Z";
    found.registrar = "Old Registrar";
    found.abuse_phone = "+1.5555550100";
    registrar_record failed;
    failed.domain = "a.example";
    failed.looked_up_at = "2026-02-01T00:00:00.000Z";
    failed.outcome = rdap_outcome::rate_limited;
    failed.error = "429 with a Retry-After past the timeout";
    auto other = found;
    other.domain = "b.example";
    database.record_registrars({found, failed, other});
  }
  evidence_reader reader(file, error_categories());
  const auto a = reader.newest_registrar("a.example");
  REQUIRE(a);
  CHECK(a->outcome == rdap_outcome::rate_limited);
  CHECK(a->error == "429 with a Retry-After past the timeout");
  const auto b = reader.newest_registrar("b.example");
  REQUIRE(b);
  CHECK(b->registrar == "Old Registrar");
  CHECK(b->abuse_phone == "+1.5555550100");
  CHECK_FALSE(reader.newest_registrar("c.example"));

  const auto times = reader.times_of(run);
  CHECK(times.started_at.starts_with("20"));
  CHECK(times.finished_at.empty());  // still running
  CHECK_THROWS_AS(reader.times_of(run + 1), std::out_of_range);
}

}  // namespace geocrawl

namespace geocrawl {

namespace {

// A rendered view with every field the store keeps set: a DOM with a NUL byte and invalid
// UTF-8, a screenshot, requests of both methods with and without a status, a render error, and
// an analysis of the fields a stored analysis keeps.
view rendered_shop() {
  auto record = plain_view();
  record.vantage = "jp";
  auto& page = record.rendered.emplace();
  page.emulation = {"Mozilla/5.0 (X11; Linux x86_64)", "ja-JP,ja;q=0.9", "ja-JP", "Asia/Tokyo"};
  page.final_url = "https://shop.example/cart?\"q\"";
  page.title = "<script>alert(1)</script>";
  page.dom = "<html><body>\0\xff<p>バイアグラ</p></body></html>"s;
  for (int i = 0; i < 100; ++i) page.dom += "<div>no prescription needed</div>";
  page.dom_truncated = true;
  page.dom_sha256 = sha256_hex(page.dom);
  page.screenshot_png = "\x89PNG\r\n\x1a\n not really a picture"s;
  using std::chrono::milliseconds;
  const auto at = *parse_utc_timestamp("2026-11-27T01:00:04.125Z");
  page.requests.requests = {{relay_method::forward, "GET", "http://shop.example/app.js", 200, 400,
                             9000, relay_outcome::relayed, "", at, milliseconds(40)},
                            {relay_method::connect, "CONNECT", "127.0.0.2:443", std::nullopt, 0, 0,
                             relay_outcome::blocked_address, "127.0.0.2 is loopback",
                             at + milliseconds(5), milliseconds(0)}};
  page.requests.connections_refused = 2;
  page.load_time = milliseconds(850);
  page.total = milliseconds(2400);
  page.rendered_at = "2026-11-27T01:00:04.000Z";
  page.error = view_error{make_error_code(view_errc::internal), "the renderer crashed"};
  auto& analysis = page.analysis.emplace();
  analysis.charset = "utf-8";
  analysis.charset_source = "header";
  analysis.page.title = page.title;
  analysis.page.lang = "ja";
  analysis.page.refresh = meta_refresh{0, "https://shop.example/next"};
  analysis.page.link_count = 3;
  analysis.page.external_hosts = {"pay.example"};
  analysis.page.forms = {form_summary{.checkout = true}};
  analysis.page.script_redirects = {{"location.href", ""}};
  analysis.found.drugs = {{"バイアグラ", "sildenafil", "erectile_dysfunction", 1}};
  analysis.found.no_rx = true;
  analysis.found.no_rx_phrases = {"no prescription needed"};
  analysis.found.signals = {"commerce_cart", "page_state_construction"};
  return record;
}

}  // namespace

TEST_CASE("a rendered view read back from the store is the rendered view that was stored") {
  testing::temp_dir dir;
  const auto file = dir.path() / "geocrawl.db";
  const auto stored = rendered_shop();
  // A second site whose render failed before it read anything: no DOM, no screenshot.
  auto empty = plain_view();
  empty.rendered.emplace().error = view_error{make_error_code(view_errc::internal), "no browser"};
  std::int64_t site = 0;
  std::int64_t other = 0;
  {
    store database(file);
    const auto run = database.begin_run({run_kind::fetch, "built-in default", "shop.example"});
    site = database.record_site(run, "https://shop.example/", {plain_view(), stored}, {});
    other = database.record_site(run, "https://other.example/", {empty}, {});
  }
  evidence_reader reader(file, error_categories());
  const auto evidence = reader.load_site(site);
  REQUIRE(evidence.views.size() == 2);
  CHECK_FALSE(evidence.views[0].rendered);
  REQUIRE(evidence.views[1].rendered);
  const auto& read = *evidence.views[1].rendered;
  const auto& wrote = *stored.rendered;
  CHECK(read.emulation.user_agent == wrote.emulation.user_agent);
  CHECK(read.emulation.accept_language == wrote.emulation.accept_language);
  CHECK(read.emulation.locale == wrote.emulation.locale);
  CHECK(read.emulation.time_zone == wrote.emulation.time_zone);
  CHECK(read.final_url == wrote.final_url);
  CHECK(read.title == wrote.title);
  CHECK(read.dom == wrote.dom);
  CHECK(read.dom_truncated);
  CHECK(read.dom_sha256 == wrote.dom_sha256);
  CHECK(read.screenshot_png == wrote.screenshot_png);
  REQUIRE(read.requests.requests.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CAPTURE(i);
    const auto& a = read.requests.requests[i];
    const auto& b = wrote.requests.requests[i];
    CHECK(a.method == b.method);
    CHECK(a.http_method == b.http_method);
    CHECK(a.target == b.target);
    CHECK(a.status == b.status);
    CHECK(a.bytes_up == b.bytes_up);
    CHECK(a.bytes_down == b.bytes_down);
    CHECK(a.outcome == b.outcome);
    CHECK(a.reason == b.reason);
    CHECK(a.started == b.started);
    CHECK(a.duration == b.duration);
  }
  CHECK(read.requests.connections_refused == 2);
  CHECK(read.load_time == wrote.load_time);
  CHECK(read.total == wrote.total);
  CHECK(read.rendered_at == wrote.rendered_at);
  REQUIRE(read.error);
  CHECK(read.error->code == wrote.error->code);
  CHECK(read.error->message == wrote.error->message);
  // Every field the analysis keeps (the header says which it leaves out; none is set here).
  CHECK(read.analysis == wrote.analysis);
  CHECK(evidence.stored[1].dom_bytes == static_cast<std::int64_t>(wrote.dom.size()));
  // And what `show --json` prints of it.
  CHECK(json_of(evidence.views[1]) == json_of(stored));

  SUBCASE("without bodies, the DOM and the screenshot are left out, their sizes are not") {
    const auto light = reader.load_site(site, body_loading::leave_out);
    CHECK(light.views[1].rendered->dom.empty());
    CHECK(light.views[1].rendered->screenshot_png.empty());
    CHECK(light.stored[1].dom_bytes == static_cast<std::int64_t>(wrote.dom.size()));
    CHECK_FALSE(light.stored[1].screenshot_sha256.empty());
  }
  SUBCASE("a render that read nothing comes back with nothing") {
    const auto failed = reader.load_site(other).views[0];
    REQUIRE(failed.rendered);
    CHECK(failed.rendered->dom_sha256.empty());
    CHECK(failed.rendered->screenshot_png.empty());
    CHECK_FALSE(failed.rendered->analysis);
    REQUIRE(failed.rendered->error);
    CHECK(failed.rendered->error->message == "no browser");
  }
  SUBCASE("an altered DOM is refused like an altered body") {
    sqlite_db(file).exec(
        "UPDATE bodies SET data = x'00', compression = 'none', size = 1 "
        "WHERE sha256 = '" +
        wrote.dom_sha256 + "'");
    CHECK_THROWS_AS(reader.load_site(site), evidence_error);
  }
}

}  // namespace geocrawl

namespace geocrawl {

TEST_CASE("a site's favicon comes back on the view that fetched it, its hash an identifier") {
  testing::temp_dir dir;
  const auto file = dir.path() / "geocrawl.db";
  auto hashed = plain_view();
  auto& icon = hashed.favicon.emplace();
  icon.url = "https://shop.example/favicon.ico";
  icon.final_url = "https://cdn.example/favicon.ico";
  icon.outcome = favicon_outcome::hashed;
  icon.status = 200;
  icon.bytes = 43;
  icon.hash = -1522510080;
  icon.fetched_at = "2026-12-07T13:00:00.000Z";
  auto failed = plain_view();
  auto& lost = failed.favicon.emplace();
  lost.url = "https://other.example/favicon.ico";
  lost.error = view_error{make_error_code(fetch_errc::decode), "bad gzip"};
  lost.fetched_at = "2026-12-07T13:00:01.000Z";
  auto cut = plain_view();
  auto& big = cut.favicon.emplace();
  big.url = "https://big.example/favicon.ico";
  big.outcome = favicon_outcome::oversize;
  big.status = 200;
  big.bytes = 1024;
  big.detail = "more than limits.max_favicon_bytes (1024 bytes)";
  std::int64_t sites[3] = {};
  {
    store database(file);
    const auto run = database.begin_run({run_kind::fetch, "built-in default", "shop.example"});
    sites[0] = database.record_site(run, "https://shop.example/", {hashed, plain_view()}, {});
    sites[1] = database.record_site(run, "https://other.example/", {failed}, {});
    sites[2] = database.record_site(run, "https://big.example/", {cut}, {});
  }
  evidence_reader reader(file, error_categories());
  const auto shop = reader.load_site(sites[0]);
  REQUIRE(shop.views.size() == 2);
  REQUIRE(shop.views[0].favicon);
  CHECK_FALSE(shop.views[1].favicon);
  const auto& read = *shop.views[0].favicon;
  CHECK(read.url == icon.url);
  CHECK(read.final_url == icon.final_url);
  CHECK(read.outcome == favicon_outcome::hashed);
  CHECK(read.status == 200);
  CHECK(read.bytes == 43);
  CHECK(read.hash == -1522510080);
  CHECK(read.fetched_at == icon.fetched_at);
  CHECK_FALSE(read.error);
  const auto other = reader.load_site(sites[1]).views[0].favicon;
  REQUIRE(other);
  CHECK(other->outcome == favicon_outcome::failed);
  REQUIRE(other->error);
  CHECK(other->error->code == make_error_code(fetch_errc::decode));
  CHECK(other->error->message == "bad gzip");
  CHECK_FALSE(other->hash);
  const auto oversize = reader.load_site(sites[2]).views[0].favicon;
  REQUIRE(oversize);
  CHECK(oversize->outcome == favicon_outcome::oversize);
  CHECK(oversize->detail == big.detail);
  CHECK_FALSE(oversize->error);
  // Only the hashed icon is an identifier `networks` can link by.
  sqlite_db db(file);
  auto ids = db.prepare("SELECT value FROM view_identifiers WHERE kind = 'favicon'");
  REQUIRE(ids.step());
  CHECK(ids.column_text(0) == "-1522510080");
  CHECK_FALSE(ids.step());
}

}  // namespace geocrawl
