#include "crawler/report/site_page_names.hpp"

#include <doctest/doctest.h>

namespace geocrawl {

namespace {

bool is_safe_name(const std::string& name) {
  if (name.empty() || name.front() == '.' || name.find("..") != std::string::npos) return false;
  for (char c : name) {
    bool allowed =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!allowed) return false;
  }
  return name.size() <= 120;
}

}  // namespace

TEST_CASE("site page names: readable, from the host and path") {
  auto name = site_page_name("https://Shop.Example.jp/ja/index.php?x=1");
  CHECK(name.starts_with("shop.example.jp_ja_index.php_x_1-"));
  CHECK(name.ends_with(".html"));
  CHECK(is_safe_name(name));
}

TEST_CASE("site page names: no URL can leave the folder or hide the file") {
  auto long_url = "https://a.example/" + std::string(5000, 'a');
  for (std::string url : {"../../etc/passwd", "https://x/../../..", "/abs/path", "..", ".hidden",
                          "https://例え.jp/\xff\xfe", "", "https://a.example/%2e%2e/%2f",
                          "C:\\Windows\\x", long_url.c_str()}) {
    INFO(url);
    CHECK(is_safe_name(site_page_name(url)));
  }
}

TEST_CASE("site page names: unique per URL, and per claim within a report") {
  CHECK(site_page_name("https://a.example/x?y") != site_page_name("https://a.example/x_y"));
  site_page_names names;
  auto first = names.claim("https://a.example/");
  auto second = names.claim("https://a.example/");
  CHECK(first != second);
  CHECK(second.ends_with("-2.html"));
  CHECK(names.claim("https://a.example/").ends_with("-3.html"));
}

}  // namespace geocrawl
