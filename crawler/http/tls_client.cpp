#include "crawler/http/tls_client.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>

#include "crawler/http/fetch_error.hpp"
#include "crawler/view/sha256.hpp"
#include "parsers/ascii.hpp"

namespace geocrawl {

namespace asio = boost::asio;

namespace {

std::string name_text(const X509_NAME* name) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string time_text(const ASN1_TIME* time) {
  std::tm parts{};
  if (ASN1_TIME_to_tm(time, &parts) != 1) return "";
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

// The subjectAltName's DNS names, as the certificate lists them, lower-cased (DNS names are
// case-blind); IP addresses and other name types are left out.
void read_dns_names(X509* cert, tls_summary& summary) {
  using names_ptr = std::unique_ptr<GENERAL_NAMES, decltype(&GENERAL_NAMES_free)>;
  const names_ptr names(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)),
      &GENERAL_NAMES_free);
  if (!names) return;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
    if (name->type != GEN_DNS) continue;
    const ASN1_IA5STRING* text = name->d.dNSName;
    std::string dns(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                    static_cast<std::size_t>(ASN1_STRING_length(text)));
    ++summary.dns_name_count;
    // A DNS name is letters, digits, hyphens and dots (a wildcard's '*', a service's '_'):
    // anything else is a hostile or broken certificate's, kept out of the evidence.
    const bool plain = !dns.empty() && std::all_of(dns.begin(), dns.end(), [](char c) {
      return is_ascii_alpha(c) || is_ascii_digit(c) || c == '-' || c == '.' || c == '*' || c == '_';
    });
    if (plain && summary.dns_names.size() < max_certificate_names)
      summary.dns_names.push_back(ascii_lowercase(dns));
  }
}

void describe_certificate(SSL* ssl, tls_summary& summary) {
  summary.version = SSL_get_version(ssl);
  summary.cipher = SSL_get_cipher_name(ssl);
  std::unique_ptr<X509, decltype(&X509_free)> cert(SSL_get1_peer_certificate(ssl), &X509_free);
  if (!cert) return;
  summary.subject = name_text(X509_get_subject_name(cert.get()));
  summary.issuer = name_text(X509_get_issuer_name(cert.get()));
  summary.not_before = time_text(X509_get0_notBefore(cert.get()));
  summary.not_after = time_text(X509_get0_notAfter(cert.get()));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  X509_digest(cert.get(), EVP_sha256(), digest, &length);
  static constexpr char hex_digits[] = "0123456789abcdef";
  for (unsigned int i = 0; i < length; ++i) {
    summary.sha256_fingerprint += hex_digits[digest[i] >> 4];
    summary.sha256_fingerprint += hex_digits[digest[i] & 0xf];
  }
  // The key outlives the certificate: a network renews certificates for every domain and
  // keeps its key, so the SubjectPublicKeyInfo's hash (HPKP's pin) links where the
  // certificate's own hash does not.
  unsigned char* spki = nullptr;
  const int spki_length = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert.get()), &spki);
  if (spki_length > 0) {
    summary.spki_sha256 = sha256_hex(std::string_view(reinterpret_cast<const char*>(spki),
                                                      static_cast<std::size_t>(spki_length)));
  }
  OPENSSL_free(spki);
  read_dns_names(cert.get(), summary);
}

}  // namespace

asio::ssl::context make_tls_context(const tls_settings& settings) {
  asio::ssl::context context(asio::ssl::context::tls_client);
  context.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                      asio::ssl::context::no_sslv3);
  context.set_default_verify_paths();
  if (!settings.ca_file.empty()) {
    boost::system::error_code ec;
    context.load_verify_file(settings.ca_file, ec);
    if (ec)
      throw std::runtime_error("cannot load tls.ca_file '" + settings.ca_file +
                               "': " + ec.message());
  }
  return context;
}

std::string peer_chain_pem(SSL* ssl) {
  // SSL_get_peer_cert_chain includes the leaf on the client side; the stack stays the
  // connection's.
  const STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl);
  if (chain == nullptr) return "";
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  for (int i = 0; i < sk_X509_num(chain); ++i) {
    PEM_write_bio_X509(bio.get(), sk_X509_value(chain, i));
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

template <class Stream>
asio::awaitable<tls_result> tls_handshake(Stream& stream, const std::string& host,
                                          bool enforce_verification,
                                          std::chrono::steady_clock::time_point deadline) {
  boost::system::error_code not_an_address;
  asio::ip::make_address(host, not_an_address);
  if (not_an_address && !SSL_set_tlsext_host_name(stream.native_handle(), host.c_str())) {
    co_return make_view_error(fetch_errc::tls, "cannot set SNI host name " + host);
  }

  // The callback sees every certificate of the chain; the first complaint is the one
  // that explains the failure.
  std::string verify_error;
  stream.set_verify_mode(asio::ssl::verify_peer);
  stream.set_verify_callback([&verify_error, &host, enforce_verification,
                              check_host = asio::ssl::host_name_verification(host)](
                                 bool preverified, asio::ssl::verify_context& context) mutable {
    const bool ok = check_host(preverified, context);
    if (!ok && verify_error.empty()) {
      X509_STORE_CTX* store = context.native_handle();
      const int code = X509_STORE_CTX_get_error(store);
      verify_error = code != X509_V_OK
                         ? std::string(X509_verify_cert_error_string(code)) + " (chain depth " +
                               std::to_string(X509_STORE_CTX_get_error_depth(store)) + ")"
                         : "certificate does not match host " + host;
    }
    return ok || !enforce_verification;
  });

  boost::beast::get_lowest_layer(stream).expires_at(deadline);
  auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::client,
                                              asio::as_tuple(asio::use_awaitable));
  boost::beast::get_lowest_layer(stream).expires_never();
  if (ec == boost::beast::error::timeout) {
    co_return make_view_error(fetch_errc::timeout, "TLS handshake with " + host + " timed out");
  }
  if (ec && !verify_error.empty()) {
    // The fix is in the config, so the message names the key: a lab or intranet site is
    // often signed by a CA of its own.
    co_return make_view_error(fetch_errc::tls,
                              "TLS handshake with " + host + " failed: " + verify_error +
                                  "; to trust a private CA, set tls.ca_file in the config");
  }
  if (ec) {
    co_return make_view_error(fetch_errc::tls,
                              "TLS handshake with " + host + " failed: " + ec.message());
  }
  tls_summary summary;
  describe_certificate(stream.native_handle(), summary);
  summary.verified = verify_error.empty();
  summary.verify_error = verify_error;
  co_return summary;
}

template asio::awaitable<tls_result> tls_handshake<tls_stream>(
    tls_stream&, const std::string&, bool, std::chrono::steady_clock::time_point);
template asio::awaitable<tls_result> tls_handshake<tunneled_tls_stream>(
    tunneled_tls_stream&, const std::string&, bool, std::chrono::steady_clock::time_point);

}  // namespace geocrawl
