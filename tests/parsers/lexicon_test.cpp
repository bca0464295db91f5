#include "parsers/lexicon.hpp"

#include <doctest/doctest.h>

#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace geocrawl {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view drugs_header = "term\tdrug\tcategory\tscript\tsource\tnotes\n";
constexpr std::string_view phrases_header = "phrase\tkind\tstrength\tlang\tsource\tnotes\n";
constexpr std::string_view good_drugs =
    "term\tdrug\tcategory\tscript\tsource\tnotes\n"
    "Viagra\tsildenafil\terectile_dysfunction\tlatin\tgeneral_knowledge\t\n"
    "Soma\tcarisoprodol\tmuscle_relaxant\tlatin\tgeneral_knowledge\tambiguous\n";
constexpr std::string_view good_phrases =
    "phrase\tkind\tstrength\tlang\tsource\tnotes\n"
    "No Prescription Required\tno_rx\tstrong\ten\tgeneral_knowledge\t\n"
    "ﾃﾞﾓ工事中\tpage_state_construction\tweak\tja\tgeneral_knowledge\tnote\n";

// A directory of its own under the system temp directory, removed afterwards.
class temp_lexicon_dir {
 public:
  // A file given as nullopt is left out.
  temp_lexicon_dir(std::optional<std::string_view> drugs, std::optional<std::string_view> phrases) {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("geocrawl_lexicon_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter));
    fs::create_directories(path_);
    write("drugs.tsv", drugs);
    write("phrases.tsv", phrases);
  }
  ~temp_lexicon_dir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  temp_lexicon_dir(const temp_lexicon_dir&) = delete;
  temp_lexicon_dir& operator=(const temp_lexicon_dir&) = delete;

  const fs::path& path() const { return path_; }

 private:
  void write(const char* name, std::optional<std::string_view> content) {
    if (content) std::ofstream(path_ / name, std::ios::binary) << *content;
  }

  fs::path path_;
};

TEST_CASE("load_lexicon: reads rows, normalises terms, flags ambiguous terms") {
  const temp_lexicon_dir dir(good_drugs, good_phrases);
  const lexicon lex = load_lexicon(dir.path());
  REQUIRE(lex.drugs.size() == 2);
  CHECK(lex.drugs[0].term == "Viagra");
  CHECK(lex.drugs[0].normalized == "viagra");
  CHECK(lex.drugs[0].drug == "sildenafil");
  CHECK(lex.drugs[0].category == "erectile_dysfunction");
  CHECK_FALSE(lex.drugs[0].ambiguous);
  CHECK(lex.drugs[1].ambiguous);
  REQUIRE(lex.phrases.size() == 2);
  CHECK(lex.phrases[0].text == "No Prescription Required");
  CHECK(lex.phrases[0].normalized == "no prescription required");
  CHECK(lex.phrases[0].kind == phrase_kind::no_rx);
  CHECK(lex.phrases[0].strength == phrase_strength::strong);
  CHECK(lex.phrases[0].lang == "en");
  CHECK(lex.phrases[1].normalized == "デモ工事中");
  CHECK(lex.phrases[1].kind == phrase_kind::page_state_construction);
  CHECK(lex.phrases[1].strength == phrase_strength::weak);
}

TEST_CASE("parse_lexicon: a file without a final newline still loads") {
  const lexicon lex = parse_lexicon({.drugs_tsv = good_drugs.substr(0, good_drugs.size() - 1),
                                     .phrases_tsv = good_phrases,
                                     .origin = "lexicon"});
  CHECK(lex.drugs.size() == 2);
  CHECK(lex.drugs[1].ambiguous);
}

struct malformed_case {
  std::string_view what;
  std::string drugs;
  std::string phrases;
  const char* message;  // the lexicon_error's text
};

std::string drugs_with(std::string_view row) {
  return std::string(drugs_header) + std::string(row);
}
std::string phrases_with(std::string_view row) {
  return std::string(phrases_header) + std::string(row);
}

const malformed_case malformed_cases[] = {
    {"five columns",
     drugs_with("Viagra\tsildenafil\terectile_dysfunction\tlatin\tgeneral_knowledge\n"),
     std::string(good_phrases), "lexicon/drugs.tsv:2: expected 6 tab-separated columns, found 5"},
    {"seven columns, on line 4",
     std::string(good_drugs) + "Cialis\ttadalafil\terectile_dysfunction\tlatin\tx\t\textra\n",
     std::string(good_phrases), "lexicon/drugs.tsv:4: expected 6 tab-separated columns, found 7"},
    {"spaces instead of tabs", drugs_with("Viagra sildenafil erectile_dysfunction latin x \n"),
     std::string(good_phrases), "lexicon/drugs.tsv:2: expected 6 tab-separated columns, found 1"},
    {"wrong header", "term\tdrug\tcategory\n", std::string(good_phrases),
     "lexicon/drugs.tsv:1: header must be \"term\\tdrug\\tcategory\\tscript\\tsource\\tnotes\", "
     "found "
     "\"term\\tdrug\\tcategory\""},
    {"byte order mark", "\xEF\xBB\xBF" + std::string(good_drugs), std::string(good_phrases),
     "lexicon/drugs.tsv:1: header must be \"term\\tdrug\\tcategory\\tscript\\tsource\\tnotes\", "
     "found "
     "\"\xEF\xBB\xBFterm\\tdrug\\tcategory\\tscript\\tsource\\tnotes\""},
    {"empty file", "", std::string(good_phrases),
     "lexicon/drugs.tsv:1: empty file, expected the header "
     "\"term\\tdrug\\tcategory\\tscript\\tsource\\tnotes\""},
    {"CRLF line ends", "term\tdrug\tcategory\tscript\tsource\tnotes\r\n", std::string(good_phrases),
     "lexicon/drugs.tsv:1: CR in line (the file must use LF)"},
    {"empty line", std::string(good_drugs) + "\n", std::string(good_phrases),
     "lexicon/drugs.tsv:4: empty line"},
    {"empty term", drugs_with("\tsildenafil\terectile_dysfunction\tlatin\tx\t\n"),
     std::string(good_phrases), "lexicon/drugs.tsv:2: empty term"},
    {"empty drug", drugs_with("Viagra\t\terectile_dysfunction\tlatin\tx\t\n"),
     std::string(good_phrases), "lexicon/drugs.tsv:2: empty drug"},
    {"term of ignorables only",
     drugs_with("\u00AD\tsildenafil\terectile_dysfunction\tlatin\tx\t\n"),
     std::string(good_phrases), "lexicon/drugs.tsv:2: \"\u00AD\" normalises to nothing"},
    {"unknown kind", std::string(good_drugs),
     phrases_with("no prescription\tno_rxx\tstrong\ten\tx\t\n"),
     "lexicon/phrases.tsv:2: unknown kind \"no_rxx\""},
    {"unknown strength", std::string(good_drugs),
     phrases_with("no prescription\tno_rx\tmedium\ten\tx\t\n"),
     "lexicon/phrases.tsv:2: unknown strength \"medium\" (expected strong or weak)"},
    {"strength in capitals", std::string(good_drugs),
     phrases_with("no prescription\tno_rx\tStrong\ten\tx\t\n"),
     "lexicon/phrases.tsv:2: unknown strength \"Strong\" (expected strong or weak)"},
    {"empty phrase", std::string(good_drugs), phrases_with("\tno_rx\tstrong\ten\tx\t\n"),
     "lexicon/phrases.tsv:2: empty phrase"},
};

TEST_CASE("parse_lexicon: malformed files are refused with file:line and the fault") {
  for (const malformed_case& c : malformed_cases) {
    CAPTURE(c.what);
    CHECK_THROWS_WITH_AS(
        parse_lexicon({.drugs_tsv = c.drugs, .phrases_tsv = c.phrases, .origin = "lexicon"}),
        c.message, lexicon_error);
  }
}

TEST_CASE("load_lexicon: errors name the file by its path") {
  SUBCASE("missing drugs.tsv") {
    const temp_lexicon_dir dir(std::nullopt, good_phrases);
    const std::string message = (dir.path() / "drugs.tsv").string() + ": cannot open";
    CHECK_THROWS_WITH_AS(load_lexicon(dir.path()), message.c_str(), lexicon_error);
  }
  SUBCASE("missing phrases.tsv") {
    const temp_lexicon_dir dir(good_drugs, std::nullopt);
    const std::string message = (dir.path() / "phrases.tsv").string() + ": cannot open";
    CHECK_THROWS_WITH_AS(load_lexicon(dir.path()), message.c_str(), lexicon_error);
  }
  SUBCASE("a bad row") {
    const temp_lexicon_dir dir(good_drugs,
                               phrases_with("no prescription\tno_rx\tmedium\ten\tx\t\n"));
    const std::string message = (dir.path() / "phrases.tsv").string() +
                                ":2: unknown strength \"medium\" (expected strong or weak)";
    CHECK_THROWS_WITH_AS(load_lexicon(dir.path()), message.c_str(), lexicon_error);
  }
}

TEST_CASE("load_lexicon: the shipped lexicon") {
  const fs::path dir = GEOCRAWL_SOURCE_DIR "/data/lexicon";
  const lexicon lex = load_lexicon(dir);
  // Every line but the header is a row.
  const auto rows = [](const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n') -
           1;
  };
  CHECK(static_cast<std::ptrdiff_t>(lex.drugs.size()) == rows(dir / "drugs.tsv"));
  CHECK(static_cast<std::ptrdiff_t>(lex.phrases.size()) == rows(dir / "phrases.tsv"));

  const auto term = [&](std::string_view written) {
    const auto it = std::find_if(lex.drugs.begin(), lex.drugs.end(),
                                 [&](const drug_term& t) { return t.term == written; });
    REQUIRE(it != lex.drugs.end());
    return *it;
  };
  CHECK(term("Viagra").normalized == "viagra");
  CHECK(term("Viagra").drug == "sildenafil");
  CHECK_FALSE(term("Viagra").ambiguous);
  CHECK(term("Soma").ambiguous);
  CHECK(term("ソーマ").ambiguous);

  for (const drug_term& t : lex.drugs) {
    CAPTURE(t.term);
    CHECK_FALSE(t.normalized.empty());
  }
  for (phrase_kind kind :
       {phrase_kind::no_rx, phrase_kind::page_state_construction, phrase_kind::page_state_parked,
        phrase_kind::page_state_suspended, phrase_kind::page_state_default,
        phrase_kind::commerce_cart, phrase_kind::commerce_crypto, phrase_kind::commerce_shipping,
        phrase_kind::commerce_import}) {
    CAPTURE(to_string(kind));
    CHECK(std::any_of(lex.phrases.begin(), lex.phrases.end(),
                      [&](const phrase& p) { return p.kind == kind; }));
  }
}

TEST_CASE("to_string(phrase_kind) spells kinds as phrases.tsv does") {
  CHECK(to_string(phrase_kind::no_rx) == "no_rx");
  CHECK(to_string(phrase_kind::page_state_default) == "page_state_default");
  CHECK(to_string(phrase_kind::commerce_import) == "commerce_import");
}

}  // namespace
}  // namespace geocrawl
