#include "bench/page_corpus.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <string_view>

#include "tests/support/legacy_encoding.hpp"

namespace geocrawl::bench {

namespace {

struct language {
  const char* lang;
  std::vector<std::string_view> words;
  std::vector<std::string_view> shop_terms;  // drug names and trade phrases sprinkled in
  std::vector<const char*> charsets;         // ICU names of the encodings sites use
  bool spaced;                               // whether words are separated by spaces
};

const std::vector<language>& languages() {
  static const std::vector<language> all = {
      {"ja",
       {"お客様", "商品",   "発送",         "安心", "ご注文", "について", "こちら",    "の",
        "は",     "を",     "です",         "ます", "。",     "、",       "最安値",    "配送",
        "日本",   "正規品", "ジェネリック", "効果", "副作用", "ページ",   "ランキング"},
       {"バイアグラ", "シアリス", "レビトラ", "処方箋不要", "個人輸入代行", "カートに入れる",
        "ﾊﾞｲｱｸﾞﾗ"},
       {"UTF-8", "windows-31j", "windows-31j", "EUC-JP"},
       false},
      {"en",
       {"the",       "best",     "price",     "order",  "today",    "shipping", "quality",
        "customers", "pills",    "generic",   "online", "pharmacy", "support",  "secure",
        "payment",   "delivery", "guarantee", "and",    "with",     "for"},
       {"Viagra", "Cialis", "Levitra", "no prescription needed", "add to cart", "bitcoin",
        "tramadol"},
       {"UTF-8"},
       true},
      {"zh",
       {"产品", "价格", "订单", "发货", "客户", "安全", "支付", "正品", "药品", "的", "是", "在",
        "，", "。"},
       {"伟哥", "希爱力", "无需处方", "加入购物车"},
       {"UTF-8", "GB18030"},
       false},
      {"ru",
       {"купить", "цена", "доставка", "аптека", "заказ", "качество", "клиенты", "оплата", "и", "в",
        "на", "для"},
       {"Виагра", "Сиалис", "без рецепта", "в корзину"},
       {"UTF-8", "windows-1251"},
       true},
      {"es",
       {"comprar", "precio", "envío", "farmacia", "pedido", "calidad", "clientes", "pago", "y",
        "en", "para", "con"},
       {"Viagra", "Cialis", "sin receta", "añadir al carrito"},
       {"UTF-8"},
       true},
  };
  return all;
}

// The charset label a page declares for an ICU converter name.
std::string label_for(const char* charset) {
  const std::string_view name(charset);
  if (name == "windows-31j") return "Shift_JIS";
  return std::string(name);
}

class page_writer {
 public:
  page_writer(const language& lang, std::mt19937& random) : lang_(lang), random_(random) {}

  std::string paragraph(std::size_t words) {
    std::string text;
    for (std::size_t i = 0; i < words; ++i) {
      const bool shop = random_() % 40 == 0;
      const auto& pool = shop ? lang_.shop_terms : lang_.words;
      text += pool[random_() % pool.size()];
      if (lang_.spaced) text += ' ';
    }
    return text;
  }

  std::string page(std::size_t target_bytes, const std::string& meta) {
    std::string html =
        "<!DOCTYPE html><html lang=\"" + std::string(lang_.lang) + "\"><head>" + meta + "<title>" +
        paragraph(6) +
        "</title><style>.a{color:red}.b{margin:0}</style>"
        "<script>var t=Date.now();function go(){if(t<0)location.href='/x';}</script></head><body>";
    int item = 0;
    while (html.size() < target_bytes) {
      html += "<div class=\"row\"><div class=\"col\"><nav><ul>";
      for (int i = 0; i < 5; ++i) {
        html += "<li><a href=\"/p/" + std::to_string(item++) + "\">" + paragraph(2) + "</a></li>";
      }
      html += "</ul></nav><section><h2>" + paragraph(4) + "</h2><p>" + paragraph(60) +
              "</p><p><b>" + paragraph(8) + "</b> " + paragraph(30) +
              "</p><img src=\"/i.png\" alt=\"" + paragraph(3) +
              "\"></section><a href=\"https://partner" + std::to_string(item % 7) + ".example/\">" +
              paragraph(2) + "</a></div></div>\n";
    }
    return html + "<form action=\"/cart\"><input name=\"qty\"><button>" + paragraph(2) +
           "</button></form></body></html>";
  }

 private:
  const language& lang_;
  std::mt19937& random_;
};

}  // namespace

std::vector<corpus_page> make_corpus(std::size_t pages, unsigned seed) {
  std::mt19937 random(seed);
  // Log-normal sizes around a 45 KB median, clipped to 5-300 KB like real storefronts.
  std::lognormal_distribution<double> size(std::log(45'000.0), 0.8);
  std::vector<corpus_page> corpus;
  corpus.reserve(pages);
  for (std::size_t i = 0; i < pages; ++i) {
    const auto& lang = languages()[random() % languages().size()];
    const char* charset = lang.charsets[random() % lang.charsets.size()];
    const auto bytes = static_cast<std::size_t>(std::clamp(size(random), 5'000.0, 300'000.0));
    // A third declare the charset in the header, a third in a meta tag, a third nowhere.
    const auto declaration = random() % 3;
    const std::string meta =
        declaration == 1 ? "<meta charset=\"" + label_for(charset) + "\">" : "";
    page_writer writer(lang, random);
    corpus_page page;
    page.utf8 = writer.page(bytes, meta);
    page.body =
        std::string_view(charset) == "UTF-8" ? page.utf8 : testing::encode_as(page.utf8, charset);
    page.content_type = declaration == 0 ? "text/html; charset=" + label_for(charset) : "text/html";
    corpus.push_back(std::move(page));
  }
  return corpus;
}

}  // namespace geocrawl::bench
