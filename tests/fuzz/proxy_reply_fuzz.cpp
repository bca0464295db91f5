// The tunnel handshakes as a hostile proxy drives them: SOCKS5 (method choice, RFC 1929
// authentication, the CONNECT reply and its bound address) and HTTP CONNECT (the status
// line and headers under the header cap). The fuzz input is one control byte and then
// everything the proxy sends before it closes.
//
// Control byte: bit 0 picks the handshake (SOCKS5, CONNECT), bit 1 whether the proxy URL
// has credentials, bits 2-3 the target (IPv4, IPv6, a name), bits 4-5 how many bytes each
// read gets (all, 1, 3, 16).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "proxies/http_connect.hpp"
#include "proxies/socks5.hpp"
#include "tests/fuzz/property_check.hpp"
#include "tests/support/scripted_peer.hpp"

namespace {

using geocrawl::dial_errc;
using geocrawl::testing::require;

constexpr std::size_t read_sizes[] = {std::numeric_limits<std::size_t>::max(), 1, 3, 16};
const geocrawl::tunnel_target targets[] = {
    {"192.0.2.7", 443}, {"2001:db8::7", 443}, {"pharmacy.example", 443}, {"pharmacy.example", 80}};
const geocrawl::proxy_credentials credentials{"alice", "s3cret-Pw"};

bool is_printable_ascii(std::string_view text) {
  for (const char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto control = data[0];
  const bool use_connect = control & 1;
  const auto offered = (control & 2) ? std::optional(credentials) : std::nullopt;
  const auto& target = targets[(control >> 2) & 3];
  const std::string_view reply(reinterpret_cast<const char*>(data) + 1, size - 1);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::hours(1);
  const auto run = geocrawl::testing::run_against_peer(
      [&](auto& stream) {
        return use_connect
                   ? geocrawl::http_connect_handshake(stream, target, offered, deadline, 8192)
                   : geocrawl::socks5_handshake(stream, target, offered, deadline);
      },
      {.reply = std::string(reply), .read_size = read_sizes[(control >> 4) & 3]});
  const auto& result = run.result;

  if (result) return 0;
  const auto& failure = result.error();
  require(failure.code == dial_errc::proxy_auth || failure.code == dial_errc::proxy_refused ||
              failure.code == dial_errc::proxy_protocol,
          "a proxy's reply fails as auth, refused or protocol (no deadline can pass here)");
  require(is_printable_ascii(failure.message),
          "what the proxy sent reaches the message only as printable ASCII");
  // Unless the proxy itself sent it: a refusal quotes the proxy's reason phrase.
  require(reply.find(credentials.password) != std::string_view::npos ||
              failure.message.find(credentials.password) == std::string::npos,
          "the password is never in a message");
  return 0;
}
