#include "tests/support/test_pki.hpp"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace geocrawl::testing {
namespace {

template <auto free_fn>
struct openssl_free {
  template <class T>
  void operator()(T* p) const noexcept {
    free_fn(p);
  }
};
template <class T, auto free_fn>
using openssl_ptr = std::unique_ptr<T, openssl_free<free_fn>>;

using bio_ptr = openssl_ptr<BIO, BIO_free_all>;
using bignum_ptr = openssl_ptr<BIGNUM, BN_free>;
using extension_ptr = openssl_ptr<X509_EXTENSION, X509_EXTENSION_free>;
using general_name_ptr = openssl_ptr<GENERAL_NAME, GENERAL_NAME_free>;
using general_names_ptr = openssl_ptr<GENERAL_NAMES, GENERAL_NAMES_free>;
using ia5_string_ptr = openssl_ptr<ASN1_IA5STRING, ASN1_IA5STRING_free>;
using octet_string_ptr = openssl_ptr<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using pkey_ptr = openssl_ptr<EVP_PKEY, EVP_PKEY_free>;
using x509_ptr = openssl_ptr<X509, X509_free>;

constexpr long seconds_per_hour = 60L * 60L;
constexpr long seconds_per_day = 24L * seconds_per_hour;

[[noreturn]] void throw_openssl(std::string_view what) {
  std::string message = "make_test_pki: ";
  message += what;
  // Drain the whole queue so a later, unrelated failure does not report this one's leftovers.
  while (const unsigned long code = ERR_get_error()) {
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    message += ": ";
    message += text;
  }
  throw std::runtime_error(message);
}

void check(int result, std::string_view what) {
  if (result <= 0) throw_openssl(what);
}

template <class T>
T* check(T* result, std::string_view what) {
  if (result == nullptr) throw_openssl(what);
  return result;
}

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  check(RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)),
        "RAND_bytes");
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  for (const unsigned char c : raw) {
    hex += digits[c >> 4];
    hex += digits[c & 0x0f];
  }
  return hex;
}

pkey_ptr make_p256_key() { return pkey_ptr(check(EVP_EC_gen("P-256"), "EVP_EC_gen(P-256)")); }

void add_name_entry(X509_NAME* name, const char* field, const std::string& value) {
  check(
      X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0),
      "X509_NAME_add_entry_by_txt");
}

// Everything both certificates share: version, a random serial (so two leaves never collide in a
// client's session cache), subject, validity window and public key. Issuer and extensions differ.
x509_ptr make_unsigned_certificate(EVP_PKEY* key, const std::string& common_name) {
  x509_ptr cert(check(X509_new(), "X509_new"));
  check(X509_set_version(cert.get(), X509_VERSION_3), "X509_set_version");

  bignum_ptr serial(check(BN_new(), "BN_new"));
  // Below 2^63 keeps the DER INTEGER positive and within 8 bytes; odd keeps it non-zero.
  check(BN_rand(serial.get(), 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ODD), "BN_rand");
  check(BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())), "BN_to_ASN1_INTEGER");

  X509_NAME* subject = X509_get_subject_name(cert.get());
  add_name_entry(subject, "O", "geocrawl tests");
  add_name_entry(subject, "CN", common_name);

  check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -seconds_per_hour) != nullptr ? 1 : 0,
        "X509_gmtime_adj(notBefore)");
  check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), seconds_per_day) != nullptr ? 1 : 0,
        "X509_gmtime_adj(notAfter)");
  check(X509_set_pubkey(cert.get(), key), "X509_set_pubkey");
  return cert;
}

// Adds an extension written in openssl.cnf syntax ("critical,CA:TRUE"). The context needs the
// issuer because authorityKeyIdentifier is copied from the issuer's subjectKeyIdentifier.
void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  extension_ptr extension(
      check(X509V3_EXT_nconf_nid(nullptr, &context, nid, value), "X509V3_EXT_nconf_nid"));
  check(X509_add_ext(cert, extension.get(), -1), "X509_add_ext");
}

// subjectAltName is built from GENERAL_NAME values rather than a "DNS:a,IP:b" config string, so a
// name containing a comma cannot be misparsed into two entries.
void add_subject_alt_names(X509* cert, const std::vector<std::string>& dns_names,
                           std::vector<octet_string_ptr> ip_addresses) {
  if (dns_names.empty() && ip_addresses.empty()) return;
  general_names_ptr names(check(sk_GENERAL_NAME_new_null(), "sk_GENERAL_NAME_new_null"));
  auto push = [&](int type, void* value) {
    general_name_ptr name(check(GENERAL_NAME_new(), "GENERAL_NAME_new"));
    GENERAL_NAME_set0_value(name.get(), type, value);  // takes ownership of value
    check(sk_GENERAL_NAME_push(names.get(), name.get()), "sk_GENERAL_NAME_push");
    name.release();  // now owned by the stack
  };
  for (const std::string& dns_name : dns_names) {
    ia5_string_ptr text(check(ASN1_IA5STRING_new(), "ASN1_IA5STRING_new"));
    check(ASN1_STRING_set(text.get(), dns_name.data(), static_cast<int>(dns_name.size())),
          "ASN1_STRING_set");
    push(GEN_DNS, text.release());
  }
  for (octet_string_ptr& address : ip_addresses) push(GEN_IPADD, address.release());
  check(X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT),
        "X509_add1_ext_i2d(subjectAltName)");
}

