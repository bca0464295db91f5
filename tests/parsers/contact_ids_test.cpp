#include "parsers/contact_ids.hpp"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "parsers/text_normalizer.hpp"

namespace geocrawl {
namespace {

std::vector<std::string> in_text(std::string_view text, identifier_kind kind) {
  identifier_collector out;
  find_contacts_in_text(normalize_text(text), out);
  std::vector<std::string> values;
  for (auto& id : out.take()) {
    if (id.kind == kind) values.push_back(id.value);
  }
  return values;
}

std::vector<page_identifier> in_link(std::string_view href) {
  identifier_collector out;
  find_contacts_in_link(href, out);
  return out.take();
}

}  // namespace

TEST_CASE("an address however it is hidden from harvesters") {
  for (const std::string_view written :
       {"Mail: Sales@Rx-Shop.example", "sales [at] rx-shop.example", "sales[at]rx-shop[dot]example",
        "sales (at) rx-shop (dot) example", "sales{at}rx-shop.example", "sales＠rx-shop.example",
        "ｓａｌｅｓ＠ｒｘ－ｓｈｏｐ．ｅｘａｍｐｌｅ", "sales★rx-shop.example",
        "sales ☆ rx-shop.example", "<sales [ at ] rx-shop [ dot ] example>",
        "お問い合わせ：sales＠rx-shop.example まで",
        // Brackets and U+2000-block characters that hide nothing, around one that does.
        "(mail) “sales [at] rx-shop.example” – {reply} <b>"}) {
    CAPTURE(written);
    CHECK(in_text(written, identifier_kind::email) ==
          std::vector<std::string>{"sales@rx-shop.example"});
  }
}

TEST_CASE("what only looks like an address is left") {
  for (const std::string_view text :
       {"logo@2x.png", "@handle", "a@b", "user@host.c0m", "price @ 20", "at sales rx-shop"}) {
    CAPTURE(text);
    CHECK(in_text(text, identifier_kind::email).empty());
  }
}

TEST_CASE("messenger handles named in the text") {
  CHECK(in_text("LINE ID: rxshop_jp", identifier_kind::line) ==
        std::vector<std::string>{"rxshop_jp"});
  CHECK(in_text("ＬＩＮＥ：＠ＲｘＳｈｏｐ", identifier_kind::line) ==
        std::vector<std::string>{"@rxshop"});
  CHECK(in_text("Telegram: @PharmaDirect", identifier_kind::telegram) ==
        std::vector<std::string>{"pharmadirect"});
  CHECK(in_text("Skype: live:rx.sales.2024", identifier_kind::skype) ==
        std::vector<std::string>{"rx.sales.2024"});
  CHECK(in_text("WhatsApp: +81 90-1234-5678", identifier_kind::whatsapp) ==
        std::vector<std::string>{"819012345678"});
  // A word that contains a service's name is not its label.
  CHECK(in_text("online: always open", identifier_kind::line).empty());
  CHECK(in_text("the line is busy", identifier_kind::line).empty());
}

TEST_CASE("a label is its name, \"id\" or not, spaces, then the colon: several to a line") {
  for (const std::string_view written :
       {"LINE:rxshop_jp", "LINEID:rxshop_jp", "LINE ID :  rxshop_jp", "line   : rxshop_jp",
        "tel 03-1234-5678 line id: rxshop_jp telegram: @pharmadirect"}) {
    CAPTURE(written);
    CHECK(in_text(written, identifier_kind::line) == std::vector<std::string>{"rxshop_jp"});
  }
  CHECK(in_text("line: rxshop_jp telegram: @pharmadirect skype: live:rx.sales.2024",
                identifier_kind::telegram) == std::vector<std::string>{"pharmadirect"});
  CHECK(in_text("line: rxshop_jp skype: live:rx.sales.2024 whatsapp: +81 90-1234-5678",
                identifier_kind::skype) == std::vector<std::string>{"rx.sales.2024"});
  // Not labels: the name inside a word, text between the name and the colon.
  CHECK(in_text("skyline: abcdef", identifier_kind::line).empty());
  CHECK(in_text("line number: abcdef", identifier_kind::line).empty());
  CHECK(in_text("line idea: abcdef", identifier_kind::line).empty());
}

TEST_CASE("contact links") {
  const std::vector<page_identifier> mail = {{identifier_kind::email, "info@shop.example"}};
  CHECK(in_link("mailto:Info@Shop.example?subject=order") == mail);
  CHECK(in_link("MAILTO:info%40shop.example") == mail);
  CHECK(in_link("tel:+81-3-1234-5678") ==
        std::vector<page_identifier>{{identifier_kind::phone, "+81312345678"}});
  CHECK(in_link("https://line.me/R/ti/p/@RxShop?from=page") ==
        std::vector<page_identifier>{{identifier_kind::line, "@rxshop"}});
  CHECK(in_link("https://line.me/R/ti/p/%40rxshop") ==
        std::vector<page_identifier>{{identifier_kind::line, "@rxshop"}});
  CHECK(in_link("http://line.me/ti/p/~rx_friend") ==
        std::vector<page_identifier>{{identifier_kind::line, "rx_friend"}});
  CHECK(in_link("https://lin.ee/AbCd123") ==
        std::vector<page_identifier>{{identifier_kind::line, "lin.ee/AbCd123"}});
  const std::vector<page_identifier> whatsapp = {{identifier_kind::whatsapp, "819012345678"}};
  CHECK(in_link("https://wa.me/819012345678?text=hi") == whatsapp);
  CHECK(in_link("https://api.whatsapp.com/send?phone=+819012345678") == whatsapp);
  CHECK(in_link("whatsapp://send?phone=819012345678") == whatsapp);
  CHECK(in_link("https://t.me/RxDirect") ==
        std::vector<page_identifier>{{identifier_kind::telegram, "rxdirect"}});
  CHECK(in_link("https://telegram.me/rxdirect/") ==
        std::vector<page_identifier>{{identifier_kind::telegram, "rxdirect"}});
  CHECK(in_link("skype:live:rx.sales.2024?call") ==
        std::vector<page_identifier>{{identifier_kind::skype, "rx.sales.2024"}});
  for (const std::string_view other : {"https://example.com/wa.me/1", "https://notline.me/ti/p/~x",
                                       "/t.me/x", "tel:123", "https://t.me/ab", "mailto:nobody"}) {
    CAPTURE(other);
    CHECK(in_link(other).empty());
  }
}

TEST_CASE("a page's ten thousand addresses cost a bounded list, and say so") {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "user" + std::to_string(i) + "@spam.example ";
  identifier_collector out;
  find_contacts_in_text(text, out);
  CHECK(out.truncated());
  CHECK(out.take().size() == 256);
}

}  // namespace geocrawl
