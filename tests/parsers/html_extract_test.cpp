#include "parsers/html_extract.hpp"

#include <doctest/doctest.h>
#include <pthread.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/support/capture_binding.hpp"

namespace geocrawl {
namespace {

constexpr std::string_view page_url = "https://shop.example/dir/page.html";

page_extract extract(std::string_view html, const extract_limits& limits = {}) {
  return extract_page(html, page_url, limits);
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

TEST_CASE("visible text leaves out what a browser does not render") {
  struct example {
    std::string_view html;
    std::string_view text;
  };
  const example examples[] = {
      {"<head><title>T</title><style>p{color:red}</style><script>var a = 1;</script></head>shown",
       "shown"},
      {"a<!-- a comment -->b", "ab"},
      {"<body><noscript>enable scripts</noscript>shown", "shown"},
      {"<template><p>inert</p></template>shown", "shown"},
      {"<input type=hidden name=token value=secret>shown", "shown"},
      {"<iframe>fallback markup</iframe>shown", "shown"},
      {"<select><option>one<option>two</select>", "one\ntwo"},
      {"<datalist><option>hint</datalist>shown", "shown"},
      {"<svg><style>.a{}</style><text>drawn</text></svg>", "drawn"},
  };
  for (const auto& [html, text] : examples) {
    CAPTURE_BINDING(html);
    CHECK(extract(html).text == text);
  }
}

TEST_CASE("block elements separate words, inline elements do not") {
  struct example {
    std::string_view html;
    std::string_view text;
  };
  const example examples[] = {
      {"<p>a</p><p>b</p>", "a\nb"},
      {"<b>Via</b>gra", "Viagra"},
      {"<span>Cia</span><i>lis</i> <em>now</em>", "Cialis now"},
      {"a<br>b", "a\nb"},
      {"<ul><li>one</li><li>two</li></ul>", "one\ntwo"},
      {"<h1>Title</h1>body", "Title\nbody"},
      {"<table><tr><td>10 pills</td><td>$30</td></tr></table>", "10 pills\n$30"},
      {"<div><div><p>deep</p></div></div><section>next</section>", "deep\nnext"},
      {"  spaced \n\t out  ", "spaced out"},
      {"<p>  a  </p>  <p>  b  </p>", "a\nb"},
      {"buy<img src=x.png>now", "buy now"},
      {"<button>Buy</button><button>Now</button>", "Buy Now"},
      {"<form><input type=submit value='Add to cart'></form>", "Add to cart"},
      {"a&amp;b &lt;c&gt;", "a&b <c>"},
  };
  for (const auto& [html, text] : examples) {
    CAPTURE_BINDING(html);
    CHECK(extract(html).text == text);
  }
}

TEST_CASE("title, language, description and canonical URL") {
  const auto page = extract(
      "<html lang=' ja '><head><title>\n Cheap   pills </title><title>second</title>"
      "<meta name=Description content=' Buy  now '><meta name=description content=later>"
      "<link rel='alternate Canonical' "
      "href='/products/?a=1'></head><body><svg><title>icon</title></svg>");
  CHECK(page.title == "Cheap pills");
  CHECK(page.lang == "ja");
  CHECK(page.meta_description == "Buy now");
  CHECK(page.canonical == "https://shop.example/products/?a=1");
  CHECK_FALSE(page.truncated);

  CHECK(extract("<svg><title>icon</title></svg><title>page</title>").title == "page");
  CHECK(extract("<link rel=canonical href='javascript:alert(1)'>").canonical.empty());
  CHECK(extract("no head at all").title.empty());
}

TEST_CASE("the page's icon: rel=icon or shortcut icon first, else apple-touch-icon, resolved") {
  CHECK(extract("<link rel=icon href='/img/fav.png'>").icon == "https://shop.example/img/fav.png");
  CHECK(extract("<link rel='Shortcut Icon' href=' fav.ico '>").icon ==
        "https://shop.example/dir/fav.ico");
  // An icon after a touch icon still wins; the first of each kind is kept.
  CHECK(extract("<link rel=apple-touch-icon href='/touch.png'><link rel=icon href='//cdn.example/"
                "a.ico'><link rel=icon href='/b.ico'>")
            .icon == "https://cdn.example/a.ico");
  CHECK(extract("<link rel=apple-touch-icon-precomposed href='/touch.png'>").icon ==
        "https://shop.example/touch.png");
  // What resolves to nothing fetchable is passed over for the next.
  CHECK(extract("<link rel=icon href='javascript:alert(1)'><link rel=icon href='/ok.ico'>").icon ==
        "https://shop.example/ok.ico");
  CHECK(extract("<link rel=icon href=''><link rel=mask-icon href='/mask.svg'>").icon.empty());
  CHECK(extract("<link rel=stylesheet href='/a.css'>").icon.empty());
  // A <base> before it counts, as for every relative URL.
  CHECK(extract("<base href='https://cdn.example/b/'><link rel=icon href='i.ico'>").icon ==
        "https://cdn.example/b/i.ico");
}

TEST_CASE("links are counted and their hosts off the page's host collected") {
  struct example {
    std::string_view href;
    std::string_view external_host;  // "" when the link stays on the page's host or is ignored
  };
  const example examples[] = {
      {"/relative", ""},
      {"relative/path", ""},
      {"?q=viagra", ""},
      {"#top", ""},
      {"https://shop.example/other", ""},
      {"https:same-host-path", ""},  // a relative reference for a special scheme
      {"HTTPS://Other.Example:443/a", "other.example"},
      {"//cdn.example/img.png", "cdn.example"},
      {"  https://padded.example/  ", "padded.example"},
      {"\\\\backslash.example\\x", "backslash.example"},
      {"http://bücher.example/", "xn--bcher-kva.example"},
      {"http://0x7f.1/", "127.0.0.1"},
      {"http://[::1]:8080/", "[::1]"},
      {"http://user:secret@credentials.example/", "credentials.example"},
      {"mailto:sales@shop.example", ""},
      {"javascript:void(0)", ""},
      {"tel:+81-3-0000", ""},
      {"ftp://files.example/", ""},
      {"http://1.2.3.4.5/", ""},
      {"http://exa mple.com/", ""},
  };
  for (const auto& [href, host] : examples) {
    CAPTURE_BINDING(href);
    const auto page = extract("<a href=\"" + std::string(href) + "\">x</a>");
    CHECK(page.link_count == 1);
    if (host.empty()) {
      CHECK(page.external_hosts.empty());
    } else {
      REQUIRE(page.external_hosts.size() == 1);
      CHECK(page.external_hosts[0] == host);
    }
  }

  const auto page = extract(
      "<a href='https://b.example/1'>1</a><a href='https://a.example/'>2</a><a "
      "href='http://b.example/2'>3</a>"
      "<a>no href</a><area href='https://area.example/'><a href='https://a.example:8443/'>4</a>");
  CHECK(page.link_count == 4);
  CHECK(page.external_hosts == std::vector<std::string>{"a.example", "b.example"});
}

TEST_CASE("a <base href> changes what relative URLs resolve to") {
  const auto page = extract(
      "<base href='https://cdn.example/base/'><base href='https://ignored.example/'>"
      "<a href='rel'>r</a><link rel=canonical href='canon'><form action='post'></form>");
  CHECK(page.external_hosts == std::vector<std::string>{"cdn.example"});
  CHECK(page.canonical == "https://cdn.example/base/canon");
  REQUIRE(page.forms.size() == 1);
  CHECK(page.forms[0].action == "https://cdn.example/base/post");
}

TEST_CASE("forms: action, method and whether they look like a checkout") {
  struct example {
    std::string_view html;
    std::string_view action;
    std::string_view method;
    bool checkout;
  };
  const example examples[] = {
      {"<form action='/cart/add' method=POST><input name=product value=1></form>",
       "https://shop.example/cart/add", "post", true},
      {"<form action='checkout.php'></form>", "https://shop.example/dir/checkout.php", "get", true},
      {"<form action='/?add-to-cart=12'></form>", "https://shop.example/?add-to-cart=12", "get",
       true},
      {"<form action='/pay'><input name=card_number><input name=cvv></form>",
       "https://shop.example/pay", "get", true},
      {"<form><input autocomplete=cc-number name=n></form>", page_url, "get", true},
      {"<form><select name=quantity><option>1</select></form>", page_url, "get", true},
      {"<form><input type=hidden name=add-to-cart value=7></form>", page_url, "get", true},
      {"<form><button type=submit>Add to Cart</button></form>", page_url, "get", true},
      {"<form><button><span>カートに入れる</span></button></form>", page_url, "get", true},
      {"<form><input type=submit value='購入する'></form>", page_url, "get", true},
      {"<form><button>ご注文はこちら</button></form>", page_url, "get", true},
      // Not shops: search, login, newsletter, comments.
      {"<form action='/search'><input name=q><input type=submit value=Search></form>",
       "https://shop.example/search", "get", false},
      {"<form action='/login' method=post><input name=username><input type=password name=password>"
       "<button>Log in</button></form>",
       "https://shop.example/login", "post", false},
      {"<form action='/subscribe' method=dialog><input name=email></form>",
       "https://shop.example/subscribe", "dialog", false},
      {"<form action='/cartoons/list'><textarea name=comment></textarea></form>",
       "https://shop.example/cartoons/list", "get", false},
      {"<form action='javascript:send()' method=bogus></form>", "", "get", false},
  };
  for (const auto& [html, action, method, checkout] : examples) {
    CAPTURE_BINDING(html);
    const auto page = extract(html);
    REQUIRE(page.forms.size() == 1);
    CHECK(page.forms[0].action == action);
    CHECK(page.forms[0].method == method);
    CHECK(page.forms[0].checkout == checkout);
  }
}

TEST_CASE("a form the parser closes inside a table keeps the fields that follow it") {
  // <form> directly in a table is closed at once by the tree builder; its fields end
  // up beside it in the cells, as old shop templates produce.
  const auto page = extract(
      "<table><form action='/order'><tr><td><input name=cvv></td></tr></form></table>"
      "<form action='/search'><input name=q></form>");
  REQUIRE(page.forms.size() == 2);
  CHECK(page.forms[0].checkout);
  CHECK_FALSE(page.forms[1].checkout);
}

TEST_CASE("meta refresh: the first one that parses, resolved against the page") {
  struct example {
    std::string_view html;
    bool present;
    double delay;
    std::string_view url;
  };
  const example examples[] = {
      {"<meta http-equiv=refresh content='5; url=/x'>", true, 5, "https://shop.example/x"},
      {"<meta http-equiv=REFRESH content=\"0;URL='http://a.example/'\">", true, 0,
       "http://a.example/"},
      {"<meta http-equiv=Refresh content='3'>", true, 3, ""},
      {"<meta http-equiv=refresh content=' 1 , url = next.html'>", true, 1,
       "https://shop.example/dir/next.html"},
      {"<meta http-equiv=refresh content='0; url=javascript:alert(1)'>", true, 0, ""},
      {"<meta http-equiv=refresh content='soon'><meta http-equiv=refresh content='2;url=/b'>", true,
       2, "https://shop.example/b"},
      {"<noscript><meta http-equiv=refresh content='0;url=/nojs'></noscript>", true, 0,
       "https://shop.example/nojs"},
      {"<meta http-equiv=refresh content=''>", false, 0, ""},
      {"<meta http-equiv=refresh content='-1; url=/x'>", false, 0, ""},
      {"<meta name=refresh content='0; url=/x'>", false, 0, ""},
  };
  for (const auto& [html, present, delay, url] : examples) {
    CAPTURE_BINDING(html);
    const auto page = extract(html);
    REQUIRE(page.refresh.has_value() == present);
    if (!present) continue;
    CHECK(page.refresh->delay_seconds == delay);
    CHECK(page.refresh->url == url);
  }
}

TEST_CASE("image alt text: non-empty, visible, in order") {
  const auto page = extract(
      "<img alt=' Viagra  100mg '><img alt=''><img src=x><noscript><img alt=hidden></noscript>"
      "<p><img alt='バイアグラ'></p>");
  CHECK(page.image_alts == std::vector<std::string>{"Viagra 100mg", "バイアグラ"});
}

TEST_CASE("script redirects from inline scripts and event handlers") {
  const auto page = extract(
      "<script>if (document.referrer) { window.location.href = '/landing?src=g'; }</script>"
      "<script src='/app.js'>location.href = '/ignored-with-src'</script>"
      "<script type='application/ld+json'>{\"location\": \"x\"}</script>"
      "<script type=module>location.replace(next)</script>"
      "<body onload=\"top.location='https://other.example/'\">");
  REQUIRE(page.script_redirects.size() == 3);
  CHECK(page.script_redirects[0].pattern == "window.location");
  CHECK(page.script_redirects[0].target == "https://shop.example/landing?src=g");
  CHECK(page.script_redirects[1].pattern == "location.replace");
  CHECK(page.script_redirects[1].target.empty());
  CHECK(page.script_redirects[2].pattern == "top.location");
  CHECK(page.script_redirects[2].target == "https://other.example/");
}

TEST_CASE("limits cut what they bound and say so") {
  SUBCASE("text stops at max_text_bytes without splitting a character") {
    extract_limits limits;
    limits.max_text_bytes = 7;
    const auto page = extract("<p>ab</p><p>日本語</p>", limits);
    CHECK(page.text == "ab\n日");  // 6 bytes: a third byte of 本 would not fit
    CHECK(page.truncated);
    limits.max_text_bytes = 1 << 20;
    CHECK_FALSE(extract("<p>ab</p><p>日本語</p>", limits).truncated);
  }
  SUBCASE("lists stop at max_items") {
    extract_limits limits;
    limits.max_items = 2;
    const auto page = extract(
        repeat("<img alt=a><a href='https://x.example/'></a><a href='https://y.example/'></a>"
               "<a href='https://z.example/'></a><form></form>"
               "<script>location.href='/a';location.href='/b';location.href='/c'</script>",
               3),
        limits);
    CHECK(page.image_alts.size() == 2);
    CHECK(page.external_hosts.size() == 2);
    CHECK(page.forms.size() == 2);
    CHECK(page.script_redirects.size() == 2);
    CHECK(page.link_count == 9);  // a count, not a list
    CHECK(page.truncated);
  }
  SUBCASE("elements deeper than max_depth are skipped with their text") {
    extract_limits limits;
    limits.max_depth = 4;  // html, body, div, div
    const auto page = extract(
        "<div>one<div>two<div>three<a href='https://deep.example/'>x</a></div></div></div>after",
        limits);
    CHECK(page.text == "one\ntwo\nafter");
    CHECK(page.external_hosts.empty());
    CHECK(page.truncated);
  }
}

// A thread with a 1 MiB stack, the size the analysis pool may well use: neither gumbo nor
// the extraction may recurse per level of nesting.
page_extract extract_on_small_stack(const std::string& html) {
  struct job {
    const std::string* html;
    page_extract result;
  } work{&html, {}};
  pthread_attr_t attributes;
  REQUIRE(pthread_attr_init(&attributes) == 0);
  REQUIRE(pthread_attr_setstacksize(&attributes, std::size_t{1} << 20) == 0);
  pthread_t thread;
  const auto run = [](void* argument) -> void* {
    auto* w = static_cast<job*>(argument);
    w->result = extract_page(*w->html, page_url);
    return nullptr;
  };
  REQUIRE(pthread_create(&thread, &attributes, run, &work) == 0);
  REQUIRE(pthread_join(thread, nullptr) == 0);
  pthread_attr_destroy(&attributes);
  return std::move(work.result);
}

TEST_CASE("100,000-deep documents neither overflow a 1 MiB stack nor take long") {
  struct example {
    std::string_view name;
    std::string html;
  };
  const example examples[] = {
      {"div", repeat("<div>", 100000) + "deep text"},
      {"b", repeat("<b>", 100000) +
                "deep text"},  // formatting elements: adoption agency and reconstruction
      {"table cells", repeat("<table><tr><td>", 100000) + "deep text"},
      {"svg", "<svg>" + repeat("<g>", 100000) + "</svg>"},
      {"misnested", repeat("<b><div><i><p>", 25000) + "deep text"},
  };
  for (const auto& [name, html] : examples) {
    CAPTURE_BINDING(name);
    const auto start = std::chrono::steady_clock::now();
    const auto page = extract_on_small_stack(html);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    CHECK(page.truncated);
    CHECK(page.text.empty());  // the text is below the depth limit
    // Unguarded, gumbo takes about a minute on the div page; guarded it takes milliseconds.
    // The bound is loose so that sanitizer builds pass too.
    CHECK(elapsed.count() < 5.0);
  }
}

TEST_CASE("re-created formatting elements cannot blow up time or memory") {
  // 500 misnested <b>s, then 40,000 paragraphs: unguarded, gumbo clones 20 million
  // elements (12 s, 7.5 GB).
  std::string html = "<p>";
  for (int i = 0; i < 500; ++i) html += "<b id=" + std::to_string(i) + ">";
  html += "</p>" + repeat("<p>x</p>", 40000);
  const auto start = std::chrono::steady_clock::now();
  const auto page = extract(html);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  CHECK(page.truncated);
  CHECK(elapsed.count() < 5.0);
}

TEST_CASE("malformed HTML is read the way a browser reads it") {
  struct example {
    std::string_view html;
    std::string_view text;
  };
  const example examples[] = {
      {"<div><p>unclosed<div>tags", "unclosed\ntags"},
      {"stray</div></p>end", "stray\nend"},  // </p> without <p> makes an empty paragraph
      {"<b><i>mis</b>nested</i>", "misnested"},
      {"<table>foster<td>cell</table>", "foster\ncell"},
      // gumbo parses as a browser with scripting off: a <noscript> before the body may
      // hold only head elements, so text closes it and lands in the body.
      {"<noscript>enable scripts</noscript>shown", "enable scriptsshown"},
      {std::string_view("nul\0byte", 8), "nulbyte"},  // NUL characters are dropped
      {"bad \xff\xfe utf-8 \xe3\x81",
       "bad \uFFFD\uFFFD utf-8 \uFFFD"},    // each bad sequence becomes U+FFFD
      {"<p title='unterminated>text", ""},  // the tag never ends
      // Beyond Unicode is U+FFFD, however many digits; gumbo alone wrapped these to the
      // byte 0xFF and to 'A'.
      {"a&#xFFFFFFFF;b &#x10000000000000041;", "a\uFFFDb \uFFFD"},
      {"&#99999999999;&#x10FFFF;", "\uFFFD\U0010FFFF"},
      {"", ""},
  };
  for (const auto& [html, text] : examples) {
    CAPTURE_BINDING(html);
    const auto page = extract(html);
    CHECK(page.text == text);
    CHECK_FALSE(page.truncated);
  }
}

TEST_CASE("without a usable page URL only absolute URLs resolve") {
  const auto page = extract_page(
      "<a href='/relative'>r</a><a href='https://abs.example/'>a</a><meta http-equiv=refresh "
      "content='0;url=/x'>",
      "not a url");
  CHECK(page.link_count == 2);
  CHECK(page.external_hosts == std::vector<std::string>{"abs.example"});
  REQUIRE(page.refresh.has_value());
  CHECK(page.refresh->url.empty());
}

}  // namespace
}  // namespace geocrawl
