#include "parsers/web_url.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

TEST_CASE("parse_web_url canonicalises the way a browser does") {
  struct example {
    const char* input;
    const char* canonical;
  };
  const example examples[] = {
      {"http://example.com", "http://example.com/"},
      {"HTTP://EXAMPLE.com:80/a/../b?q=1#frag", "http://example.com/b?q=1"},
      {"https://example.com:443/", "https://example.com/"},
      {"https://example.com:8443/x", "https://example.com:8443/x"},
      {"  http://example.com/a b\t\n ", "http://example.com/a%20b"},
      {"http://example.com\\path\\to", "http://example.com/path/to"},
      {"http://user:secret@example.com/", "http://example.com/"},
      {"http://2130706433/", "http://127.0.0.1/"},
      {"http://0x7f.1/", "http://127.0.0.1/"},
      {"http://0177.0.0.1/", "http://127.0.0.1/"},
      {"http://127.1/", "http://127.0.0.1/"},
      {"http://[::FFFF:127.0.0.1]/", "http://[::ffff:127.0.0.1]/"},
      {"http://bücher.example/", "http://xn--bcher-kva.example/"},
      {"http://ＥＸＡＭＰＬＥ．com/", "http://example.com/"},
      {"http://example.com/%7euser/", "http://example.com/~user/"},
      {"http://example.com/日本", "http://example.com/%E6%97%A5%E6%9C%AC"},
      {"http://example.com:/", "http://example.com/"},
  };
  for (const auto& [input, canonical] : examples) {
    const std::string shown = input;
    CAPTURE(shown);
    const auto parsed = parse_web_url(input);
    REQUIRE(parsed.has_value());
    CHECK(parsed->buffer() == canonical);
  }
}

TEST_CASE("parse_web_url rejects what a browser would not fetch") {
  const char* rejected[] = {
      "ftp://example.com/",
      "javascript:alert(1)",
      "example.com",
      "http://",
      "http://1.2.3.4.5/",
      "http://0x100000000/",
      "http://example.com:99999/",
      "http://256.1.1.1/",
      "http://exa mple.com/",
      "http://1.2.3.4.5:8080/x",
      "http://1.2.3.4.example/",
  };
  for (const auto* input : rejected) {
    const std::string shown = input;
    CAPTURE(shown);
    const auto parsed = parse_web_url(input);
    CHECK_FALSE(parsed.has_value());
    if (!parsed) CHECK_FALSE(parsed.error().empty());
  }
}

TEST_CASE("a URL the parser cannot read is refused in plain words, not the grammar's") {
  CHECK(parse_web_url("127.0.0.1:19080/x").error() ==
        "'127.0.0.1:19080/x': no scheme; did you mean http://127.0.0.1:19080/x?");
  CHECK(parse_web_url("example.com").error() ==
        "'example.com': no scheme; did you mean http://example.com?");
  CHECK(parse_web_url("http://[::1/").error() ==
        "'http://[::1/' is not a valid URL: check the host name and the port");
}

TEST_CASE("resolve_web_url resolves redirects against the current URL") {
  const auto base = parse_web_url("https://shop.example/a/b/page?x=1");
  REQUIRE(base.has_value());
  struct example {
    const char* reference;
    const char* resolved;
  };
  const example examples[] = {
      {"next", "https://shop.example/a/b/next"},
      {"../up", "https://shop.example/a/up"},
      {"/root", "https://shop.example/root"},
      {"?y=2", "https://shop.example/a/b/page?y=2"},
      {"//other.example/p", "https://other.example/p"},
      {"http://0x7f.0.0.2:8080/", "http://127.0.0.2:8080/"},
      {"/with space", "https://shop.example/with%20space"},
      {"\\\\evil.example\\x", "https://evil.example/x"},
  };
  for (const auto& [reference, resolved] : examples) {
    const std::string shown = reference;
    CAPTURE(shown);
    const auto result = resolve_web_url(*base, reference);
    REQUIRE(result.has_value());
    CHECK(result->buffer() == resolved);
  }
  CHECK_FALSE(resolve_web_url(*base, "mailto:a@b.example").has_value());
}

TEST_CASE("connect_host and connect_port give what the dialer needs") {
  const auto v6 = parse_web_url("https://[2001:db8::1]/");
  REQUIRE(v6.has_value());
  CHECK(connect_host(*v6) == "2001:db8::1");
  CHECK(connect_port(*v6) == 443);
  const auto named = parse_web_url("http://example.com:8080/");
  REQUIRE(named.has_value());
  CHECK(connect_host(*named) == "example.com");
  CHECK(connect_port(*named) == 8080);
}

}  // namespace geocrawl
