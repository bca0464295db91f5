#include "crawler/domain/registrable_domain.hpp"
#include "parsers/ascii.hpp"

#include <libpsl.h>

#include <algorithm>
#include <memory>
#include <string>

namespace geocrawl {

namespace {

struct psl_deleter {
  void operator()(psl_ctx_t* context) const { psl_free(context); }
};

// Loaded once, on first use, and shared: libpsl's lookups only read the context.
const psl_ctx_t& suffix_list() {
  static const std::unique_ptr<psl_ctx_t, psl_deleter> context(
      psl_load_file(std::string(public_suffix_list_file).c_str()));
  if (!context) {
    throw public_suffix_list_error("cannot read the public suffix list " +
                                   std::string(public_suffix_list_file) +
                                   " (Debian package publicsuffix; scripts/setup.sh installs it)");
  }
  return *context;
}

// libpsl would read 127.0.0.1 as a name under the suffix "1"; an address is no domain.
bool is_ip_literal(std::string_view host) {
  if (host.find(':') != std::string_view::npos || host.starts_with('[')) return true;
  return !host.empty() &&
         std::ranges::all_of(host, [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

// A trailing dot names the same host (shop.example. is shop.example).
std::string normalised_host(std::string_view host) {
  if (host.ends_with('.')) host.remove_suffix(1);
  return ascii_lowercase(host);
}

}  // namespace

std::optional<std::string> registrable_domain(std::string_view host) {
  const auto name = normalised_host(host);
  if (name.empty() || is_ip_literal(name)) return std::nullopt;
  const char* domain = psl_registrable_domain(&suffix_list(), name.c_str());
  if (domain == nullptr) return std::nullopt;
  return std::string(domain);
}

bool is_public_suffix(std::string_view domain) {
  const auto name = normalised_host(domain);
  if (name.empty() || is_ip_literal(name)) return false;
  // Without PSL_TYPE_NO_STAR_RULE every unlisted single label (localhost) would count as a
  // suffix through the implicit "*" rule.
  return psl_is_public_suffix2(&suffix_list(), name.c_str(),
                               PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}

std::string site_identity(std::string_view host) {
  auto domain = registrable_domain(host);
  return domain ? std::move(*domain) : normalised_host(host);
}

}  // namespace geocrawl
