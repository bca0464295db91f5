#include "crawler/batch/site_url.hpp"

#include <doctest/doctest.h>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {

TEST_CASE("a URL in a sites file becomes its canonical form without the fragment") {
  struct example {
    const char* text;
    const char* url;
  };
  const example examples[] = {
      {"http://example.com", "http://example.com/"},
      {"HTTP://Example.com:80/", "http://example.com/"},
      {"https://example.com:443/a/../b?q=1", "https://example.com/b?q=1"},
      {"https://shop.example/#top", "https://shop.example/"},
      {"https://shop.example/p?x=1#a", "https://shop.example/p?x=1"},
      {"  https://shop.example/  ", "https://shop.example/"},
      {"https://Example.COM./x", "https://example.com/x"},
      {"http://bücher.example/", "http://xn--bcher-kva.example/"},
      {"http://localhost:8080/", "http://localhost:8080/"},
      {"http://intranet/", "http://intranet/"},
      {"http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"},
      {"http://[::1]:8080/", "http://[::1]:8080/"},
      {"https://example.com/@user", "https://example.com/@user"},
      {"https://example.com/?next=a@b", "https://example.com/?next=a@b"},
      {"https://sub_domain.example/", "https://sub_domain.example/"},
  };
  for (const auto& [text, url] : examples) {
    CAPTURE_BINDING(text);
    const auto site = parse_site_url(text);
    REQUIRE_MESSAGE(site.has_value(), site.error());
    CHECK(site->url == url);
    CHECK(site->fallback_url.empty());
  }
}

TEST_CASE("a bare domain is tried with https and then http with the same port and path and query") {
  struct example {
    const char* text;
    const char* url;
    const char* fallback_url;
  };
  const example examples[] = {
      {"example.com", "https://example.com/", "http://example.com/"},
      {"Example.COM.", "https://example.com/", "http://example.com/"},
      {"bücher.example", "https://xn--bcher-kva.example/", "http://xn--bcher-kva.example/"},
      {"ＥＸＡＭＰＬＥ．com", "https://example.com/", "http://example.com/"},
      {"example.com/path?q=1", "https://example.com/path?q=1", "http://example.com/path?q=1"},
      {"example.com/a#frag", "https://example.com/a", "http://example.com/a"},
      {"example.com:8443", "https://example.com:8443/", "http://example.com:8443/"},
      {"example.com:443/x", "https://example.com/x", "http://example.com:443/x"},
      {"127.0.0.1:8080", "https://127.0.0.1:8080/", "http://127.0.0.1:8080/"},
      {"127.0.0.2", "https://127.0.0.2/", "http://127.0.0.2/"},
      {"localhost:8080", "https://localhost:8080/", "http://localhost:8080/"},
      {"[::1]:8443", "https://[::1]:8443/", "http://[::1]:8443/"},
  };
  for (const auto& [text, url, fallback_url] : examples) {
    CAPTURE_BINDING(text);
    const auto site = parse_site_url(text);
    REQUIRE_MESSAGE(site.has_value(), site.error());
    CHECK(site->url == url);
    CHECK(site->fallback_url == fallback_url);
  }
}

TEST_CASE("what cannot be crawled is refused with a message that says why") {
  struct example {
    const char* text;
    const char* says;
  };
  const example examples[] = {
      {"", "no URL"},
      {"ftp://example.com/", "'ftp:' URLs are not crawled"},
      {"javascript:alert(1)", "'javascript:' URLs are not crawled"},
      {"mailto:abuse@example.com", "'***@example.com' has a user name or password before '@'"},
      {"tel:+81-3-1234-5678", "'tel:' URLs are not crawled"},
      {"file:///etc/passwd", "'file:' URLs are not crawled"},
      {"https://exa mple.com/", "contains a space"},
      {"example.com # the shop", "contains a space"},
      {"https://example.com/\x01", "'https://example.com/\\x01' contains a control character"},
      {"example.com\tlabel", "contains a control character"},
      {"example", "is neither a URL nor a domain name"},
      {"url", "is neither a URL nor a domain name"},
      {"example.com,shop", "does not name a valid host"},
      {"https://a..b.example/", "does not name a valid host"},
      {"example.com:99999", "out of range"},
      {"http://256.1.1.1/", "is not a valid one"},
      {"http://", "no host"},
      {"http:/example.com", "no host"},
  };
  for (const auto& [text, says] : examples) {
    CAPTURE_BINDING(text);
    const auto site = parse_site_url(text);
    REQUIRE_FALSE(site.has_value());
    CHECK_MESSAGE(site.error().find(says) != std::string::npos, site.error());
  }
}

TEST_CASE("user info is refused and the password is not repeated") {
  const std::string long_path =
      "this-path-makes-the-text-longer-than-what-a-message-quotes-in-full";
  const std::string with_credentials[] = {
      "https://alice:s3cret@example.com/",
      "http://alice:s3cret@127.0.0.1:8080/",
      "alice:s3cret@example.com",
      "https://alice:s3cr#et@example.com/",
      "https://a:b@c:s3cret@example.com/",
      "ftp://alice:s3cret@example.com/",
      "//alice:s3cret@example.com/" + long_path,
  };
  for (const std::string& text : with_credentials) {
    CAPTURE(text);
    const auto site = parse_site_url(text);
    REQUIRE_FALSE(site.has_value());
    CHECK(site.error().find("s3cr") == std::string::npos);
    CHECK(site.error().find("alice") == std::string::npos);
  }
  CHECK(parse_site_url("https://alice:s3cret@example.com/x").error() ==
        "'https://***@example.com/x' has a user name or password before '@': credentials do not "
        "belong in a sites file");
}

TEST_CASE("a message quotes at most 80 characters of a long line") {
  const auto long_path = "https://example.com/" + std::string(200, 'a') + " b";
  const auto site = parse_site_url(long_path);
  REQUIRE_FALSE(site.has_value());
  CHECK(site.error() == "'https://example.com/" + std::string(60, 'a') +
                            "…' contains a space (a URL writes it as %20)");

  const auto long_host = std::string(100, 'x') + ".example:99999";
  const auto bad_port = parse_site_url(long_host);
  REQUIRE_FALSE(bad_port.has_value());
  CHECK(bad_port.error() == "'" + std::string(80, 'x') + "…' is not a valid URL");

  const auto long_japanese = std::string("example.com/") + [] {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "日";
    return text;
  }() + "\x7f";
  const auto japanese = parse_site_url(long_japanese);
  REQUIRE_FALSE(japanese.has_value());
  CHECK(japanese.error().starts_with("'example.com/日日"));
  CHECK(japanese.error().find("日…'") != std::string::npos);
}

}  // namespace geocrawl
