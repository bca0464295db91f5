// Throwaway certificates made at test time, so TLS tests never depend on files that expire or on
// an `openssl` binary being installed. Nothing here is fit for anything but loopback tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace geocrawl::testing {

// A certificate and its private key, both PEM. The key is PKCS#8 ("BEGIN PRIVATE KEY").
struct tls_identity {
  std::string cert_pem;
  std::string key_pem;
};

struct test_pki {
  tls_identity ca;    // self-signed root: trust this in the client under test
  tls_identity leaf;  // signed by `ca`: serve this from the origin
};

// A fresh CA (EC P-256, CA:TRUE, keyCertSign) and a leaf signed by it for the given DNS names and
// IP addresses (subjectAltName), serverAuth EKU, valid from now-1h to now+1d. The hour of slack
// keeps a client with a slightly skewed clock from seeing "not yet valid".
//
// Each call makes a new, unrelated CA with its own key and a distinct subject name, so a client
// that trusts one call's CA rejects another call's leaf as "unable to get local issuer
// certificate" — the ordinary "signed by an unknown CA" failure.
//
// Throws std::invalid_argument for an address that is not IPv4/IPv6 text and std::runtime_error
// (with the OpenSSL error text) if OpenSSL fails.
test_pki make_test_pki(const std::vector<std::string>& dns_names,
                       const std::vector<std::string>& ip_addresses);

// Writes text to a unique file in the system temp directory and deletes it on destruction, for
// code under test that insists on a path (a CA bundle option, a config file).
class temp_file {
 public:
  // `suffix` is appended to the generated name, e.g. ".pem", for code that looks at extensions.
  explicit temp_file(std::string_view contents, std::string_view suffix = "");
  ~temp_file();

  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  temp_file(temp_file&& other) noexcept;
  temp_file& operator=(temp_file&& other) noexcept;

  const std::string& path() const noexcept { return path_; }

 private:
  void remove() noexcept;

  std::string path_;  // empty once moved from
};

}  // namespace geocrawl::testing
