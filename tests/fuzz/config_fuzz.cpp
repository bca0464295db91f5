// Configuration as users write it: proxy URLs (schemes, percent-encoded credentials, IPv6
// literals, ports) and whole TOML configs with ${VAR} expansion. The first byte picks
// which (even: a proxy URL, odd: a config); the rest is the text.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crawler/config/config.hpp"
#include "proxies/proxy_url.hpp"
#include "tests/fuzz/property_check.hpp"

namespace {

using geocrawl::testing::require;

// A secret the environment holds: no error message may show it.
constexpr std::string_view secret = "Env-S3cret-Value";

std::optional<std::string> fixed_environment(std::string_view name) {
  if (name == "PROXY_PASSWORD") return std::string(secret);
  if (name == "PROXY_USER") return "alice";
  if (name == "EMPTY") return "";
  return std::nullopt;
}

// A password no message could contain by chance: only code that quotes it can put it there.
constexpr std::string_view canary_password = "Zq9CanaryPw7";

// The text with the password of its "scheme://user:password@host" put in place by the
// canary; nullopt when the text has no password there.
std::optional<std::string> with_canary_password(std::string_view text) {
  const auto authority = text.find("://");
  if (authority == std::string_view::npos) return std::nullopt;
  const auto at = text.rfind('@');
  const auto colon = text.find(':', authority + 3);
  if (at == std::string_view::npos || colon == std::string_view::npos || colon > at)
    return std::nullopt;
  std::string changed(text);
  changed.replace(colon + 1, at - colon - 1, canary_password);
  return changed;
}

void check_proxy_url(std::string_view text) {
  const auto endpoint = geocrawl::parse_proxy_url(text);
  if (!endpoint) {
    require(!endpoint.error().empty(), "a refused proxy URL says why");
  } else {
    require(endpoint->port != 0 && !endpoint->host.empty(),
            "a parsed proxy URL has a host and a port");
    // What redacted() shows, without the *** for credentials, is a proxy URL for the same place.
    auto shown = endpoint->redacted();
    if (const auto stars = shown.find("***@"); stars != std::string::npos) shown.erase(stars, 4);
    const auto again = geocrawl::parse_proxy_url(shown);
    require(again && again->scheme == endpoint->scheme && again->host == endpoint->host &&
                again->port == endpoint->port && !again->credentials,
            "redacted() without its *** parses back to the same scheme, host and port");
  }

  // A text that spells the canary out elsewhere (in its host, say) may have it quoted from
  // there, which tells nothing about the password.
  if (text.find(canary_password) != std::string_view::npos) return;
  const auto canary_text = with_canary_password(text);
  if (!canary_text) return;
  const auto with_canary = geocrawl::parse_proxy_url(*canary_text);
  if (!with_canary) {
    require(with_canary.error().find(canary_password) == std::string::npos,
            "a refused proxy URL's message does not quote its password");
  } else {
    require(with_canary->credentials && with_canary->credentials->password == canary_password,
            "the password is taken as written");
    require(with_canary->redacted().find(canary_password) == std::string::npos,
            "redacted() hides the password");
  }
}

void check_config(std::string_view text) {
  try {
    const auto config = geocrawl::parse_config(text, "fuzz.toml", fixed_environment);
    require(!config.vantages.empty(), "a config has at least one vantage");
  } catch (const geocrawl::config_error& error) {
    // Unless the file itself spells the secret out, which a message may quote.
    require(text.find(secret) != std::string_view::npos ||
                std::string_view(error.what()).find(secret) == std::string_view::npos,
            "a config error never shows a value from the environment");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    check_config(text);
  } else {
    check_proxy_url(text);
  }
  return 0;
}
