#include "parsers/findings.hpp"

#include "parsers/lexicon.hpp"
#include "parsers/term_matcher.hpp"
#include "parsers/text_normalizer.hpp"

#include <doctest/doctest.h>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {
namespace {

// The shipped lexicon, loaded once: the rules are tested against the data they run on.
struct shipped {
  lexicon lex = load_lexicon(GEOCRAWL_SOURCE_DIR "/data/lexicon");
  term_matcher matcher{lex};
};

const shipped& data() {
  static const shipped instance;
  return instance;
}

findings read(std::string_view page_text) {
  return find_in_text(data().matcher, data().lex, normalize_text(page_text));
}

// Lists joined into one string, so that a failed check prints them.
std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// "drug:term:count" for each hit, in findings order.
std::string drug_list(const findings& f) {
  std::vector<std::string> out;
  for (const drug_hit& hit : f.drugs) {
    out.push_back(hit.drug + ":" + hit.term + ":" + std::to_string(hit.count));
  }
  return joined(out);
}

std::string filler(std::size_t bytes) { return std::string(bytes, '.'); }

// `text` padded to `bytes` bytes (normalised, as the rules count).
std::string sized(std::string_view text, std::size_t bytes) {
  return std::string(text) + std::string(bytes - text.size(), 'x');
}

struct findings_case {
  std::string_view what;
  std::string text;
  std::vector<std::string> drugs;
  bool no_rx = false;
  std::vector<std::string> no_rx_phrases = {};
  std::vector<std::string> signals = {};
};

const findings_case findings_cases[] = {
    {"nothing", "The weather in Tokyo is sunny.", {}},
    {"specialist is not Cialis", "Ask a specialist.", {}},
    {"drug terms, counted per term as written, sorted by drug then term",
     "CIALIS 20mg, Cialis, cialis. Viagra. タダラフィル.",
     {"sildenafil:Viagra:1", "tadalafil:Cialis:3", "tadalafil:タダラフィル:1"}},
    {"half-width katakana and full-width Latin",
     "ﾊﾞｲｱｸﾞﾗ ＶＩＡＧＲＡ",
     {"sildenafil:Viagra:1", "sildenafil:バイアグラ:1"}},
    {"the longer product, not its component brand",
     "スーパーカマグラ",
     {"dapoxetine+sildenafil:スーパーカマグラ:1"}},
    {"strong no_rx alone", "お薬は処方箋不要でお届けします。", {}, true, {"処方箋不要"}},
    {"strong no_rx with a drug",
     "バイアグラ通販 処方箋不要",
     {"sildenafil:バイアグラ:1"},
     true,
     {"処方箋不要"}},
    {"weak no_rx on a 零売 pharmacy page without drugs",
     "当薬局は零売薬局です。処方箋なしでお薬を購入できます。",
     {}},
    {"weak no_rx with a drug",
     "当薬局は零売薬局です。処方箋なしでバイアグラを購入できます。",
     {"sildenafil:バイアグラ:1"},
     true,
     {"処方箋なしで"}},
    {"weak no_rx, drug just within the window after",
     "without prescription" + filler(weak_no_rx_window) + "viagra",
     {"sildenafil:Viagra:1"},
     true,
     {"without prescription"}},
    {"weak no_rx, drug just within the window before",
     "viagra" + filler(weak_no_rx_window) + "without prescription",
     {"sildenafil:Viagra:1"},
     true,
     {"without prescription"}},
    {"weak no_rx, drug one byte too far",
     "viagra" + filler(weak_no_rx_window + 1) + "without prescription",
     {"sildenafil:Viagra:1"}},
    {"weak no_rx next to an ambiguous term only", "Ella vende productos sin receta.", {}},
    {"one strong and one weak no_rx phrase",
     "Tramadol without prescription. No prescription required!",
     {"tramadol:tramadol:1"},
     true,
     {"no prescription required", "without prescription"}},
    {"ambiguous term alone", "A weekend trip to Soma, Fukushima: beaches and wild horses.", {}},
    {"ambiguous terms together do not vouch for each other", "Soma and Ella", {}},
    {"ambiguous term with a firm drug term",
     "Soma 350mg and Tramadol 50mg",
     {"carisoprodol:Soma:1", "tramadol:tramadol:1"}},
    {"ambiguous term with strong no_rx",
     "Buy Soma online, no prescription required.",
     {"carisoprodol:Soma:1"},
     true,
     {"no prescription required"}},
    {"weak page state on a short page", "工事中", {}, false, {}, {"page_state_construction"}},
    {"strong page state", "ただいま工事中です", {}, false, {}, {"page_state_construction"}},
    {"weak page state inside a long shop page",
     "Viagra 100mg " + filler(short_page_bytes) + " Reviews section under construction.",
     {"sildenafil:Viagra:1"}},
    {"strong page state inside a long page",
     filler(short_page_bytes) + " This site is under construction.",
     {},
     false,
     {},
     {"page_state_construction"}},
    {"weak page state, text one byte under the limit",
     sized("under construction ", short_page_bytes - 1),
     {},
     false,
     {},
     {"page_state_construction"}},
    {"weak page state, text at the limit", sized("under construction ", short_page_bytes), {}},
    {"parked and default pages",
     "This domain is for sale! Welcome to nginx!",
     {},
     false,
     {},
     {"page_state_default", "page_state_parked"}},
    {"strong commerce without drugs",
     "Add to cart. Pay with Bitcoin.",
     {},
     false,
     {},
     {"commerce_cart", "commerce_crypto"}},
    {"weak commerce without drugs", "Free shipping on all orders. Checkout.", {}},
    {"weak commerce with a drug",
     "Cialis 20mg. Free shipping. Checkout.",
     {"tadalafil:Cialis:1"},
     false,
     {},
     {"commerce_cart", "commerce_shipping"}},
    {"weak commerce with only an ambiguous term", "Soma spa: free shipping", {}},
};

TEST_CASE("find_in_text: drugs, no_rx and signals by the rules in findings.hpp") {
  for (const findings_case& c : findings_cases) {
    CAPTURE(c.what);
    const findings f = read(c.text);
    CHECK(drug_list(f) == joined(c.drugs));
    CHECK(f.no_rx == c.no_rx);
    CHECK(joined(f.no_rx_phrases) == joined(c.no_rx_phrases));
    CHECK(joined(f.signals) == joined(c.signals));
  }
}

TEST_CASE("find_in_text: a drug hit carries its category") {
  const findings f = read("Xanax");
  REQUIRE(f.drugs.size() == 1);
  CHECK(f.drugs[0].drug == "alprazolam");
  CHECK(f.drugs[0].category == "benzodiazepine");
}

std::string upper_case(const std::string& text) {
  std::string out;
  icu::UnicodeString::fromUTF8(text).toUpper(icu::Locale::getRoot()).toUTF8String(out);
  return out;
}

// Every language's no-Rx wording in the data: a strong phrase makes any sentence no_rx, in the
// case it is written in and in capitals.
TEST_CASE("find_in_text: each strong no_rx phrase of the lexicon is found in a sentence") {
  std::set<std::string> languages;
  for (const phrase& p : data().lex.phrases) {
    if (p.kind != phrase_kind::no_rx || p.strength != phrase_strength::strong) continue;
    for (const std::string& sentence :
         {"Order today. " + p.text + ". Fast delivery.", upper_case("Order: " + p.text + "!")}) {
      CAPTURE(p.lang);
      CAPTURE(sentence);
      const findings f = read(sentence);
      CHECK(f.no_rx);
      CHECK(joined(f.no_rx_phrases) == p.text);
    }
    languages.insert(p.lang);
  }
  CHECK(languages.size() >= 10);
}

// And no weak phrase is enough on its own, unless it names a drug itself.
TEST_CASE("find_in_text: no weak no_rx phrase of the lexicon counts alone") {
  for (const phrase& p : data().lex.phrases) {
    if (p.kind != phrase_kind::no_rx || p.strength != phrase_strength::weak) continue;
    CAPTURE(p.text);
    const findings f = read("We sell " + p.text + " items.");
    CHECK_FALSE(f.no_rx);
    const findings with_drug = read("Viagra " + p.text + ".");
    CHECK(with_drug.no_rx);
  }
}

}  // namespace
}  // namespace geocrawl
