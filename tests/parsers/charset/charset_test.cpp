#include "parsers/charset/charset.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "tests/support/capture_binding.hpp"
#include "tests/support/legacy_encoding.hpp"

namespace geocrawl {
namespace {

using namespace std::string_literals;

// The legacy bytes under test come from ICU's encoders, so no test row carries a hand-made
// byte table it could get wrong.
using testing::encode_as;

// A shop page of realistic length: a few hundred bytes of Japanese once encoded.
constexpr std::string_view japanese_text =
    "バイアグラ 処方箋不要 "
    "通販。正規品のバイアグラ、シアリス、レビトラを海外から直送でお届けします。"
    "価格は￥3,980から、まとめ買いでさらにお得。送料無料、最短即日発送。"
    "医師の処方箋なしで安心してご購入いただけます。お支払いはクレジットカード、銀行振込、"
    "コンビニ決済に対応しております。ご不明な点はお気軽にお問い合わせください。";

std::string page(std::string_view head, std::string_view text) {
  return "<!DOCTYPE html>\n<html><head>"s + std::string(head) +
         "<title>Shop</title></head>\n<body><p>" + std::string(text) + "</p></body></html>\n";
}

struct decode_case {
  std::string name;
  std::string bytes;
  std::string content_type;
  std::string utf8;
  std::string charset;
  charset_source source;
  std::string declared = "";
  std::size_t replacements = 0;
};

void check_decodes(const std::vector<decode_case>& cases) {
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto decoded = decode_to_utf8(c.bytes, c.content_type);
    CHECK(decoded.utf8 == c.utf8);
    CHECK(decoded.charset == c.charset);
    CHECK(to_string(decoded.source) == to_string(c.source));
    CHECK(decoded.declared == c.declared);
    CHECK(decoded.replacements == c.replacements);
  }
}

constexpr auto bom = charset_source::bom;
constexpr auto header = charset_source::http_header;
constexpr auto meta = charset_source::meta;
constexpr auto detector = charset_source::detector;
constexpr auto fallback = charset_source::fallback;

TEST_CASE("to_string gives each charset source its stable code") {
  CHECK(to_string(bom) == "bom");
  CHECK(to_string(header) == "header");
  CHECK(to_string(meta) == "meta");
  CHECK(to_string(detector) == "detector");
  CHECK(to_string(fallback) == "default");
}

TEST_CASE("a byte order mark outranks every declaration") {
  const std::string text = "日本語のページ";
  check_decodes({
      {"UTF-8 BOM over a Shift_JIS header", "\xEF\xBB\xBF" + text, "text/html; charset=shift_jis",
       text, "utf-8", bom},
      {"UTF-16LE BOM", "\xFF\xFE" + encode_as(text, "UTF-16LE"), "", text, "utf-16le", bom},
      {"UTF-16BE BOM over a meta",
       "\xFE\xFF" + encode_as("<meta charset=euc-jp>" + text, "UTF-16BE"), "",
       "<meta charset=euc-jp>" + text, "utf-16be", bom},
      // Nothing second-guesses a BOM, not even invalid bytes after it.
      {"UTF-8 BOM with invalid bytes", "\xEF\xBB\xBFz\xFFz", "", "z\uFFFDz", "utf-8", bom, "", 1},
  });
}

TEST_CASE("a declaration in the header or a meta decides, the header first") {
  const auto sjis_page = page("", japanese_text);
  const auto meta_page = page("<meta charset=\"Shift_JIS\">", japanese_text);
  const auto pragma_page = page(
      "<!-- shop template v2 --><meta http-equiv='Content-Type' content='text/html; "
      "charset=EUC-JP'>",
      japanese_text);
  const auto unquoted_page = page("<!----><meta charset=x-sjis>", japanese_text);
  check_decodes({
      {"header", encode_as(sjis_page, "windows-31j"), "text/html; charset=Shift_JIS", sjis_page,
       "shift_jis", header},
      {"meta charset, double quotes", encode_as(meta_page, "windows-31j"), "text/html", meta_page,
       "shift_jis", meta},
      {"meta http-equiv after a comment, single quotes", encode_as(pragma_page, "euc-jp"), "",
       pragma_page, "euc-jp", meta},
      {"meta charset without quotes", encode_as(unquoted_page, "windows-31j"), "", unquoted_page,
       "shift_jis", meta},
      // The meta says Shift_JIS, the header (and the bytes) EUC-JP: the header wins.
      {"header over a disagreeing meta", encode_as(meta_page, "euc-jp"),
       "text/html; charset=euc-jp", meta_page, "euc-jp", header},
      // An unknown header label is ignored and the meta decides.
      {"unknown header label", encode_as(meta_page, "windows-31j"), "text/html; charset=x-klingon",
       meta_page, "shift_jis", meta},
  });
}

TEST_CASE("every supported encoding decodes its own text") {
  struct round_trip {
    std::string_view label;
    const char* encoder;  // ICU converter that produces the bytes
    std::string_view text;
    std::string_view charset;
  };
  constexpr std::string_view russian = "Купить виагру без рецепта, быстрая доставка";
  constexpr round_trip cases[] = {
      {"utf-8", "UTF-8", "バイアグラ 処方箋不要 😀", "utf-8"},
      {"Shift_JIS", "windows-31j", "バイアグラ 処方箋不要 ￥3,980 ① ⅰ 髙 ～", "shift_jis"},
      {"EUC-JP", "euc-jp", "バイアグラ 処方箋不要 ￥3,980 ﾊﾞｲｱｸﾞﾗ", "euc-jp"},
      {"ISO-2022-JP", "ISO-2022-JP", "バイアグラ 処方箋不要 通販", "iso-2022-jp"},
      {"gb2312", "GBK", "网上药店 伟哥 无需处方", "gbk"},
      {"GB18030", "gb18030", "网上药店 伟哥 无需处方 𠀀", "gb18030"},
      {"big5", "big5-hkscs", "網上藥房 威而鋼 免處方 €", "big5"},
      {"ks_c_5601-1987", "windows-949", "비아그라 처방전 없이 구매", "euc-kr"},
      {"utf-16le", "UTF-16LE", "バイアグラ 😀", "utf-16le"},
      {"utf-16be", "UTF-16BE", "バイアグラ 😀", "utf-16be"},
      {"windows-1250", "windows-1250", "Koupit viagru bez předpisu, levně a diskrétně",
       "windows-1250"},
      {"windows-1251", "windows-1251", russian, "windows-1251"},
      {"latin1", "windows-1252", "Achetez du Viagra sans ordonnance – livraison discrète €",
       "windows-1252"},
      {"windows-1253", "windows-1253", "Αγοράστε Viagra χωρίς συνταγή", "windows-1253"},
      {"iso-8859-9", "windows-1254", "Reçetesiz Viagra satın alın, hızlı teslimat", "windows-1254"},
      {"windows-1255", "windows-1255", "קנה ויאגרה ללא מרשם", "windows-1255"},
      {"windows-1256", "windows-1256", "شراء الفياجرا بدون وصفة طبية", "windows-1256"},
      {"windows-1257", "windows-1257", "Pirkite viagrą be recepto", "windows-1257"},
      {"windows-1258", "windows-1258", "Mua viagra không toa", "windows-1258"},
      {"tis-620", "windows-874", "ซื้อไวอากร้า ไม่ต้องมีใบสั่งยา", "windows-874"},
      {"iso-8859-2", "ISO-8859-2", "Kupić viagrę bez recepty. Zażółć gęślą jaźń", "iso-8859-2"},
      {"iso-8859-3", "ISO-8859-3", "Ixtri viagra mingħajr riċetta", "iso-8859-3"},
      {"iso-8859-4", "ISO-8859-4", "Pirkite viagrą be recepto", "iso-8859-4"},
      {"iso-8859-5", "ISO-8859-5", russian, "iso-8859-5"},
      {"iso-8859-6", "ISO-8859-6", "شراء الفياجرا بدون وصفة طبية", "iso-8859-6"},
      {"iso-8859-7", "ISO-8859-7", "Αγοράστε Viagra χωρίς συνταγή", "iso-8859-7"},
      {"iso-8859-8", "ISO-8859-8", "קנה ויאגרה ללא מרשם", "iso-8859-8"},
      {"iso-8859-10", "ISO-8859-10", "Kaupa viagra án lyfseðils", "iso-8859-10"},
      {"iso-8859-13", "ISO-8859-13", "Pirkite viagrą be recepto", "iso-8859-13"},
      {"iso-8859-14", "ISO-8859-14", "Ceannaich Viagra gun òrdugh ŵ", "iso-8859-14"},
      {"iso-8859-15", "ISO-8859-15", "Achetez du Viagra sans ordonnance €", "iso-8859-15"},
      {"koi8-r", "KOI8-R", russian, "koi8-r"},
      {"koi8-u", "KOI8-U", "Купити віагру без рецепта", "koi8-u"},
      {"ibm866", "ibm866", russian, "ibm866"},
      {"macintosh", "macintosh", "Achetez du Viagra sans ordonnance – livraison discrète",
       "macintosh"},
      {"x-mac-cyrillic", "x-mac-cyrillic", russian, "x-mac-cyrillic"},
  };
  std::vector<decode_case> decodes;
  for (const auto& c : cases) {
    const auto text = page("", c.text);
    decodes.push_back({std::string(c.label), encode_as(text, c.encoder),
                       "text/html; charset=" + std::string(c.label), text, std::string(c.charset),
                       header});
  }
  check_decodes(decodes);
}

TEST_CASE("long bodies decode whole, supplementary characters included") {
  // Long enough to cross any internal buffer; the odd ASCII prefix shifts every surrogate pair
  // against those buffers' edges.
  std::string emoji;
  for (int i = 0; i < 20000; ++i) emoji += "😀";
  std::string japanese;
  for (int i = 0; i < 2000; ++i) japanese += japanese_text;
  std::vector<decode_case> cases;
  for (const std::string prefix : {"", "a"}) {
    for (const auto& [label, encoder, charset] : {std::tuple{"utf-16le", "UTF-16LE", "utf-16le"},
                                                  {"utf-16be", "UTF-16BE", "utf-16be"},
                                                  {"gb18030", "gb18030", "gb18030"}}) {
      cases.push_back({std::string(label) + " emoji after \"" + prefix + "\"",
                       encode_as(prefix + emoji, encoder), "text/html; charset="s + label,
                       prefix + emoji, charset, header});
    }
  }
  cases.push_back({"Shift_JIS", encode_as(japanese, "windows-31j"), "text/html; charset=sjis",
                   japanese, "shift_jis", header});
  cases.push_back({"UTF-8", japanese, "text/html; charset=utf-8", japanese, "utf-8", header});
  check_decodes(cases);
}

TEST_CASE("bytes decode to what browsers show") {
  check_decodes({
      // windows-31j, like the Encoding Standard: 0x5C is a backslash (fonts draw it as a yen
      // sign), the NEC and IBM extension rows are there, 0x8160 is the full-width tilde.
      {"Shift_JIS backslash and yen", "C:\\ \x81\x8F", "text/html; charset=sjis", "C:\\ ￥",
       "shift_jis", header},
      {"Shift_JIS NEC and IBM rows", "\x87\x40\xFA\x40\xFB\xFC\xED\x40\x81\x60",
       "text/html; charset=ms932", "①ⅰ髙纊～", "shift_jis", header},
      // Half-width katakana are SS2 (0x8E) pairs in EUC-JP.
      {"EUC-JP half-width katakana", "\x8E\xCA\x8E\xDE\x8E\xB2\x8E\xB1\x8E\xB8\x8E\xDE\x8E\xD7",
       "text/html; charset=euc-jp", "ﾊﾞｲｱｸﾞﾗ", "euc-jp", header},
      // windows-1252 maps its five holes to the C1 controls instead of failing.
      {"windows-1252 holes", "\x80\x81\x8D\x93", "text/html; charset=iso-8859-1", "€\u0081\u008D“",
       "windows-1252", header},
      // Debian's ICU has no ISO-8859-16; the table here does.
      {"iso-8859-16", "\xAA\xBA\xDE\xFE\xA4", "text/html; charset=iso-8859-16", "ȘșȚț€",
       "iso-8859-16", header},
      // gbk decodes with the gb18030 decoder, four-byte sequences included.
      {"gbk four-byte sequence", "\xD6\xD0\x81\x30\x81\x30", "text/html; charset=gb2312",
       "中\u0080", "gbk", header},
      {"big5 HKSCS", "\xA4\xA4\x87\x40", "text/html; charset=big5", "中䏰", "big5", header},
      {"euc-kr as windows-949", "\xC7\xD1\x81\x41", "text/html; charset=euc-kr", "한갂", "euc-kr",
       header},
  });
}

TEST_CASE("a declaration the bytes contradict is overruled by the detector") {
  const auto text = page("", japanese_text);
  const auto sjis = encode_as(text, "windows-31j");
  const auto eucjp = encode_as(text, "euc-jp");
  const auto russian = page("",
                            "Купить виагру без рецепта. Быстрая доставка по всей России, "
                            "гарантия качества и низкие цены на дженерики.");
  const auto utf8_with_meta = page("<meta charset=\"iso-8859-1\">", japanese_text);
  check_decodes({
      {"declares UTF-8, sends Shift_JIS", sjis, "text/html; charset=utf-8", text, "shift_jis",
       detector, "utf-8"},
      {"declares EUC-JP, sends Shift_JIS", sjis, "text/html; charset=EUC-JP", text, "shift_jis",
       detector, "euc-jp"},
      {"declares UTF-8, sends windows-1251", encode_as(russian, "windows-1251"),
       "text/html; charset=utf-8", russian, "windows-1251", detector, "utf-8"},
      // windows-1252 decodes any byte; valid UTF-8 (or a confident CJK reading) still wins.
      {"header declares Latin-1, sends UTF-8", text, "text/html; charset=ISO-8859-1", text, "utf-8",
       detector, "windows-1252"},
      {"meta declares Latin-1, sends UTF-8", utf8_with_meta, "", utf8_with_meta, "utf-8", detector,
       "windows-1252"},
      {"declares Latin-1, sends EUC-JP", eucjp, "text/html; charset=latin1", text, "euc-jp",
       detector, "windows-1252"},
  });
}

TEST_CASE("a declaration the bytes fit is kept") {
  const auto text = page("", japanese_text);
  const auto french = page("",
                           "Achetez du Viagra sans ordonnance : livraison rapide et discrète, "
                           "médicaments génériques à prix réduit, qualité garantie.");
  const auto russian = page("", "Купить виагру без рецепта. Быстрая доставка по всей России.");
  // A Latin-1 copyright sign pasted into a UTF-8 footer.
  const auto with_stray_byte = [](std::string utf8) {
    return utf8.insert(utf8.find("</p>"), "\xA9 2024");
  };
  const auto as_shown = [](std::string utf8) {
    return utf8.insert(utf8.find("</p>"), "\uFFFD 2024");
  };
  // Mostly ASCII with a few UTF-8 accents: ICU rates this Latin-1, which would read every
  // accent as two letters; one bad byte in a hundred characters does not overrule UTF-8.
  const auto english = page("",
                            "Buy Viagra online from our café-style pharmacy. Spécial offer: "
                            "no prescription needed, discreet shipping, best prices.");
  check_decodes({
      {"Latin-1 French", encode_as(french, "windows-1252"), "text/html; charset=iso-8859-1", french,
       "windows-1252", header},
      {"windows-1251 Russian", encode_as(russian, "windows-1251"),
       "text/html; charset=windows-1251", russian, "windows-1251", header},
      // Two single-byte encodings are never traded for each other (both decode every byte).
      {"KOI8-R bytes declared windows-1251", encode_as("Купить", "KOI8-R"),
       "text/html; charset=windows-1251", "лХРЙФШ", "windows-1251", header},
      // One bad byte in a UTF-8 page is damage, not a different encoding.
      {"UTF-8 Japanese with one stray Latin-1 byte", with_stray_byte(text),
       "text/html; charset=utf-8", as_shown(text), "utf-8", header, "", 1},
      {"UTF-8 English with one stray Latin-1 byte", with_stray_byte(english),
       "text/html; charset=utf-8", as_shown(english), "utf-8", header, "", 1},
      {"undeclared UTF-8 English with one stray Latin-1 byte", with_stray_byte(english), "",
       as_shown(english), "utf-8", fallback, "", 1},
  });
}

TEST_CASE("bytes like a UTF-16 byte order mark inside a page never make it UTF-16") {
  // The detector's sample starts at the first non-ASCII byte: FF FE or FE FF placed after a
  // page's ASCII head look like a byte order mark to ICU. Read as UTF-16, the whole page would
  // be garbage to the analyser while a browser shows it as the UTF-8 it says it is.
  for (const std::string mark : {"\xFF\xFE", "\xFE\xFF"}) {
    const auto bytes = page("", "Buy Viagra online " + mark + "\xC0\xAF no prescription needed");
    for (const std::string content_type : {"text/html; charset=utf-8", ""}) {
      CAPTURE(content_type);
      const auto decoded = decode_to_utf8(bytes, content_type);
      CHECK_FALSE(decoded.charset.starts_with("utf-16"));
      CHECK(decoded.utf8.find("<title>Shop</title>") != std::string::npos);
      CHECK(decoded.utf8.find("Buy Viagra online") != std::string::npos);
      CHECK(decoded.utf8.find("no prescription needed") != std::string::npos);
    }
  }
}

TEST_CASE("without a declaration the detector decides") {
  const auto text = page("", japanese_text);
  const auto chinese = page("",
                            "网上药店：伟哥、希爱力、艾力达，无需处方，正品保证，快速发货，"
                            "货到付款，全国包邮。专业药剂师在线咨询，隐私包装，安全放心。");
  const auto ascii = page("", "Buy Viagra online without prescription");
  check_decodes({
      {"Shift_JIS", encode_as(text, "windows-31j"), "", text, "shift_jis", detector},
      {"EUC-JP", encode_as(text, "euc-jp"), "", text, "euc-jp", detector},
      {"ISO-2022-JP", encode_as(text, "ISO-2022-JP"), "text/html", text, "iso-2022-jp", detector},
      {"GB18030", encode_as(chinese, "gb18030"), "", chinese, "gb18030", detector},
      {"UTF-8", text, "", text, "utf-8", detector},
      {"ASCII", ascii, "", ascii, "utf-8", fallback},
  });
}

TEST_CASE("invalid input becomes U+FFFD, one per maximal subpart, and is counted") {
  // After a BOM nothing second-guesses the encoding, so these rows show the decoder alone.
  const std::string utf8_bom = "\xEF\xBB\xBF";
  struct invalid_case {
    std::string bytes;
    std::string utf8;
    std::size_t replacements;
  };
  const invalid_case cases[] = {
      {"\xE3\x81z", "\uFFFDz", 1},                          // truncated sequence
      {"\xE3\x81", "\uFFFD", 1},                            // truncated at the end
      {"\xF0\x80\x80", "\uFFFD\uFFFD\uFFFD", 3},            // overlong
      {"\xC0\xAF", "\uFFFD\uFFFD", 2},                      // overlong '/'
      {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD", 3},            // surrogate
      {"\xF4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD", 4},  // above U+10FFFF
      {"\xFF", "\uFFFD", 1},
      {"\xE6\x97\xA5\x80", "日\uFFFD", 1},
  };
  for (const auto& [bytes, utf8, replacements] : cases) {
    CAPTURE_BINDING(utf8);
    const auto decoded = decode_to_utf8(utf8_bom + bytes, "");
    CHECK(decoded.utf8 == utf8);
    CHECK(decoded.replacements == replacements);
  }

  // A legacy page with one bad byte keeps its declared encoding (under 1% replaced).
  const auto text = page("", japanese_text);
  auto damaged = encode_as(text, "windows-31j");
  damaged.insert(damaged.find("</p>"), "\xFD");
  auto shown = text;
  shown.insert(shown.find("</p>"), "\uFFFD");
  check_decodes({{"Shift_JIS with a bad byte", damaged, "text/html; charset=shift_jis", shown,
                  "shift_jis", header, "", 1}});
}

TEST_CASE("NUL bytes are kept and empty input decodes to nothing") {
  // A browser's decoder keeps U+0000 (the HTML tokenizer deals with it), and so does this.
  check_decodes({
      {"NUL in UTF-8", "a\0b"s, "text/html; charset=utf-8", "a\0b"s, "utf-8", header},
      {"NUL in Shift_JIS", "a\0\x82\xA0"s, "text/html; charset=shift_jis", "a\0あ"s, "shift_jis",
       header},
      {"NUL without a declaration", "a\0b"s, "", "a\0b"s, "utf-8", fallback},
      {"empty", "", "", "", "utf-8", fallback},
      {"empty with a header", "", "text/html; charset=shift_jis", "", "shift_jis", header},
  });
}

}  // namespace
}  // namespace geocrawl
