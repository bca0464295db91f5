#pragma once
// The encodings decoded here and the labels that name them. Pages and headers spell an
// encoding many ways ("latin1", " SJIS "); one table turns each spelling into one encoding, so
// the code downstream compares encodings, never spellings.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace geocrawl {

// The WHATWG Encoding Standard's label table, restricted to the encodings decoded here:
// "latin1" -> "windows-1252", " SJIS " -> "shift_jis". nullopt for unknown labels and for
// the "replacement" and "x-user-defined" encodings.
std::optional<std::string> canonical_charset(std::string_view label);

// The table itself, for the decoder and the <meta> prescan. They pass encodings around by
// address, so the table is one inline object that every translation unit shares.
namespace whatwg_encoding {

enum class width { single_byte, multi_byte };

struct encoding {
  std::string_view name;
  const char* converter;  // the ICU converter that decodes it as browsers do
  width kind;
  std::string_view labels;  // space-separated
};

// Shorthands that keep each row of the table short.
inline constexpr auto single = width::single_byte;
inline constexpr auto multi = width::multi_byte;

// Where ICU's converter of the same name would decode differently from a browser:
// shift_jis uses windows-31j (ibm-943_P15A-2003), which keeps 0x5C as "\" and has the NEC and
// IBM rows (①, ⅰ, 髙) like the standard's index; euc-kr is Microsoft's superset windows-949, as
// in the standard; big5 needs the HKSCS table; the standard decodes gbk with the gb18030
// decoder. iso-8859-8-i decodes exactly as iso-8859-8 (it only changes bidi display order).
// The "replacement" and "x-user-defined" encodings are left out: their labels count as unknown.
inline constexpr encoding encodings[] = {
    {"utf-8", nullptr, multi,
     "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"},
    {"ibm866", "ibm866", single, "866 cp866 csibm866 ibm866"},
    {"iso-8859-2", "ISO-8859-2", single,
     "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2"},
    {"iso-8859-3", "ISO-8859-3", single,
     "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3"},
    {"iso-8859-4", "ISO-8859-4", single,
     "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4"},
    {"iso-8859-5", "ISO-8859-5", single,
     "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 "
     "iso_8859-5:1988"},
    {"iso-8859-6", "ISO-8859-6", single,
     "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e "
     "iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987"},
    {"iso-8859-7", "ISO-8859-7", single,
     "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 "
     "iso_8859-7 iso_8859-7:1987 sun_eu_greek"},
    {"iso-8859-8", "ISO-8859-8", single,
     "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 "
     "iso_8859-8 iso_8859-8:1988 visual csiso88598i iso-8859-8-i logical"},
    {"iso-8859-10", "ISO-8859-10", single,
     "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"},
    {"iso-8859-13", "ISO-8859-13", single, "iso-8859-13 iso8859-13 iso885913"},
    {"iso-8859-14", "ISO-8859-14", single, "iso-8859-14 iso8859-14 iso885914"},
    {"iso-8859-15", "ISO-8859-15", single,
     "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"},
    {"iso-8859-16", nullptr, single, "iso-8859-16"},
    {"koi8-r", "KOI8-R", single, "cskoi8r koi koi8 koi8-r koi8_r"},
    {"koi8-u", "KOI8-U", single, "koi8-ru koi8-u"},
    {"macintosh", "macintosh", single, "csmacintosh mac macintosh x-mac-roman"},
    {"windows-874", "windows-874", single,
     "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"},
    {"windows-1250", "windows-1250", single, "cp1250 windows-1250 x-cp1250"},
    {"windows-1251", "windows-1251", single, "cp1251 windows-1251 x-cp1251"},
    {"windows-1252", "windows-1252", single,
     "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 "
     "iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252"},
    {"windows-1253", "windows-1253", single, "cp1253 windows-1253 x-cp1253"},
    {"windows-1254", "windows-1254", single,
     "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 "
     "latin5 windows-1254 x-cp1254"},
    {"windows-1255", "windows-1255", single, "cp1255 windows-1255 x-cp1255"},
    {"windows-1256", "windows-1256", single, "cp1256 windows-1256 x-cp1256"},
    {"windows-1257", "windows-1257", single, "cp1257 windows-1257 x-cp1257"},
    {"windows-1258", "windows-1258", single, "cp1258 windows-1258 x-cp1258"},
    {"x-mac-cyrillic", "x-mac-cyrillic", single, "x-mac-cyrillic x-mac-ukrainian"},
    {"gbk", "gb18030", multi,
     "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk"},
    {"gb18030", "gb18030", multi, "gb18030"},
    {"big5", "big5-hkscs", multi, "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
    {"euc-jp", "euc-jp", multi, "cseucpkdfmtjapanese euc-jp x-euc-jp"},
    {"iso-2022-jp", "ISO-2022-JP", multi, "csiso2022jp iso-2022-jp"},
    {"shift_jis", "windows-31j", multi,
     "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"},
    {"euc-kr", "windows-949", multi,
     "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 "
     "ksc_5601 windows-949"},
    {"utf-16be", "UTF-16BE", multi, "unicodefffe utf-16be"},
    {"utf-16le", "UTF-16LE", multi,
     "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"},
};

constexpr const encoding& named(std::string_view name) {
  for (const auto& e : encodings) {
    if (e.name == name) return e;
  }
  throw std::logic_error("no such encoding");  // evaluated at compile time: a build error
}

inline constexpr const encoding& utf_8 = named("utf-8");
inline constexpr const encoding& utf_16le = named("utf-16le");
inline constexpr const encoding& utf_16be = named("utf-16be");
inline constexpr const encoding& windows_1252 = named("windows-1252");
inline constexpr const encoding& iso_8859_16 = named("iso-8859-16");
inline constexpr const encoding& iso_2022_jp = named("iso-2022-jp");

// The Encoding Standard's "get an encoding"; nullptr is its failure.
const encoding* find_encoding(std::string_view label);

}  // namespace whatwg_encoding
}  // namespace geocrawl