template <class Write>
std::string to_pem(Write write) {
  bio_ptr bio(check(BIO_new(BIO_s_mem()), "BIO_new"));
  check(write(bio.get()), "PEM_write_bio");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

tls_identity to_identity(X509* cert, EVP_PKEY* key) {
  return tls_identity{
      .cert_pem = to_pem([&](BIO* bio) { return PEM_write_bio_X509(bio, cert); }),
      .key_pem = to_pem([&](BIO* bio) {
        return PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
      }),
  };
}

}  // namespace

test_pki make_test_pki(const std::vector<std::string>& dns_names,
                       const std::vector<std::string>& ip_addresses) {
  // Parse the addresses first: a typo in a test should read as invalid_argument, not as an
  // OpenSSL failure halfway through building the leaf.
  std::vector<octet_string_ptr> parsed_addresses;
  for (const std::string& address : ip_addresses) {
    octet_string_ptr parsed(a2i_IPADDRESS(address.c_str()));
    if (!parsed) {
      ERR_clear_error();
      throw std::invalid_argument("make_test_pki: not an IP address: " + address);
    }
    parsed_addresses.push_back(std::move(parsed));
  }

  // A random suffix in the CA's name makes every call's CA distinct by name as well as by key.
  pkey_ptr ca_key = make_p256_key();
  x509_ptr ca = make_unsigned_certificate(ca_key.get(), "geocrawl test CA " + random_hex(8));
  check(X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get())), "X509_set_issuer_name");
  add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  check(X509_sign(ca.get(), ca_key.get(), EVP_sha256()), "X509_sign(CA)");

  const std::string leaf_name = !dns_names.empty()      ? dns_names.front()
                                : !ip_addresses.empty() ? ip_addresses.front()
                                                        : std::string("geocrawl test leaf");
  pkey_ptr leaf_key = make_p256_key();
  x509_ptr leaf = make_unsigned_certificate(leaf_key.get(), leaf_name);
  check(X509_set_issuer_name(leaf.get(), X509_get_subject_name(ca.get())), "X509_set_issuer_name");
  add_extension(leaf.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(leaf.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
  add_extension(leaf.get(), ca.get(), NID_ext_key_usage, "serverAuth");
  add_extension(leaf.get(), ca.get(), NID_subject_key_identifier, "hash");
  add_extension(leaf.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
  add_subject_alt_names(leaf.get(), dns_names, std::move(parsed_addresses));
  check(X509_sign(leaf.get(), ca_key.get(), EVP_sha256()), "X509_sign(leaf)");

  return test_pki{
      .ca = to_identity(ca.get(), ca_key.get()),
      .leaf = to_identity(leaf.get(), leaf_key.get()),
  };
}

temp_file::temp_file(std::string_view contents, std::string_view suffix) {
  std::string pattern = (std::filesystem::temp_directory_path() / "geocrawl-test-XXXXXX").string();
  pattern += suffix;
  // mkstemps creates the file with O_EXCL, so parallel test runs cannot pick the same name.
  const int fd = ::mkstemps(pattern.data(), static_cast<int>(suffix.size()));
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "temp_file: mkstemps");
  path_ = std::move(pattern);

  while (!contents.empty()) {
    const ssize_t written = ::write(fd, contents.data(), contents.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) {
      const int error = errno;
      ::close(fd);
      remove();
      throw std::system_error(error, std::generic_category(), "temp_file: write");
    }
    contents.remove_prefix(static_cast<std::size_t>(written));
  }
  if (::close(fd) != 0) {
    const int error = errno;
    remove();
    throw std::system_error(error, std::generic_category(), "temp_file: close");
  }
}

temp_file::~temp_file() { remove(); }

temp_file::temp_file(temp_file&& other) noexcept : path_(std::exchange(other.path_, {})) {}

temp_file& temp_file::operator=(temp_file&& other) noexcept {
  if (this != &other) {
    remove();
    path_ = std::exchange(other.path_, {});
  }
  return *this;
}

void temp_file::remove() noexcept {
  if (path_.empty()) return;
  std::error_code ignored;  // a test that already deleted the file is not an error
  std::filesystem::remove(path_, ignored);
  path_.clear();
}

}  // namespace geocrawl::testing
