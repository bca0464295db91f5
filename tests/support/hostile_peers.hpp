// The hostile peers of issue 7 ("Hardening"): every way its requirement lists for a site to
// misbehave — malformed HTTP, headers over the limit, header injection, broken and endless
// chunking, lying Content-Length, connections dropped mid-message, a stalled TLS handshake, a
// one-byte-a-second drip, decompression bombs, redirect loops and chains, redirects to refused
// addresses, pathological pages and lying charsets — each as a site a batch crawl can list,
// with the outcome the crawl must store for it and the time its view may take.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/test_origin.hpp"

namespace geocrawl::testing {

// The [limits] the crawl meets the peers with; each case's bound follows from them.
struct hostile_limits {
  std::chrono::milliseconds view_timeout{3000};
  std::chrono::milliseconds read_timeout{
      1500};  // over a second, so a 1 byte/s drip outlasts it only as a whole
  std::size_t max_body_bytes = 1024 * 1024;
  std::size_t max_header_bytes = 16 * 1024;
  int max_redirects = 5;
};

// What a view of the site must be stored as.
enum class hostile_outcome {
  fetched,    // a response, no error, not truncated
  error,      // views.error_code is `detail`
  truncated,  // no error, views.truncated, and truncated_reason contains `detail`
};

struct hostile_case {
  std::string name;       // unique; also the path it is served under, "/<name>/"
  std::string behaviour;  // what the peer does, for a reader of the outcome table
  std::string url;        // the site as the sites file lists it
  hostile_outcome outcome;
  std::string detail;
  // Further columns of the stored view (views, plus `drugs`: the view's drugs, comma-separated
  // in order) and the text each must hold.
  std::vector<std::pair<std::string, std::string>> stored;
  std::chrono::milliseconds bound;  // views.total_ms stays below it
};

// The peers, live: one scripted origin for nearly every case, a TLS origin that never answers
// a ClientHello, and a listener on 127.0.0.2 — an address the crawl's allow_networks
// ("127.0.0.1/32") refuses — that the redirects to refused addresses point at.
class hostile_peers {
 public:
  explicit hostile_peers(const hostile_limits& limits);

  const std::vector<hostile_case>& cases() const noexcept { return cases_; }
  // Where the good sites go too: "/<name>/" paths are the cases', the rest is free.
  test_origin& origin() noexcept { return origin_; }
  // Must end with no connection: refused addresses are refused before connecting.
  const test_origin& refused() const noexcept { return refused_; }
  // Requests whose headers or target carry what an injection attempt tried to smuggle in. A
  // request split by a raw CR LF would not parse at all: its case would then not land.
  std::size_t injected_requests() const;

 private:
  test_origin origin_;
  test_origin stalling_tls_;
  test_origin refused_;
  std::vector<hostile_case> cases_;
};

}  // namespace geocrawl::testing
