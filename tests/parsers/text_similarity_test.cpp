#include "parsers/text_similarity.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace geocrawl {
namespace {

double similarity_of(std::string_view a, std::string_view b) {
  return similarity(fingerprint_text(a), fingerprint_text(b));
}

constexpr std::string_view shop_page =
    "Canadian Health Pharmacy. Buy generic Viagra, Cialis and Levitra online without a "
    "prescription. Our licensed pharmacists check every order before it leaves the warehouse, "
    "and discreet packaging protects your privacy. We accept Visa, Mastercard and bitcoin. "
    "Bestsellers: Viagra Professional, Cialis Daily, Kamagra Oral Jelly, Levitra Soft. "
    "Why choose us? Lowest prices guaranteed, bonus pills with every order, worldwide delivery "
    "in ten to fourteen days, reshipment if your parcel is lost, and friendly support around "
    "the clock. Customer reviews: the pills arrived quickly and worked as described, I will "
    "order again from this shop. Frequently asked questions: how do I pay, when will my order "
    "arrive, can I track my parcel, what if customs holds it. Add to cart, proceed to checkout.";

TEST_CASE("similarity: the same text is alike, unrelated texts are not") {
  CHECK(similarity_of(shop_page, shop_page) == 1.0);
  const double unrelated = similarity_of(
      shop_page,
      "The weather service expects heavy rain over the northern hills this weekend, with "
      "strong winds along the coast and snow above one thousand metres. Farmers are advised "
      "to bring livestock down from the upper pastures before Saturday evening.");
  CHECK(unrelated < 0.02);
}

TEST_CASE("similarity: timestamps, prices, order numbers and nonces do not move the score") {
  const double score = similarity_of(
      "Thank you! Order A-20241127-8812 was placed on 2024-11-27 at 12:30:05 UTC. Total "
      "$49.99 (shipping ¥1,200). Request id 3f9a8c2e1b7d4f60a5c3e9b1d2f4a6c8, session "
      "deadbeefcafebabefeedface. You will get an e-mail within 24 hours.",
      "Thank you! Order A-20250301-0007 was placed on 2025-03-01 at 09:01:59 UTC. Total "
      "$129.00 (shipping ¥980). Request id 77b1e0c94d2a4f8e9c0d5a6b7e8f9a01, session "
      "cafebabedeadbeeffacefeed. You will get an e-mail within 48 hours.");
  CHECK(score >= 0.95);
  // Digits in Japanese text too: dates, prices, counts between the kana and kanji.
  CHECK(similarity_of("2024年11月27日 12:30更新 バイアグラ100mg 10錠 ¥3,980",
                      "2025年1月5日 8:05更新 バイアグラ100mg 20錠 ¥12,800") == 1.0);
}

TEST_CASE("similarity: a rotating banner sentence changes a shop page a little") {
  const std::string monday =
      "Free shipping on all orders this week only! " + std::string(shop_page);
  const std::string tuesday =
      "Spring sale: a second pack at half price for new customers. " + std::string(shop_page);
  const double score = similarity_of(monday, tuesday);
  CHECK(score > 0.8);
  CHECK(score < 1.0);
}

TEST_CASE("similarity: a Japanese shop and an under-construction page are unlike") {
  const double score = similarity_of(
      "バイアグラ100mgを最安値で通販。処方箋不要、個人輸入代行で日本全国へ送料無料で発送します。"
      "シアリス、レビトラもカートに入れるだけ。正規品保証、ジェネリック医薬品も多数取り扱い。"
      "お客様の声：商品が早く届きました。また注文します。",
      "ただいま工事中です。申し訳ございませんが、しばらくお待ちください。");
  CHECK(score < 0.2);
}

TEST_CASE("similarity: case and width do not matter") {
  CHECK(similarity_of("ﾊﾞｲｱｸﾞﾗ通販 ｼｱﾘｽ ﾚﾋﾞﾄﾗ 処方箋不要",
                      "バイアグラ通販 シアリス レビトラ 処方箋不要") == 1.0);
  CHECK(similarity_of("BUY VIAGRA ONLINE NOW", "buy viagra online now") == 1.0);
  CHECK(similarity_of("ＢＵＹ　ＶＩＡＧＲＡ　ＯＮＬＩＮＥ", "Buy Viagra Online") == 1.0);
  CHECK(similarity_of("КУПИТЬ ВИАГРУ БЕЗ РЕЦЕПТА", "купить виагру без рецепта") == 1.0);
}

TEST_CASE("similarity: word shingles and character trigrams, exactly") {
  // Words: "a b c d" has {a b c, b c d}, "a b c" has {a b c}.
  CHECK(similarity_of("a b c d", "a b c") == doctest::Approx(0.5));
  // Punctuation separates words and is no part of them.
  CHECK(similarity_of("a, b; c!", "a b c") == 1.0);
  // Order matters within a shingle.
  CHECK(similarity_of("a b c", "c b a") == 0.0);
  // One or two words are a shingle of what there is.
  CHECK(fingerprint_text("viagra").shingles.size() == 1);
  CHECK(fingerprint_text("buy viagra").shingles.size() == 1);
  CHECK(similarity_of("buy viagra", "viagra") == 0.0);
  // A kana/kanji run of n ≥ 3 characters gives its n - 2 trigrams: 5 and 3 here, 3 shared.
  CHECK(fingerprint_text("バイアグラ通販").shingles.size() == 5);
  CHECK(similarity_of("バイアグラ通販", "バイアグラ") == doctest::Approx(0.6));
  // A shorter run is a shingle by itself; runs are not joined across punctuation.
  CHECK(fingerprint_text("通販。薬").shingles.size() == 2);
  // 処方箋 方箋不 箋不要 against 処方箋 不要.
  CHECK(similarity_of("処方箋不要", "処方箋、不要") == doctest::Approx(0.25));
  // The prolonged sound mark belongs to the Katakana run (5 trigrams against 3, all 3
  // shared; split at "ー" they would be 3 shingles against 3, 2 shared), the iteration mark
  // to the Han run. Hangul runs give trigrams too.
  CHECK(similarity_of("ゼネリーク通販", "ゼネリーク") == doctest::Approx(0.6));
  CHECK(fingerprint_text("人々の声").shingles.size() == 2);
  CHECK(fingerprint_text("비아그라 구매").shingles.size() == 3);
  // Latin words inside Japanese form their own sequence, and the runs around them stay.
  CHECK(similarity_of("ED治療薬Viagra通販", "ed 治療薬 viagra 通販") == 1.0);
}

TEST_CASE("similarity: noise words become one placeholder") {
  // Consecutive placeholders are one, so numbers written in more or fewer parts compare equal.
  CHECK(similarity_of("price 3,980 yen", "price 12 yen") == 1.0);
  CHECK(similarity_of("at 12:30:05 on 2024-11-27 today", "at noon today") < 1.0);
  CHECK(similarity_of("at 12:30:05 on 2024-11-27 today", "at 9:00 on 1.2.2025 today") == 1.0);
  // Long hex or vowel-poor ASCII words are random tokens; long words of a language are not.
  CHECK(similarity_of("token deadbeefcafebabe end", "token 0123456789abcdef end") == 1.0);
  CHECK(similarity_of("token xkqtzrbwmpfhvnlcjgdsya end", "token 7 end") == 1.0);
  CHECK(similarity_of("the internationalization team", "the internationalisation team") == 0.0);
  CHECK(similarity_of("die weltwirtschaftskrise", "die 42") == 0.0);
  CHECK(similarity_of("die strafprozessordnung", "die 42") == 0.0);
  // Shorter than 16 letters, a vowel-poor word is a word.
  CHECK(similarity_of("a xkqtzrbwmpfhvn b", "a # b") == 0.0);
}

TEST_CASE("similarity: texts without shingles") {
  const text_fingerprint empty = fingerprint_text("");
  CHECK(empty.shingles.empty());
  CHECK_FALSE(empty.sampled);
  CHECK(empty.text_bytes == 0);
  // White space and punctuation alone have no words either.
  const text_fingerprint blank = fingerprint_text(" \t\u3000 ... !!! 、。 ");
  CHECK(blank.shingles.empty());
  CHECK(similarity(empty, empty) == 1.0);
  CHECK(similarity(empty, blank) == 1.0);
  const text_fingerprint page = fingerprint_text(shop_page);
  CHECK(similarity(empty, page) == 0.0);
  CHECK(similarity(page, blank) == 0.0);
  CHECK_THROWS_AS(fingerprint_text(shop_page, 0), std::invalid_argument);
}

TEST_CASE("length_ratio: the shorter normalised text over the longer") {
  const text_fingerprint empty = fingerprint_text("");
  const text_fingerprint four = fingerprint_text("abcd");
  const text_fingerprint eight = fingerprint_text("  abcd   efg  ");  // "abcd efg"
  CHECK(eight.text_bytes == 8);
  CHECK(length_ratio(empty, empty) == 1.0);
  CHECK(length_ratio(empty, four) == 0.0);
  CHECK(length_ratio(four, eight) == doctest::Approx(0.5));
  CHECK(length_ratio(eight, four) == doctest::Approx(0.5));
  CHECK(length_ratio(eight, eight) == 1.0);
  // Measured after normalisation: half-width kana are 3 bytes each before and after, the
  // voicing mark folds into its letter.
  CHECK(length_ratio(fingerprint_text("ﾊﾞｲｱｸﾞﾗ"), fingerprint_text("バイアグラ")) == 1.0);
}

TEST_CASE("fingerprint_text: the hash is fixed, so stored fingerprints stay comparable") {
  // Worked out by hand from the definition (FNV-1a 64 of the words, FNV-1a 64 of the word
  // hashes, MurmurHash3's finaliser): a change here breaks every stored fingerprint.
  CHECK(fingerprint_text("Viagra").shingles == std::vector<std::uint64_t>{0xb1758cc7ce28a9f4});
  CHECK(fingerprint_text("buy VIAGRA 100mg online").shingles ==
        std::vector<std::uint64_t>{0x374a3d57577060e2, 0xdf73077f36495017});
}

// Deterministic text of random words from a fixed vocabulary (short words, so none is noise).
class word_source {
 public:
  explicit word_source(std::uint64_t seed, std::size_t vocabulary) : random_(seed) {
    for (std::size_t i = 0; i < vocabulary; ++i) {
      std::string w;
      for (std::size_t n = 3 + random_() % 7; n > 0; --n) {
        w += static_cast<char>('a' + random_() % 26);
      }
      words_.push_back(w);
    }
  }

