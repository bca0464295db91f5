#pragma once
// What one vantage saw of one URL: the evidence record that is printed, compared and
// stored, with what the page analysis read in it. Plain data, so the store, the reports
// and the comparison need no network headers.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crawler/view/favicon_fetch.hpp"
#include "crawler/view/redirect_kind.hpp"
#include "crawler/view/rendered_page.hpp"
#include "crawler/view/view_error.hpp"
#include "parsers/page_analysis.hpp"

namespace geocrawl {

struct redirect_hop {
  std::string url;
  int status = 0;                     // the status this URL answered with
  std::optional<redirect_kind> next;  // how the chain went on from it; none for the last
};

struct tls_summary {
  std::string version;  // "TLSv1.3"
  std::string cipher;
  std::string subject;
  std::string issuer;
  std::string not_before;
  std::string not_after;
  std::string sha256_fingerprint;  // of the leaf certificate, hex
  bool verified = false;
  std::string verify_error;  // why verification failed, also when tls.verify is off
  // The chain as the server sent it, PEM, leaf first; only when the command writes WARC.
  std::string chain_pem;
  // SHA-256 of the leaf's SubjectPublicKeyInfo (DER), hex: the key, which outlives renewals.
  // Not a column of views: stored as the view's cert_spki identifier (view_identifiers).
  std::string spki_sha256;
  // The leaf's subjectAltName DNS names, lower case, in the certificate's order, at most
  // max_certificate_names of them; `dns_name_count` is how many it had (more: the list is cut).
  // One operator's certificate names its shops: a name covering another site links the two.
  std::vector<std::string> dns_names;
  std::size_t dns_name_count = 0;
};

// A CA issues at most 100 names a certificate (Let's Encrypt's limit, the CA/B Forum's usual);
// a hostile one with thousands costs no more than this.
inline constexpr std::size_t max_certificate_names = 100;

struct view_timings {
  std::chrono::milliseconds dns{0};         // of the final hop
  std::chrono::milliseconds connect{0};     // of the final hop
  std::chrono::milliseconds tls{0};         // of the final hop
  std::chrono::milliseconds first_byte{0};  // request sent to response headers read, final hop
  std::chrono::milliseconds total{0};       // the whole view, every hop included
};

using header_list = std::vector<std::pair<std::string, std::string>>;

// One hop's bytes as they crossed the connection (after TLS, before HTTP parsing), kept only
// when the command writes WARC: the archive holds what was sent and received, not what
// geocrawl made of it.
struct hop_capture {
  std::string target_uri;
  std::string ip_address;  // the address connected to, when direct; empty through a proxy
  std::string sent_at;     // UTC, ISO 8601: when the request went out
  // As sent, less Proxy-Authorization: a proxy's credentials are never written anywhere.
  std::string request;
  // Status line, headers and body with its content and transfer codings as they came, any
  // interim (1xx) responses first; at most the header cap plus limits.max_body_bytes.
  std::string response;
  // The response was cut: the cap, the view's deadline, an error or a followed redirect's
  // body left unread. The record says so (WARC-Truncated).
  bool response_complete = false;
};

struct view {
  std::string vantage;
  std::string proxy;         // empty for a direct fetch
  std::string exit_ip;       // the address the target saw us come from, when known
  std::string exit_country;  // ISO 3166-1 alpha-2, when known
  std::string exit_geoip;    // the GeoIP database build(s) that placed exit_ip there
  // Why the exit country is not known for a direct view ("no [verify] echo_url is
  // configured"); empty when it was verified, and for a proxied view.
  std::string exit_unverified;
  // The exit check this view relied on: when it was made (UTC, ISO 8601; empty when no check
  // placed the exit), how old it was when the view started, and — once stored — its
  // proxy_checks row. An analyst can say which check vouched for the exit, and how fresh it was.
  std::string exit_checked_at;
  std::optional<std::chrono::milliseconds> exit_check_age;
  std::optional<std::int64_t> exit_check_id;
  // The exit moved to another country while this view was served (a re-check during the run
  // or the per-site echo after it saw another country): the view's country is not evidence.
  bool exit_changed = false;
  std::string requested_url;
  std::string final_url;
  std::string peer_address;  // the address connected to for the final hop: the proxy's when proxied
  int status = 0;            // 0 when no response was received
  std::vector<redirect_hop> redirects;  // every response of the chain, final one last
  header_list response_headers;         // of the final response, in wire order
  std::string content_type;
  std::string content_encoding;
  std::string body;              // decoded, at most limits.max_body_bytes
  std::uint64_t wire_bytes = 0;  // body bytes as received, before decoding
  bool truncated = false;
  std::string truncated_reason;       // why the body was cut short
  std::string sha256;                 // of body, hex
  std::optional<tls_summary> tls;     // for https final hops
  std::vector<hop_capture> captures;  // one per hop when the command writes WARC, else none
  // Where the view's WARC records begin: the file's path and the offset of the first record's
  // gzip member. Empty when none were written.
  std::string warc_file;
  std::uint64_t warc_offset = 0;
  view_timings timings;
  std::string fetched_at;  // UTC, ISO 8601
  std::optional<view_error> error;
  std::optional<page_analysis> analysis;  // for a response with a readable body
  // For a vantage with render = true: what headless Chromium made of the same URL through the
  // same exit. The fields above stay the served HTML.
  std::optional<rendered_page> rendered;
  // The site's favicon, on the one view (the first that succeeded) whose vantage fetched it.
  std::optional<favicon_fetch> favicon;
};

}  // namespace geocrawl
