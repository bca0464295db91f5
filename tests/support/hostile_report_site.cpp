#include "tests/support/hostile_report_site.hpp"

#include <sstream>

namespace geocrawl::testing {

std::string injected_script() {
  return "<script>document.documentElement.appendChild(document.createElement('pwned-' + "
         "'marker'))</script>";
}

namespace {

constexpr std::string_view hostile_url =
    "https://shop.example.co.jp/?q=\"><script>alert(1)</script>";

view hostile_view(std::string vantage, std::string country) {
  view seen;
  seen.vantage = std::move(vantage);
  seen.exit_ip = "203.0.113.9";
  seen.exit_country = std::move(country);
  seen.requested_url = "https://shop.example.co.jp/";
  seen.final_url = "javascript:alert(document.domain)//\"><img src=x onerror=alert(1)>";
  seen.status = 200;
  seen.redirects = {{"https://shop.example.co.jp/", 302, redirect_kind::location},
                    {"javascript:alert(1)", 200, std::nullopt}};
  seen.response_headers = {{"Server", "nginx\"><svg onload=alert(1)>"},
                           {"X-Bad", std::string("caf\xc3\x28 \xff end")}};
  seen.content_type = "text/html";
  seen.body = "<html><script>alert(1)</script></html>";
  seen.sha256 = std::string(64, 'c');
  seen.fetched_at = "2026-12-07T01:02:03.000Z";
  seen.tls = tls_summary{"TLSv1.3",
                         "TLS_AES_128_GCM_SHA256",
                         "CN=</td><script>x</script>",
                         "CN=Evil CA",
                         "2026-01-01",
                         "2027-01-01",
                         std::string(64, 'f'),
                         false,
                         "self-signed"};
  seen.analysis.emplace();
  seen.analysis->page.title = "</title>" + injected_script() + "\xff title";
  return seen;
}

}  // namespace

report_site hostile_site() {
  report_site site;
  site.url = std::string(hostile_url);

  auto baseline = hostile_view("default", "US");
  baseline.analysis->page.text = "Under construction </textarea>" + injected_script();
  site.views.push_back(baseline);

  auto jp = hostile_view("jp", "JP");
  jp.proxy = "socks5h://bob:" + std::string(proxy_password) + "@proxy.example:1080";
  // 10 MB of text: the drug is named at the start and again past every bound.
  std::ostringstream text;
  text << "Buy viagra <a href='javascript:alert(1)'>here</a> " << injected_script()
       << " no prescription \xc3\x28 needed\n";
  for (int line = 0; text.tellp() < (10 << 20); ++line) {
    text << "line " << line << " of filler words viagra\n";
  }
  jp.analysis->page.text = text.str();
  jp.analysis->found.drugs.push_back({"viagra", "sildenafil", "erectile_dysfunction", 2});
  jp.analysis->found.no_rx_phrases.push_back("no prescription");
  jp.error = std::nullopt;
  // What jp's browser made of it: a script wrote the title, navigated to a URL that breaks out
  // of an attribute, and asked for a blocked address whose target is markup.
  auto& rendered = jp.rendered.emplace();
  rendered.emulation = {"Mozilla/5.0 \"><script>ua</script>", "ja-JP", "ja-JP", "Asia/Tokyo"};
  rendered.final_url = "https://shop.example/\"><img src=x onerror=alert(2)>";
  rendered.title = "<script>alert(3)</script>" + injected_script();
  rendered.dom = "<html>" + injected_script() + "</html>";
  rendered.dom_sha256 = std::string(64, 'd');
  rendered.requests.requests = {{relay_method::connect, "CONNECT", "<b>127.0.0.2</b>:443",
                                 std::nullopt, 0, 0, relay_outcome::blocked_address,
                                 "\"><script>reason</script> is loopback"}};
  rendered.error = view_error{{}, "renderer said </td>" + injected_script()};
  rendered.analysis.emplace();
  rendered.analysis->found.drugs.push_back(
      {"<i>viagra</i>", "sildenafil", "erectile_dysfunction", 1});
  site.views.push_back(std::move(jp));

  site.screenshots = {{std::nullopt, "Chromium not installed"},
                      {std::filesystem::path("../../etc/passwd"), ""}};
  site.rendered_screenshots = {{std::nullopt, "not rendered"},
                               {std::filesystem::path("screenshots") / "rendered-jp.png", ""}};
  site.comparison.verdict = cloaking_verdict::cloaked;
  site.comparison.comparisons.push_back({"jp",
                                         "default",
                                         cloaking_verdict::cloaked,
                                         0.8,
                                         {"jp is offered <script>drugs</script>"},
                                         {}});
  site.score = 0.8;
  site.registrar = registrar_info{"Reg <b>\"Inc\"</b>", "1234", "abuse@reg.example", ""};
  site.network_id = hostile_network_id;
  return site;
}

report_network hostile_network() {
  const auto sister = "https://sister.example/\"></a>" + injected_script();
  const auto email = "rx\"'></a>" + injected_script() + "@evil.example";
  const auto phone = "+81</code></td>" + injected_script();
  report_network network;
  network.id = hostile_network_id;
  network.members = {std::string(hostile_url), sister};
  network.identifiers = {{"email", email}, {"phone", phone}};
  network.links = {
      {"email", email, {std::string(hostile_url), {"jp"}}, {sister, {"default", "jp"}}},
      {"phone", phone, {sister, {"<b>jp</b>"}}, {std::string(hostile_url), {}}}};
  return network;
}

}  // namespace geocrawl::testing