  std::vector<std::string> words(std::size_t count) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < count; ++i) out.push_back(words_[random_() % words_.size()]);
    return out;
  }

  // `text` with about `fraction` of its words replaced by others.
  std::vector<std::string> edit(std::vector<std::string> text, double fraction) {
    const auto every = static_cast<std::uint64_t>(1 / fraction);
    for (std::string& w : text) {
      if (random_() % every == 0) w = words_[random_() % words_.size()];
    }
    return text;
  }

 private:
  std::mt19937_64 random_;
  std::vector<std::string> words_;
};

std::string join(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& w : words) text += w + ' ';
  return text;
}

TEST_CASE("similarity: sampled fingerprints estimate the exact Jaccard index") {
  constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();
  word_source source(20241127, 3000);
  const std::vector<std::string> base = source.words(30000);
  const std::string base_text = join(base);
  const text_fingerprint base_exact = fingerprint_text(base_text, unlimited);
  const text_fingerprint base_sampled = fingerprint_text(base_text);
  REQUIRE_FALSE(base_exact.sampled);
  REQUIRE(base_exact.shingles.size() > 20000);
  REQUIRE(base_sampled.sampled);
  REQUIRE(base_sampled.shingles.size() == 4096);

  const std::vector<std::string> half(base.begin(), base.begin() + 15000);
  const std::vector<std::string> others[] = {
      source.edit(base, 0.01),
      source.edit(base, 0.05),
      source.edit(base, 0.2),
      source.edit(base, 0.5),
      half,
      source.words(20000),
  };
  for (const std::vector<std::string>& other : others) {
    const std::string text = join(other);
    const double exact = similarity(base_exact, fingerprint_text(text, unlimited));
    CAPTURE(exact);
    CHECK(std::abs(similarity(base_sampled, fingerprint_text(text)) - exact) <= 0.05);
    // Fingerprints sampled to different sizes, or one not sampled at all, compare too.
    CHECK(std::abs(similarity(base_sampled, fingerprint_text(text, 1024)) - exact) <= 0.05);
    CHECK(std::abs(similarity(base_exact, fingerprint_text(text)) - exact) <= 0.05);
  }
}

TEST_CASE("fingerprint_text: a 5 MB text stays within max_shingles") {
  word_source source(5, 20000);
  std::string text;
  while (text.size() < 5'000'000) text += join(source.words(1000)) + "バイアグラ通販。在庫あり\n";
  for (const std::size_t max_shingles : {std::size_t{1}, std::size_t{4096}}) {
    CAPTURE(max_shingles);
    const text_fingerprint f = fingerprint_text(text, max_shingles);
    CHECK(f.sampled);
    CHECK(f.shingles.size() == max_shingles);
    CHECK(std::is_sorted(f.shingles.begin(), f.shingles.end()));
    CHECK(std::adjacent_find(f.shingles.begin(), f.shingles.end()) == f.shingles.end());
    CHECK(f.text_bytes == text.size() - 1);  // the trailing line break is trimmed
    // The sample is the smallest hashes: a wider one starts with it.
    const text_fingerprint wider = fingerprint_text(text, max_shingles * 2);
    CHECK(std::equal(f.shingles.begin(), f.shingles.end(), wider.shingles.begin()));
  }
}

}  // namespace
}  // namespace geocrawl
