#include "tests/support/hostile_peers.hpp"

#include <algorithm>
#include <cstdio>

#include "tests/support/encoders.hpp"
#include "tests/support/legacy_encoding.hpp"
#include "tests/support/rogue_pages.hpp"

namespace geocrawl::testing {

namespace {

using namespace std::chrono_literals;
using namespace std::string_literals;

// How long past the deadline that ends it a view may take: a timer's wake-up on a machine
// busy with the rest of the crawl.
constexpr std::chrono::milliseconds deadline_slack = 1000ms;

// What an injection attempt tries to smuggle into geocrawl's next request.
constexpr std::string_view injected_field = "X-Injected";

constexpr std::string_view html_type = "Content-Type: text/html; charset=utf-8\r\n";

handler always(response_script script) {
  return [script = std::move(script)](const received_request&) { return script; };
}

// The bytes, then how the connection ends.
response_script then(std::string bytes, script_step last) {
  return {script_step::write(std::move(bytes)), last};
}

std::string repeated(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

std::string chunk(std::string_view data) {
  char size[20];
  std::snprintf(size, sizeof size, "%zx", data.size());
  return std::string(size) + "\r\n" + std::string(data) + "\r\n";
}

std::string chunked_head() {
  return status_line(200) + std::string(html_type) + "Transfer-Encoding: chunked\r\n\r\n";
}

// A 200 page of this type.
handler page(std::string body, std::string content_type = "text/html; charset=utf-8") {
  return always(http_response(200, {{"Content-Type", std::move(content_type)}}, std::move(body)));
}

handler redirect_to(std::string location) {
  return always(http_response(302, {{"Location", std::move(location)}}, "moved"));
}

// The number after the last '/' of the request's path, 0 without one.
int step_of(const received_request& request) {
  const std::string_view path =
      std::string_view(request.target).substr(0, request.target.find('?'));
  const auto digits = path.substr(path.rfind('/') + 1);
  return digits.empty() ? 0 : std::stoi(std::string(digits));
}

// Serves every case under "/<name>/" and lists it.
class catalogue {
 public:
  catalogue(test_origin& origin, const hostile_limits& limits, std::vector<hostile_case>& cases)
      : origin_(origin), cases_(cases), limits_(limits) {}

  // Bounds: most cases end by their own error or limit, before the view's deadline could end
  // them (the time they take then is the network thread's, shared with the rest of the crawl);
  // the others end at the read deadline or at the whole view's.
  std::chrono::milliseconds before_deadline() const { return limits_.view_timeout; }
  std::chrono::milliseconds read_deadline() const { return limits_.read_timeout + deadline_slack; }
  std::chrono::milliseconds view_deadline() const { return limits_.view_timeout + deadline_slack; }
  const hostile_limits& limits() const { return limits_; }
  const test_origin& origin() const { return origin_; }

  void serve(std::string name, std::string behaviour, handler respond, hostile_outcome outcome,
             std::string detail, std::chrono::milliseconds bound,
             std::vector<std::pair<std::string, std::string>> stored = {}) {
    const std::string root = "/" + name + "/";
    origin_.route_below(root, std::move(respond));
    list({std::move(name), std::move(behaviour), origin_.url(root), outcome, std::move(detail),
          std::move(stored), bound});
  }

  void list(hostile_case listed) { cases_.push_back(std::move(listed)); }

 private:
  test_origin& origin_;
  std::vector<hostile_case>& cases_;
  const hostile_limits& limits_;
};

using enum hostile_outcome;

void malformed_status_lines(catalogue& c) {
  c.serve("status-not-a-number", "status line `HTTP/1.1 abc Broken`",
          always(then("HTTP/1.1 abc Broken\r\n\r\n", script_step::close())), error, "http",
          c.before_deadline());
  c.serve("status-four-digits", "status code 2000",
          always(then("HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\nok", script_step::close())),
          error, "http", c.before_deadline());
  c.serve("status-icy", "a SHOUTcast `ICY 200 OK` status line",
          always(then("ICY 200 OK\r\nContent-Length: 2\r\n\r\nok", script_step::close())), error,
          "http", c.before_deadline());
  c.serve("status-missing", "no status line: an HTTP/0.9-style bare body, then close",
          always(then("<html><title>zero nine</title></html>\r\n\r\n", script_step::close())),
          error, "http", c.before_deadline());
}

void oversized_headers(catalogue& c) {
  const std::size_t limit = c.limits().max_header_bytes;
  c.serve("header-one-huge-field", "one header field longer than max_header_bytes",
          always(http_response(200, {{"X-Fill", std::string(limit + 1024, 'h')}}, "body")), error,
          "http", c.before_deadline());
  c.serve("header-many-fields", "small header fields adding up past max_header_bytes",
          always(then(
              status_line(200) + repeated("X-Many: 0123456789abcdef\r\n", limit / 16) + "\r\nbody",
              script_step::close())),
          error, "http", c.before_deadline());
  // Never ends its header section: the limit, not a deadline, must end the read.
  c.serve("header-endless", "header fields streaming with no end, then silence",
          always(then(status_line(200) + repeated("X-Endless: more and more\r\n", 8 * limit / 26),
                      script_step::idle())),
          error, "http", c.before_deadline());
}

void header_injections(catalogue& c) {
  const std::string port = std::to_string(c.origin().port());
  const std::vector<std::pair<std::string, std::string>> landed = {{"title", "landed"}};
  c.serve("inject-location-crlf", "Location with %0D%0A and a header after it",
          redirect_to("/landing/crlf%0D%0A" + std::string(injected_field) + ":%20yes"), fetched, "",
          c.before_deadline(), landed);
  c.serve("inject-location-obs-fold",
          "Location continued on an obs-fold line that reads like a header",
          always(then(status_line(302) + "Location: /landing/fold\r\n " +
                          std::string(injected_field) + ": yes\r\nContent-Length: 0\r\n\r\n",
                      script_step::close())),
          fetched, "", c.before_deadline(), landed);
  c.serve("inject-location-host", "Location whose host carries %0D%0A and a header",
          redirect_to("http://127.0.0.1%0D%0A" + std::string(injected_field) + ":%20yes:" + port +
                      "/landing/host"),
          error, "bad_url", c.before_deadline());
  c.serve("inject-bare-cr", "a header value with a bare CR before a second header",
          always(then(status_line(200) + "X-Note: a\r" + std::string(injected_field) +
                          ": yes\r\nContent-Length: 2\r\n\r\nok",
                      script_step::close())),
          error, "http", c.before_deadline());
  c.serve("inject-nul-in-header", "a NUL byte inside a header value",
          always(then(status_line(200) + "X-Note: a\0b\r\nContent-Length: 2\r\n\r\nok"s,
                      script_step::close())),
          error, "http", c.before_deadline());
  c.serve("inject-te-and-cl",
          "Transfer-Encoding: chunked and a Content-Length that disagree (smuggling)",
          always(then(status_line(200) + std::string(html_type) +
                          "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n" +
                          chunk("smuggled") + "0\r\n\r\n",
                      script_step::close())),
          error, "http", c.before_deadline());
  c.serve("inject-two-lengths", "two Content-Length fields with different values",
          always(then(status_line(200) + "Content-Length: 2\r\nContent-Length: 20\r\n\r\nok",
                      script_step::close())),
          error, "http", c.before_deadline());
  // The sites file itself: an encoded CRLF in the URL must stay encoded on the wire.
  c.list({"inject-site-url", "the listed URL's path carries %0D%0A and a header",
          c.origin().url("/landing/listed%0D%0A" + std::string(injected_field) + ":%20yes"),
          fetched, "", landed, c.before_deadline()});
}

void broken_chunking(catalogue& c) {
  const std::size_t limit = c.limits().max_body_bytes;
  c.serve("chunked-bad-size", "a chunk size that is not hex",
          always(then(chunked_head() + "zz\r\nhello\r\n0\r\n\r\n", script_step::close())), error,
          "http", c.before_deadline());
  c.serve("chunked-size-overflow", "a chunk size past 64 bits",
          always(then(chunked_head() + "fffffffffffffffffffff\r\nhello\r\n0\r\n\r\n",
                      script_step::close())),
          error, "http", c.before_deadline());
  c.serve("chunked-endless-extension", "a chunk extension that never ends, then silence",
          always(then(chunked_head() + "5;ext=" + std::string(4 * limit / 10, 'e'),
                      script_step::idle())),
          error, "http", c.before_deadline());
  c.serve("chunked-endless-trailer",
          "after the last chunk, trailer fields with no end, then silence",
          always(then(chunked_head() + chunk("hello") + "0\r\n" +
                          repeated("X-Trailer: more\r\n", limit / 16),
                      script_step::idle())),
          error, "http", c.before_deadline());
  c.serve("chunked-endless", "16 KB chunks past max_body_bytes, no last chunk, then silence",
          always(then(chunked_head() +
                          repeated(chunk(std::string(16 * 1024, 'c')), 2 * limit / (16 * 1024)),
                      script_step::idle())),
          truncated, "max_body_bytes", c.before_deadline());
  c.serve("chunked-endless-tiny", "1-byte chunks past max_body_bytes, no last chunk, then silence",
          always(then(chunked_head() + repeated(chunk("t"), limit + 1024), script_step::idle())),
          truncated, "max_body_bytes", c.before_deadline());
  c.serve("chunked-stall", "a chunk, then silence",
          always(then(chunked_head() + chunk("hello"), script_step::idle())), error, "timeout",
          c.read_deadline());
}

void lying_lengths(catalogue& c) {
  c.serve("length-shorter", "Content-Length 5, a longer body",
          always(then(
              status_line(200) + std::string(html_type) + "Content-Length: 5\r\n\r\nhello and more",
              script_step::close())),
          fetched, "", c.before_deadline(), {{"bytes", "5"}});
  c.serve("length-longer-close", "Content-Length 50, 5 bytes, close",
          always(then(status_line(200) + "Content-Length: 50\r\n\r\nshort", script_step::close())),
          error, "http", c.before_deadline());
  c.serve("length-longer-idle", "Content-Length 50, 5 bytes, silence",
          always(then(status_line(200) + "Content-Length: 50\r\n\r\nshort", script_step::idle())),
          error, "timeout", c.read_deadline());
  c.serve("length-huge", "Content-Length of a terabyte, 2 MB sent, silence",
          always(then(status_line(200) + std::string(html_type) +
                          "Content-Length: 1000000000000\r\n\r\n" +
                          std::string(2 * c.limits().max_body_bytes, 'x'),
                      script_step::idle())),
          truncated, "max_body_bytes", c.before_deadline());
  c.serve("length-negative", "Content-Length -1",
          always(then(status_line(200) + "Content-Length: -1\r\n\r\nok", script_step::close())),
          error, "http", c.before_deadline());
}

void dropped_connections(catalogue& c) {
  const std::string partial_header = status_line(200) + "Content-Type: te";
  const std::string partial_body =
      status_line(200) + "Content-Length: 100000\r\n\r\n" + std::string(5000, 'b');
  c.serve("closed-before-response", "the request read, then close", always({script_step::close()}),
          error, "http", c.before_deadline());
  c.serve("closed-mid-header", "close in the middle of a header field",
          always(then(partial_header, script_step::close())), error, "http", c.before_deadline());
  c.serve("reset-mid-header", "RST in the middle of a header field",
          always(then(partial_header, script_step::reset())), error, "http", c.before_deadline());
  c.serve("closed-mid-body", "close after 5,000 of 100,000 body bytes",
          always(then(partial_body, script_step::close())), error, "http", c.before_deadline());
  c.serve("reset-mid-body", "RST after 5,000 of 100,000 body bytes",
          always(then(partial_body, script_step::reset())), error, "http", c.before_deadline());
  c.serve("closed-mid-chunk", "close inside a chunk",
          always(then(chunked_head() + "100\r\nonly part of it", script_step::close())), error,
          "http", c.before_deadline());
}

void slow_peers(catalogue& c) {
  c.serve("drip-body", "headers, then the body at one byte a second",
          always({script_step::write(status_line(200) + std::string(html_type) +
                                     "Content-Length: 100\r\n\r\n"),
                  script_step::drip(std::string(100, 'd'), 1s)}),
          error, "timeout", c.view_deadline());
  c.serve("drip-header", "the whole response at one byte a second",
          always({script_step::drip(status_line(200) + "Content-Length: 2\r\n\r\nok", 1s)}), error,
          "timeout", c.view_deadline());
  // The scripted origin speaks plain HTTP: a ClientHello gets a 400, not a ServerHello.
  c.list({"tls-to-plain-http",
          "https:// to a server that speaks plain HTTP",
          "https://127.0.0.1:" + std::to_string(c.origin().port()) + "/tls-to-plain-http/",
          error,
          "tls",
          {},
          c.before_deadline()});
}

// A page whose body is sent in these content codings.
handler encoded(std::string codings, std::string body) {
  return always(
      http_response(200, {{"Content-Type", "text/html"}, {"Content-Encoding", std::move(codings)}},
                    std::move(body)));
}

void decompression_bombs(catalogue& c) {
  const std::string zeros(64 * 1024 * 1024, '\0');
  const std::vector<std::pair<std::string, std::string>> capped = {
      {"bytes", std::to_string(c.limits().max_body_bytes)}};
  for (const std::string coding : {"gzip", "br", "zstd"}) {
    c.serve("bomb-" + coding, "64 MB of zeros as " + coding + ", Content-Encoding: " + coding,
            encoded(coding, encode(coding, zeros)), truncated, "decoded", c.before_deadline(),
            capped);
  }
  c.serve("bomb-gzip-in-gzip", "64 MB of zeros gzipped twice, Content-Encoding: gzip, gzip",
          encoded("gzip, gzip", encode("gzip", encode("gzip", zeros))), truncated, "decoded",
          c.before_deadline(), capped);
}

void redirect_chains(catalogue& c) {
  c.serve(
      "redirect-loop", "a redirects to b, b to a",
      [](const received_request& request) {
        return http_response(302, {{"Location", step_of(request) == 1 ? "0" : "1"}}, "");
      },
      error, "redirect_loop", c.before_deadline());
  c.serve("redirect-self", "a redirect to itself", redirect_to("./"), error, "redirect_loop",
          c.before_deadline());
  c.serve(
      "redirect-chain-over", "a redirect chain without end",
      [](const received_request& request) {
        return http_response(302, {{"Location", std::to_string(step_of(request) + 1)}}, "");
      },
      error, "too_many_redirects", c.before_deadline());
  const int limit = c.limits().max_redirects;
  c.serve(
      "redirect-chain-at-limit", "exactly max_redirects redirects, then a page",
      [limit](const received_request& request) {
        const int step = step_of(request);
        if (step == limit)
          return http_response(200, {{"Content-Type", "text/html"}}, "<title>end of chain</title>");
        return http_response(302, {{"Location", std::to_string(step + 1)}}, "");
      },
      fetched, "", c.before_deadline(), {{"title", "end of chain"}});
}

void refused_targets(catalogue& c, const test_origin& refused) {
  const std::string port = std::to_string(refused.port());
  c.list({"blocked-listed",
          "the listed URL is 127.0.0.2 itself",
          "http://127.0.0.2:" + port + "/",
          error,
          "blocked_target",
          {},
          c.before_deadline()});
  // Spellings a browser reads as 127.0.0.2; the policy allows only 127.0.0.1.
  for (const auto& [name, host] :
       std::vector<std::pair<std::string, std::string>>{{"dotted", "127.0.0.2"},
                                                        {"decimal", "2130706434"},
                                                        {"hex", "0x7f.0.0.2"},
                                                        {"mapped-v6", "[::ffff:127.0.0.2]"}}) {
    const std::string target = "http://" + host + ":" + port + "/";
    c.serve("blocked-redirect-" + name, "a redirect to " + target, redirect_to(target), error,
            "blocked_target", c.before_deadline());
  }
  const std::string target = "http://127.0.0.2:" + port + "/";
  c.serve("blocked-meta-refresh", "a meta refresh to " + target,
          page("<meta http-equiv=\"refresh\" content=\"0; url=" + target + "\">"), error,
          "blocked_target", c.before_deadline());
  c.serve("blocked-refresh-header", "a Refresh header to " + target,
          always(http_response(200, {{"Content-Type", "text/html"}, {"Refresh", "0;url=" + target}},
                               "soon")),
          error, "blocked_target", c.before_deadline());
}

void pathological_pages(catalogue& c) {
  const std::size_t limit = c.limits().max_body_bytes;
  const std::string top = "<!doctype html><html><head><title>deep</title></head><body>";
  c.serve("deep-divs", "100,000 nested <div>",
          page(top + repeated("<div>", 100'000) + "Viagra at the bottom"), fetched, "",
          c.before_deadline(), {{"analysed", "1"}, {"title", "deep"}});
  c.serve("deep-tables", "33,334 nested <table><tr><td>",
          page(top + repeated("<table><tr><td>", 33'334) + "Viagra at the bottom"), fetched, "",
          c.before_deadline(), {{"analysed", "1"}, {"title", "deep"}});
  const std::string filler = "<p>filler text, filler text, filler text</p>\n";
  c.serve("page-50mb", "a 50 MB page",
          page("<html><head><title>big</title></head><body>" +
               repeated(filler, 50 * 1024 * 1024 / filler.size())),
          truncated, "max_body_bytes", c.before_deadline(),
          {{"bytes", std::to_string(limit)}, {"analysed", "1"}});
  c.serve(
      "nul-bytes", "NUL bytes in the title and the text",
      page("<html><head><title>nul\0bytes</title></head><body><p>Viagra\0\0 no\0prescription</p>"s),
      fetched, "", c.before_deadline(), {{"analysed", "1"}});
  c.serve("invalid-utf8", "declared UTF-8, with stray, overlong and surrogate byte sequences",
          page("<html><head><title>broken bytes</title></head><body><p>Viagra \xff\xfe \xc0\xaf "
               "\xed\xa0\x80 "
               "\xf8\x88\x80\x80\x80 \xe3\x81</p></body></html>"),
          fetched, "", c.before_deadline(),
          {{"analysed", "1"}, {"title", "broken bytes"}, {"drugs", "sildenafil"}});
}

void lying_charsets(catalogue& c) {
  const std::string drugs = "finasteride,sildenafil,tadalafil,vardenafil";
  c.serve("charset-lie-header", "Content-Type says UTF-8, the page is Shift_JIS",
          page(encode_as(japanese_shop(), "windows-31j"), "text/html; charset=utf-8"), fetched, "",
          c.before_deadline(),
          {{"charset", "shift_jis"}, {"charset_source", "detector"}, {"drugs", drugs}});
  c.serve("charset-lie-latin1", "Content-Type says ISO-8859-1, the page is UTF-8",
          page(japanese_shop(), "text/html; charset=ISO-8859-1"), fetched, "", c.before_deadline(),
          {{"charset", "utf-8"}, {"charset_source", "detector"}, {"drugs", drugs}});
  c.serve(
      "charset-lie-meta", "<meta charset> says ISO-8859-1, the page is EUC-JP",
      page(encode_as(japanese_shop({.head_extra = "<meta charset=\"iso-8859-1\">\n"}), "EUC-JP"),
           "text/html"),
      fetched, "", c.before_deadline(),
      {{"charset", "euc-jp"}, {"charset_source", "detector"}, {"drugs", drugs}});
}

}  // namespace

hostile_peers::hostile_peers(const hostile_limits& limits)
    : stalling_tls_(
          {.tls = make_test_pki({"localhost"}, {"127.0.0.1"}).leaf, .stall_tls_handshake = true}),
      refused_({.bind_address = "127.0.0.2"}) {
  origin_.route_below("/landing/", page("<title>landed</title>"));
  catalogue c(origin_, limits, cases_);
  malformed_status_lines(c);
  oversized_headers(c);
  header_injections(c);
  broken_chunking(c);
  lying_lengths(c);
  dropped_connections(c);
  slow_peers(c);
  c.list({"tls-stall",
          "a TLS server that never answers the ClientHello",
          stalling_tls_.url("/"),
          error,
          "timeout",
          {},
          c.read_deadline()});
  decompression_bombs(c);
  redirect_chains(c);
  refused_targets(c, refused_);
  pathological_pages(c);
  lying_charsets(c);
}

std::size_t hostile_peers::injected_requests() const {
  const auto requests = origin_.requests();
  return static_cast<std::size_t>(
      std::ranges::count_if(requests, [](const received_request& request) {
        return !request.header(injected_field).empty() ||
               request.target.find_first_of("\r\n") != std::string::npos;
      }));
}

}  // namespace geocrawl::testing
