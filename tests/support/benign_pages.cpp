#include "tests/support/benign_pages.hpp"

#include <array>
#include <string_view>

namespace geocrawl::testing {

namespace {

// A page whose <meta> declares UTF-8, the way most current sites say it.
std::string declared_utf8_page(std::string_view lang, std::string_view title,
                               const page_options& options, std::string_view body) {
  return html_page(lang, title, "<meta charset=\"utf-8\">\n" + options.head_extra, body);
}

// A newspaper's front page in one language.
struct front_page_text {
  std::string_view lang;
  std::string_view title;
  std::string_view masthead;  // up to the clock
  std::string_view stories;   // navigation and articles, after the clock
  std::array<std::string_view, 4> ads;
  std::string_view newsletter_label;
  std::string_view newsletter_button;
  std::string_view imprint;
};

constexpr front_page_text english_front_page = {
    "en",
    "The Riverside Gazette - Local news, sport and events",
    "<header><h1 class=\"masthead\">The Riverside Gazette</h1>\n<p class=\"dateline\">Updated ",
    "<nav><a href=\"/local\">Local</a> <a href=\"/schools\">Schools</a> <a href=\"/sport\">"
    "Sport</a> <a href=\"/business\">Business</a> <a href=\"/opinion\">Opinion</a></nav></header>\n"
    "<main>\n"
    "<article><h2>Council approves new footbridge over the Mill River</h2>\n"
    "<p>After two years of consultation, the town council voted seven to two on Tuesday night to "
    "fund a pedestrian and cycle bridge linking Station Road with the riverside park. Construction "
    "is expected to start next spring and take about eighteen months. Councillor Ruth Adeyemi said "
    "the bridge would cut the walk from the east estates to the high school by twenty minutes.</p>"
    "</article>\n"
    "<article><h2>Library extends weekend opening hours</h2>\n"
    "<p>From next month the central library will open until 6 pm on Saturdays and from 11 am to 4 "
    "pm on Sundays. The change follows a survey in which more than 1,400 residents asked for "
    "longer hours. Volunteers from the Friends of the Library group will staff the Sunday reading "
    "room.</p></article>\n"
    "<article><h2>Under-14s reach county cup final</h2>\n"
    "<p>Riverside Rovers under-14s beat Oakfield 3-1 on Sunday to reach their first county cup "
    "final in a decade. Captain Maya Chen scored twice in the second half. The final will be "
    "played at the county ground on June 29.</p></article>\n"
    "<article><h2>Farmers market moves to the old tram depot</h2>\n"
    "<p>The Saturday farmers market will move indoors to the restored tram depot from July, giving "
    "its forty stallholders shelter from the weather and room for a further twelve stalls.</p>"
    "</article>\n"
    "</main>\n",
    {"Riverside Motors: 0% financing on all new hatchbacks this month.",
     "Learn Spanish in 10 weeks at the Community College. Evening classes start September 3.",
     "Green Valley Garden Centre: spring bulbs half price while stocks last.",
     "Harbor Bank: open a savings account online in five minutes."},
    "Get the morning briefing:",
    "Sign up",
    "The Riverside Gazette, 12 Market Street. Independent local journalism since 1887.",
};

constexpr front_page_text japanese_front_page = {
    "ja",
    "みなと新聞デジタル｜地域のニュースをいち早く",
    "<header><h1>みなと新聞デジタル</h1>\n<p class=\"updated\">更新：",
    "<nav><a href=\"/local\">地域</a> <a href=\"/politics\">政治</a> <a href=\"/economy\">経済</a> "
    "<a href=\"/sports\">スポーツ</a> <a href=\"/culture\">文化</a></nav></header>\n"
    "<main>\n"
    "<article><h2>港町商店街に子育て支援拠点　空き店舗を改装</h2>\n"
    "<p>みなと市は、中央商店街の空き店舗を改装した子育て支援拠点を来月開設すると発表した。"
    "乳幼児の一時預かりや育児相談のほか、地元の高校生が運営に参加するカフェも併設する。"
    "市の担当者は「商店街のにぎわいづくりと子育て支援を両立させたい」と話している。</p></article>\n"
    "<article><h2>夏の花火大会、3年ぶりに打ち上げ数を拡大</h2>\n"
    "<p>みなと花火大会実行委員会は、今年の打ち上げ数を約8千発に増やすと明らかにした。"
    "会場周辺では当日、大規模な交通規制が行われる。臨時列車の運行も予定されている。</p></article>\n"
    "<article><h2>地元高校の吹奏楽部、全国大会へ</h2>\n"
    "<p>県立みなと高校の吹奏楽部が県大会で金賞を受賞し、初の全国大会出場を決めた。"
    "部員62人が毎朝7時から練習を重ねてきたという。</p></article>\n"
    "<article><h2>市立病院で新しい救急棟が完成</h2>\n"
    "<p>市立みなと病院の新しい救急棟が完成し、記念式典が開かれた。ヘリポートを備え、"
    "夜間の救急受け入れ体制を強化する。</p></article>\n</main>\n",
    {"【広告】みなと不動産　駅徒歩5分の新築マンション、モデルルーム公開中",
     "【広告】はじめての英会話　無料体験レッスン受付中",
     "【広告】地元の旬を届ける　みなと産直市場オンライン",
     "【広告】住宅ローンの借り換え相談会　みなと信用金庫"},
    "メールマガジン登録：",
    "登録する",
    "みなと新聞社　記事・写真の無断転載を禁じます。",
};

// A front page as busy news sites serve it: the clock, one rotating ad, a newsletter form
// whose token is fresh per request.
std::string front_page(const front_page_text& text, const page_options& options) {
  const request_noise noise(options.request);
  const std::string body =
      std::string(text.masthead) + noise.timestamp() + "</p>\n" + std::string(text.stories) +
      "<aside class=\"ad\">" + std::string(text.ads[noise.pick(text.ads.size())]) +
      "</aside>\n"
      "<footer>\n"
      "<form class=\"newsletter\" action=\"/subscribe\" "
      "method=\"post\"><label>" +
      std::string(text.newsletter_label) +
      " <input type=\"email\" name=\"email\"></label><input type=\"hidden\" name=\"_token\" "
      "value=\"" +
      noise.token() + "\"><button>" + std::string(text.newsletter_button) +
      "</button></form>\n<p>" + std::string(text.imprint) + "</p>\n</footer>\n";
  return declared_utf8_page(text.lang, text.title, options, body);
}

}  // namespace

std::string english_news(const page_options& options) {
  return front_page(english_front_page, options);
}

std::string japanese_news(const page_options& options) {
  return front_page(japanese_front_page, options);
}

std::string japanese_blog(const page_options& options) {
  const request_noise noise(options.request);
  constexpr std::array<std::string_view, 3> popular = {"初心者におすすめのテント5選",
                                                       "冬キャンプの寒さ対策まとめ",
                                                       "ダッチオーブンで作るローストチキン"};
  std::string ranking;
  for (const auto index : noise.order(popular.size())) {
    ranking += "<li>";
    ranking += popular[index];
    ranking += "</li>\n";
  }
  return declared_utf8_page(
      "ja", "週末キャンプ日記｜湖畔のキャンプ場で過ごした二日間", options,
      "<header><p class=\"blog-title\">週末キャンプ日記</p></header>\n"
      "<main><article>\n"
      "<h1>湖畔のキャンプ場で過ごした二日間</h1>\n"
      "<p class=\"date\">2024年6月15日</p>\n"
      "<p>梅雨の合間の晴れ間をねらって、家族で湖畔のキャンプ場に行ってきました。"
      "高速を降りてから山道を30分ほど走ると、木々の向こうに湖が見えてきます。"
      "チェックインは13時からで、区画サイトは湖に面した芝生の上でした。</p>\n"
      "<p>テントを張り終えたら、子どもたちはさっそく湖で水遊び。水は思ったより冷たかったようです。"
      "夕食はダッチオーブンでローストチキンと野菜のスープを作りました。炭火でじっくり1時間焼くと、"
      "皮はパリッと、中はしっとり仕上がります。</p>\n"
      "<p>夜は満天の星空。双眼鏡で天の川を眺めながら、焚き火でマシュマロを焼きました。"
      "翌朝は霧が湖面に立ちこめて、とても幻想的な景色でした。</p>\n"
      "<h2>今回の持ち物リスト</h2>\n"
      "<ul><li>ツールームテント</li><li>寝袋（春秋用）</li><li>焚き火台と炭</li><li>"
      "ダッチオーブン10インチ</li><li>ランタン2つ</li></ul>\n"
      "<p>次回は紅葉の季節にまた訪れたいと思います。</p>\n"
      "</article></main>\n"
      "<aside><h2>人気の記事</h2>\n<ol>\n" +
          ranking + "</ol>\n<p class=\"counter\">表示日時：" + noise.timestamp() +
          "</p></aside>\n<footer><p>Copyright 2024 週末キャンプ日記</p></footer>\n");
}

std::string japanese_clinic(const page_options& options) {
  return declared_utf8_page(
      "ja", "さくら内科クリニック｜内科・生活習慣病・ED外来", options,
      "<header><h1>さくら内科クリニック</h1>\n"
      "<nav><a href=\"/\">トップ</a> <a href=\"/hours\">診療時間</a> <a href=\"/departments\">"
      "診療科目</a> <a href=\"/access\">アクセス</a></nav></header>\n"
      "<main>\n"
      "<section><h2>診療科目</h2>\n"
      "<p>内科、生活習慣病（高血圧・糖尿病・脂質異常症）、禁煙外来、ED外来、各種予防接種、"
      "健康診断を行っております。</p></section>\n"
      "<section><h2>ED外来について</h2>\n"
      "<p>当院のED外来では、医師が問診と診察を行ったうえで、バイアグラ（シルデナフィル）、"
      "シアリス（タダラフィル）などの治療薬を処方しております。"
      "心臓病の治療中の方や硝酸薬を服用中の方は併用できないお薬がありますので、"
      "必ず医師にご相談ください。インターネットで販売されている海外製のED治療薬には偽造品が多く、"
      "健康被害も報告されています。安全のため、医療機関で処方を受けてください。</p></section>\n"
      "<section><h2>診療時間</h2>\n"
      "<table><tr><th>午前</th><td>9:00-12:30（月・火・水・金・土）</td></tr><tr><th>午後</th><td>"
      "15:00-18:30（月・火・水・金）</td></tr></table>\n"
      "<p>休診日：木曜・土曜午後・日曜・祝日</p></section>\n"
      "<section><h2>アクセス</h2>\n"
      "<p>みなと駅東口より徒歩3分、さくらビル2階。駐車場6台あり。</p></section>\n"
      "</main>\n<footer><p>さくら内科クリニック　電話 000-000-0000</p></footer>\n");
}

std::string english_clinic(const page_options& options) {
  return declared_utf8_page("en", "Maple Family Practice - Men's health", options,
                            "<header><h1>Maple Family Practice</h1>\n"
                            "<nav><a href=\"/\">Home</a> <a href=\"/services\">Services</a> <a "
                            "href=\"/team\">Our team</a> <a href=\"/appointments\">Appointments</a>"
                            "</nav></header>\n"
                            "<main>\n"
                            "<section><h2>Men's health clinic</h2>\n"
                            "<p>Erectile dysfunction is common and often a sign of other "
                            "conditions such as diabetes or heart disease, so we start with a full "
                            "consultation. If treatment is right for you, your doctor can "
                            "prescribe sildenafil (Viagra) or tadalafil (Cialis) and review how it "
                            "works for you at a follow-up visit.</p>\n"
                            "<p>Please do not buy these medicines from websites that do not ask "
                            "for a prescription: regulators regularly find counterfeit tablets "
                            "with the wrong dose or dangerous ingredients.</p></section>\n"
                            "<section><h2>Other services</h2>\n"
                            "<ul><li>Blood pressure and cholesterol checks</li><li>Diabetes "
                            "reviews</li><li>Travel vaccinations</li><li>Stop smoking support</li>"
                            "</ul></section>\n"
                            "<section><h2>Opening hours</h2>\n"
                            "<p>Monday to Friday 8 am to 6.30 pm. Saturday 9 am to noon for booked "
                            "appointments only.</p></section>\n"
                            "</main>\n"
                            "<footer><p>Maple Family Practice, 40 Elm Avenue. Registered with the "
                            "Care Quality Commission.</p>"
                            "</footer>\n");
}

std::string tea_shop(const page_options& options) {
  struct tea {
    std::string_view name;
    std::string_view note;
    unsigned yen;
  };
  constexpr std::array<tea, 5> teas = {{
      {"Uji Sencha, first flush", "Bright and grassy, from the spring harvest. 100 g.", 1620},
      {"Ceremonial Matcha Okumidori", "Stone-ground, for whisked tea. 30 g tin.", 3240},
      {"Hojicha roasted green tea", "Low in caffeine, nutty and sweet. 150 g.", 1080},
      {"Genmaicha with matcha", "Green tea with toasted brown rice. 200 g.", 970},
      {"Gyokuro Asahi", "Shade-grown, rich umami. 50 g.", 4320},
  }};
  const request_noise noise(options.request);
  std::string grid;
  for (const auto index : noise.order(teas.size())) {
    grid += "<div class=\"product\"><h3>";
    grid += teas[index].name;
    grid += "</h3><p>";
    grid += teas[index].note;
    grid += "</p><p class=\"price\">" + price(teas[index].yen, options.prices) +
            "</p><form action=\"/cart\" method=\"post\"><input type=\"hidden\" name=\"token\" "
            "value=\"" +
            noise.token() + "\"><button>Add to cart</button></form></div>\n";
  }
  return declared_utf8_page(
      "en", "Uji Tea Garden - Japanese green tea shop", options,
      "<header><h1>Uji Tea Garden</h1><nav><a href=\"/shop\">Shop</a> <a href=\"/brewing\">Brewing "
      "guide</a> <a href=\"/about\">Our farm</a> <a href=\"/cart\">View cart</a></nav></header>\n"
      "<main>\n"
      "<p>Family-grown tea from the hills of Uji, Kyoto, since 1902. We pick, steam and roll our "
      "leaves by "
      "hand and ship them sealed in nitrogen to keep them fresh.</p>\n<h2>Our teas</h2>\n" +
          grid +
          "<h2>Brewing sencha</h2>\n"
          "<p>Use 4 g of leaves for 200 ml of water at 70 to 80 degrees and steep for one minute. "
          "The same leaves give two more infusions.</p>\n"
          "</main>\n"
          "<footer><p>Uji Tea Garden, Kyoto. "
          "Prices include tax. Orders ship within two working days.</p></footer>\n");
}

}  // namespace geocrawl::testing
