#include "tests/support/rogue_pages.hpp"

#include <array>
#include <stdexcept>
#include <string_view>

namespace geocrawl::testing {

namespace {

// A product as one language's shop lists it.
struct listing {
  std::string_view name;
  std::string_view ingredient;
  std::string_view pack;
  std::string_view blurb;
};

struct product {
  listing ja;
  listing en;
  std::string_view ja_half_width_name;  // as older Japanese shops write it
  unsigned yen;
};

constexpr std::array<product, 5> range = {{
    {{"バイアグラ100mg", "シルデナフィル", "10錠",
      "世界で最も有名なED治療薬。服用後30分から1時間で効果があらわれ、約5時間持続します。ファイザー"
      "社の正規品を海外から直送いたします。"},
     {"Viagra 100mg", "sildenafil", "10 tablets",
      "The world's best known ED treatment. Works within 30 to 60 minutes and lasts about 5 hours. "
      "Genuine Pfizer "
      "product shipped direct."},
     "ﾊﾞｲｱｸﾞﾗ100mg",
     12800},
    {{"シアリス20mg", "タダラフィル", "10錠",
      "最大36時間の持続時間で「週末の薬」と呼ばれる人気商品。食事の影響を受けにくく、自然な勃起をサ"
      "ポートします。"},
     {"Cialis 20mg", "tadalafil", "10 tablets",
      "Known as the weekend pill: up to 36 hours of effect, hardly affected by meals, supports a "
      "natural erection."},
     "ｼｱﾘｽ20mg",
     13800},
    {{"レビトラ20mg", "バルデナフィル", "10錠",
      "即効性に優れ、服用後15分から効果を実感できるED治療薬。食事の前でも後でもお使いいただけます"
      "。"},
     {"Levitra 20mg", "vardenafil", "10 tablets",
      "Fast acting: many men feel the effect 15 minutes after taking it, before or after a meal."},
     "ﾚﾋﾞﾄﾗ20mg",
     14800},
    {{"カマグラゴールド100mg", "シルデナフィル", "4錠",
      "インドのアジャンタファーマ社製のバイアグラジェネリック。先発品と同じ有効成分を格安でお試しい"
      "ただけます。"},
     {"Kamagra Gold 100mg", "sildenafil", "4 tablets",
      "Generic Viagra made by Ajanta Pharma in India: the same active ingredient at a fraction of "
      "the price."},
     "ｶﾏｸﾞﾗｺﾞｰﾙﾄﾞ100mg",
     3980},
    {{"プロペシア1mg", "フィナステリド", "28錠",
      "AGA（男性型脱毛症）の進行を抑える内服薬。1日1錠、継続して服用することで抜け毛を予防します"
      "。"},
     {"Propecia 1mg", "finasteride", "28 tablets",
      "Stops male pattern hair loss from progressing. One tablet a day, taken continuously, "
      "prevents further loss."},
     "ﾌﾟﾛﾍﾟｼｱ1mg",
     6980},
}};

// Everything one language's shop says around its product grid.
struct shop_text {
  std::string_view lang;
  std::string_view title;
  listing product::*listed;
  std::string_view product::*half_width_name;  // null where the language has no such names
  std::string_view header;                     // up to the rotating banner
  std::array<std::string_view, 4> banners;
  std::string_view intro;  // from the banner to the product grid
  std::string_view ingredient_label;
  std::string_view pack_label;
  std::string_view price_label;
  std::string_view price_note;
  std::string_view cart_button;
  std::string_view terms;  // from the grid to the footer's clock
  std::string_view ip_label;
  std::string_view copyright;
};

constexpr shop_text japanese_text = {
    "ja",
    "ED治療薬の個人輸入代行｜バイアグラ・シアリス通販 メンズヘルス東京",
    &product::ja,
    &product::ja_half_width_name,
    "<header>\n"
    "<div class=\"logo\"><a href=\"/\">メンズヘルス東京｜海外医薬品の個人輸入代行</a></div>\n"
    "<nav><a href=\"/\">ホーム</a> <a href=\"/items\">商品一覧</a> <a href=\"/guide\">"
    "ご利用ガイド</a> <a href=\"/faq\">よくある質問</a> <a href=\"/contact\">お問い合わせ</a> <a "
    "href=\"/cart\">カートを見る</a></nav>\n"
    "</header>\n",
    {"【期間限定】まとめ買いで最大20%OFF実施中！", "初回ご注文の方にサンプル1錠プレゼント中",
     "会員登録で500ポイント進呈キャンペーン", "本日15時までのご注文で即日発送いたします"},
    "<main>\n"
    "<h1>ED治療薬・AGA治療薬の通販なら当店へ</h1>\n"
    "<p>当店は海外医薬品の個人輸入代行サイトです。バイアグラ、シアリス、"
    "レビトラなどの人気ED治療薬を、処方箋不要で病院に行かずにご購入いただけます。"
    "すべて海外の正規代理店から直接仕入れた正規品で、偽物は一切扱っておりません。2010年の開業以来、"
    "累計30万件以上のご注文をいただいております。</p>\n"
    "<p>医療機関での診察は恥ずかしい、忙しくて通院する時間がない、"
    "という方にご好評をいただいています。"
    "ご注文は24時間365日受け付けております。</p>\n<h2>人気商品ランキング</h2>\n",
    "有効成分：",
    "／内容量：",
    "販売価格：",
    "（税込・送料無料）",
    "カートに入れる",
    "<h2>よくある質問</h2>\n"
    "<dl>\n"
    "<dt>処方箋は必要ですか？</dt>\n"
    "<dd>個人輸入のため処方箋は不要です。医師の診察を受けずにご注文いただけます。</dd>\n"
    "<dt>家族に知られずに受け取れますか？</dt>\n"
    "<dd>商品名がわからない無地の梱包でお届けします。匿名配送、郵便局留めにも対応しております。"
    "</dd>\n"
    "<dt>届くまでに何日かかりますか？</dt>\n"
    "<dd>国内発送の商品は最短翌日、海外発送の商品は7日から14日ほどでお届けします。"
    "追跡番号をメールでお知らせします。</dd>\n"
    "<dt>支払い方法は？</dt>\n"
    "<dd>銀行振込、クレジットカード、コンビニ決済、ビットコイン決済がご利用いただけます。</dd>\n"
    "</dl>\n"
    "<h2>ご利用ガイド</h2>\n"
    "<p>1万円以上のご注文で送料無料。"
    "万が一税関で没収された場合は再発送保証で無料にて再発送いたします。"
    "お薬は自己責任でのご使用となります。持病のある方、他のお薬を服用中の方は医師にご相談ください。"
    "</p>\n"
    "</main>\n"
    "<footer>\n"
    "<p><a href=\"/company\">会社概要</a> <a href=\"/law\">特定商取引法に基づく表記</a> "
    "<a href=\"/privacy\">プライバシーポリシー</a></p>\n<p>最終更新：",
    "あなたのIPアドレス：",
    "Copyright 2010-2024 メンズヘルス東京 All Rights Reserved.",
};

constexpr shop_text english_text = {
    "en",
    "Buy Viagra and Cialis Online - No Prescription Needed | MensHealth Direct",
    &product::en,
    nullptr,
    "<header>\n"
    "<div class=\"logo\"><a href=\"/\">MensHealth Direct - Trusted Online Pharmacy</a></div>\n"
    "<nav><a href=\"/\">Home</a> <a href=\"/products\">Products</a> <a href=\"/how-to-order\">How "
    "to order</a> <a href=\"/faq\">FAQ</a> <a href=\"/contact\">Contact us</a> <a href=\"/cart\">"
    "View cart</a></nav>\n"
    "</header>\n",
    {"Limited time: save up to 20% on bulk orders!", "First order? Get a free sample tablet",
     "Join our club and get 500 bonus points", "Order before 3 pm for same-day dispatch"},
    "<main>\n"
    "<h1>Buy ED and hair loss medication online</h1>\n"
    "<p>MensHealth Direct is your trusted source for brand and generic Viagra, Cialis and Levitra. "
    "No prescription needed: skip the waiting room and order in minutes. All our medicines come "
    "from licensed manufacturers and are checked before they ship. Over 300,000 happy customers "
    "since 2010.</p>\n"
    "<p>Too embarrassed to see your doctor? Too busy for an appointment? Our secure checkout takes "
    "orders around the clock, every day of the year.</p>\n<h2>Best sellers</h2>\n",
    "Active ingredient: ",
    " | Pack: ",
    "Our price: ",
    " (free shipping)",
    "Add to cart",
    "<h2>Frequently asked questions</h2>\n"
    "<dl>\n"
    "<dt>Do I need a prescription?</dt>\n"
    "<dd>No prescription needed. You can order without seeing a doctor.</dd>\n"
    "<dt>Will anyone know what I ordered?</dt>\n"
    "<dd>We use discreet packaging with no product names on the outside, and discreet shipping to "
    "any address you choose.</dd>\n"
    "<dt>How long does delivery take?</dt>\n"
    "<dd>Express orders arrive in 5 to 7 days, standard airmail in 10 to 21 days. You get a "
    "tracking number by email.</dd>\n"
    "<dt>How can I pay?</dt>\n"
    "<dd>Visa, MasterCard, bank transfer and Bitcoin. Pay with Bitcoin and save a further "
    "10%.</dd>\n"
    "</dl>\n"
    "<h2>Our guarantee</h2>\n"
    "<p>Free shipping on orders over $70. If customs hold your parcel we reship it at no cost: "
    "free reshipment, guaranteed. Consult a doctor if you have a heart condition or take "
    "nitrates.</p>\n"
    "</main>\n"
    "<footer>\n"
    "<p><a href=\"/about\">About us</a> <a href=\"/terms\">Terms</a> "
    "<a href=\"/privacy\">Privacy policy</a></p>\n<p>Page generated ",
    "Your IP address: ",
    "Copyright 2010-2024 MensHealth Direct. All rights reserved.",
};

std::string product_grid(const shop_text& text, const page_options& options,
                         const request_noise& noise) {
  std::string grid = "<div class=\"items\">\n";
  for (const auto index : noise.order(range.size())) {
    const auto& item = range[index];
    const listing& listed = item.*text.listed;
    const auto name =
        options.half_width && text.half_width_name ? item.*text.half_width_name : listed.name;
    grid += "<div class=\"item\">\n<h3>" + std::string(name) + "</h3>\n<p class=\"spec\">" +
            std::string(text.ingredient_label) + std::string(listed.ingredient) +
            std::string(text.pack_label) + std::string(listed.pack) + "</p>\n<p class=\"price\">" +
            std::string(text.price_label) + price(item.yen, options.prices) +
            std::string(text.price_note) + "</p>\n<p>" + std::string(listed.blurb) +
            "</p>\n"
            "<form action=\"/cart/add\" method=\"post\"><input type=\"hidden\" name=\"csrf\" "
            "value=\"" +
            noise.token() + "\"><input type=\"hidden\" name=\"item\" value=\"" +
            std::to_string(index + 101) + "\"><button type=\"submit\">" +
            std::string(text.cart_button) + "</button></form>\n</div>\n";
  }
  return grid + "</div>\n";
}

std::string shop_page(const shop_text& text, const page_options& options) {
  const request_noise noise(options.request);
  std::string body = std::string(text.header) + "<div class=\"banner\">" +
                     std::string(text.banners[noise.pick(text.banners.size())]) + "</div>\n" +
                     std::string(text.intro) + product_grid(text, options, noise) +
                     std::string(text.terms) + noise.timestamp() + "</p>\n";
  if (!options.visitor_ip.empty())
    body += "<p>" + std::string(text.ip_label) + options.visitor_ip + "</p>\n";
  body += "<p>" + std::string(text.copyright) + "</p>\n</footer>\n";
  return html_page(text.lang, text.title, options.head_extra, body);
}

}  // namespace

std::string japanese_shop(const page_options& options) { return shop_page(japanese_text, options); }

std::string english_shop(const page_options& options) { return shop_page(english_text, options); }

std::string keyword_stuffed_page() {
  std::string stuffing;
  for (std::string_view phrase :
       {"buy viagra online", "cheap cialis", "viagra no prescription needed", "generic sildenafil",
        "tadalafil 20mg best price", "levitra online", "buy cialis without a doctor prescription",
        "kamagra oral jelly", "viagra for sale", "sildenafil citrate 100mg",
        "cheap tadalafil no rx"}) {
    for (int repeat = 0; repeat < 4; ++repeat) {
      stuffing += "<a href=\"/go/";
      stuffing += std::to_string(repeat);
      stuffing += "\">";
      stuffing += phrase;
      stuffing += "</a>\n";
    }
  }
  return html_page("en", "Buy Viagra Online | Cheap Cialis | Sildenafil Tadalafil No Prescription",
                   "",
                   "<h1>Cheap Viagra and Cialis online - no prescription needed</h1>\n"
                   "<p>Looking for cheap viagra? Buy viagra online, buy cialis online, generic "
                   "viagra, generic cialis, sildenafil and tadalafil at the best price. Viagra "
                   "without a doctor prescription, cialis without a doctor prescription, overnight "
                   "delivery. Viagra 100mg, cialis 20mg, levitra 20mg, kamagra 100mg.</p>\n"
                   "<div style=\"display:none\">\n" +
                       stuffing +
                       "</div>\n"
                       "<p>Viagra (sildenafil) and Cialis (tadalafil) are the most popular "
                       "treatments for erectile dysfunction. Order viagra online today, no "
                       "prescription needed, discreet "
                       "shipping worldwide.</p>\n");
}

std::string japanese_construction_page() {
  return html_page(
      "ja", "ただいま工事中", "<meta charset=\"utf-8\">\n",
      "<div class=\"container\">\n"
      "<h1>ただいま工事中</h1>\n"
      "<p>このホームページは現在準備中です。公開まで今しばらくお待ちください。</p>\n"
      "<p>This site is under construction.</p>\n"
      "<hr>\n"
      "<p class=\"note\">このページはサーバー会社が自動で表示しているページです。"
      "サイトの管理者の方は、FTPソフトなどでファイルをアップロードしてください。"
      "ファイルが正しくアップロードされると、このページは表示されなくなります。</p>\n"
      "<p class=\"note\">ドメインの設定反映には最大72時間ほどかかる場合があります。</p>\n"
      "<p class=\"hosting\">Powered by レンタルサーバー さくらんぼネット</p>\n</div>\n");
}

std::string parked_domain_page() {
  return html_page("en", "This domain is for sale", "<meta charset=\"utf-8\">\n",
                   "<div class=\"parking\">\n"
                   "<h1>This domain is for sale!</h1>\n"
                   "<p>The owner of this domain has put it up for sale. Make an offer today and "
                   "get a response within 24 hours. Secure transfer through our escrow "
                   "service.</p>\n"
                   "<p><a href=\"/inquire\">Inquire about this domain</a></p>\n"
                   "<h2>Related searches</h2>\n"
                   "<ul>\n"
                   "<li><a href=\"/r?q=health+insurance\">Health Insurance</a></li>\n"
                   "<li><a href=\"/r?q=online+degree\">Online Degree</a></li>\n"
                   "<li><a href=\"/r?q=web+hosting\">Web Hosting</a></li>\n"
                   "<li><a href=\"/r?q=travel+deals\">Travel Deals</a></li>\n"
                   "</ul>\n"
                   "<p class=\"disclaimer\">Sponsored listings. The sale of this domain is managed "
                   "by "
                   "a third party domain registrar.</p>\n</div>\n");
}

std::string error_page(int status) {
  std::string_view title;
  std::string_view detail;
  switch (status) {
    case 403:
      title = "403 Forbidden";
      break;
    case 404:
      title = "404 Not Found";
      break;
    case 451:
      title = "451 Unavailable For Legal Reasons";
      detail = "<p>This content is not available in your country.</p>\n";
      break;
    case 503:
      title = "503 Service Temporarily Unavailable";
      break;
    default:
      throw std::invalid_argument("error_page: no page for status " + std::to_string(status));
  }
  std::string page = "<html>\n<head><title>";
  page += title;
  page += "</title></head>\n<body>\n<center><h1>";
  page += title;
  page += "</h1></center>\n";
  page += detail;
  page += "<hr><center>nginx</center>\n</body>\n</html>\n";
  return page;
}

}  // namespace geocrawl::testing
