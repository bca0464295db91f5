#pragma once
// A site's identity: its registrable domain ("eTLD+1") by the public suffix list, read by
// libpsl from Debian's publicsuffix data. shop.example.co.jp and www.shop.example.co.jp are one
// site (example.co.jp); co.jp is nobody's. Cookies, "same site" in a comparison, the export's
// registrable_domain column and RDAP lookups all ask here.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace geocrawl {

// The list cannot be read: the message names the file and the package that installs it.
class public_suffix_list_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where the list is read from; the README names the package that installs it.
inline constexpr std::string_view public_suffix_list_file =
    "/usr/share/publicsuffix/public_suffix_list.dafsa";

// The registrable domain of a host name, lower-case: nullopt for a public suffix itself
// (co.jp, github.io), a single label (localhost) or an IP literal, which have none.
// Throws public_suffix_list_error when the list cannot be read.
std::optional<std::string> registrable_domain(std::string_view host);

// Whether a name is a public suffix (co.jp, github.io) under which anyone may register, so
// that no cookie may be set for it.
bool is_public_suffix(std::string_view domain);

// The identity a site is grouped by: its registrable domain, or the host itself (lower-case)
// where it has none — an IP address or a single label is its own site.
std::string site_identity(std::string_view host);

}  // namespace geocrawl
