#include "parsers/text_similarity.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>
#include <string>

#include "parsers/text_normalizer.hpp"

namespace geocrawl {
namespace {

// Shingle hashes are stored and compared across runs and builds, so the function is fixed
// here rather than std::hash: FNV-1a 64 over a word's or character's bytes, the same over the
// unit hashes of a shingle, then MurmurHash3's 64-bit finaliser. FNV-1a alone leaves bits
// depending on few input bits, and the bottom-k sample is only uniform if every bit is.
constexpr std::uint64_t fnv_offset = 0xcbf29ce484222325;
constexpr std::uint64_t fnv_prime = 0x100000001b3;

constexpr std::uint64_t fnv1a(std::uint64_t hash, std::uint64_t value) {
  return (hash ^ value) * fnv_prime;
}

constexpr std::uint64_t fmix64(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccd;
  h ^= h >> 33;
  h *= 0xc4ceb93fe53ac863;
  h ^= h >> 33;
  return h;
}

enum class char_kind : std::uint8_t { separator, letter, digit, cjk };

// What a word needs to know of an ASCII character, in one load.
struct ascii_char {
  char_kind kind = char_kind::separator;
  std::uint8_t hex = 0;    // 0-9, a-f (the text is case folded)
  std::uint8_t vowel = 0;  // a, e, i, o, u
};

constexpr std::array<ascii_char, 0x80> ascii_chars = [] {
  std::array<ascii_char, 0x80> chars{};
  for (int c = '0'; c <= '9'; ++c) chars[c] = {.kind = char_kind::digit, .hex = 1};
  for (int c = 'a'; c <= 'z'; ++c) {
    chars[c].kind = chars[c - 'a' + 'A'].kind = char_kind::letter;
    chars[c].hex = c <= 'f';
  }
  for (char c : {'a', 'e', 'i', 'o', 'u'}) chars[static_cast<unsigned char>(c)].vowel = 1;
  return chars;
}();

// By script extensions, so that the marks Hiragana and Katakana share (the prolonged sound
// mark "ー", the combining voicing marks) stay inside the runs they sit in.
bool in_unspaced_script(UChar32 c) {
  return uscript_hasScript(c, USCRIPT_HAN) || uscript_hasScript(c, USCRIPT_HIRAGANA) ||
         uscript_hasScript(c, USCRIPT_KATAKANA) || uscript_hasScript(c, USCRIPT_HANGUL);
}

char_kind classify(UChar32 c) {
  if (c < 0) return char_kind::separator;  // ill-formed UTF-8
  if (c < 0x80) return ascii_chars[c].kind;
  // Kana, the unified ideographs and Hangul syllables, the bulk of a Japanese, Chinese or
  // Korean page, without asking ICU.
  if ((c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3)) {
    return char_kind::cjk;
  }
  switch (u_charType(c)) {
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return char_kind::digit;
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
      // Those scripts begin at U+1100 (Hangul Jamo): alphabets below it need no lookup.
      return c >= 0x1100 && in_unspaced_script(c) ? char_kind::cjk : char_kind::letter;
    default:
      return char_kind::separator;
  }
}

// The max_shingles smallest distinct hashes seen. Hashes collect in a buffer that is cut back
// to the smallest k whenever it reaches 8k; once k are kept, a hash above the largest of them
// cannot be among the smallest and is dropped on arrival, so after the first few cuts almost
// every hash is, and the work stays linear in the text.
class bottom_k {
 public:
  explicit bottom_k(std::size_t k) : k_(k), compact_at_(k <= limit / 8 ? 8 * k : limit) {
    // No hash matches its slot's initial value: slot i takes hashes equal to i modulo 2048,
    // and ~i is 2047 - i modulo 2048.
    for (std::size_t i = 0; i < recent_.size(); ++i) recent_[i] = ~i;
  }

  void add(std::uint64_t hash) {
    if (full_ && hash >= cutoff_) {
      sampled_ |= hash > cutoff_;  // equal is one already kept
      return;
    }
    std::uint64_t& seen = recent_[hash % recent_.size()];
    if (seen == hash) return;
    seen = hash;
    hashes_.push_back(hash);
    if (hashes_.size() >= compact_at_) compact();
  }

  text_fingerprint finish(std::size_t text_bytes) {
    compact();
    hashes_.shrink_to_fit();  // the buffer may have grown to 8k; fingerprints are kept
    return {.shingles = std::move(hashes_), .sampled = sampled_, .text_bytes = text_bytes};
  }

 private:
  static constexpr std::size_t limit = std::numeric_limits<std::size_t>::max();

  void compact() {
    std::sort(hashes_.begin(), hashes_.end());
    hashes_.erase(std::unique(hashes_.begin(), hashes_.end()), hashes_.end());
    if (hashes_.size() > k_) {
      hashes_.resize(k_);
      sampled_ = true;
    }
    if (hashes_.size() == k_) {
      full_ = true;
      cutoff_ = hashes_.back();
    }
  }

  std::size_t k_;
  std::size_t compact_at_;
  // Pages repeat themselves (menus, product grids, footers): a hash seen lately is dropped
  // here, at the cost of one load, rather than sorted away later.
  std::array<std::uint64_t, 2048> recent_;
  std::vector<std::uint64_t> hashes_;
  bool full_ = false;  // k hashes are kept, the largest being cutoff_
  std::uint64_t cutoff_ = 0;
  bool sampled_ = false;
};

// The last three units (words, or characters of a run) of a sequence; each new unit ends a
// shingle.
class shingle_window {
 public:
  explicit shingle_window(bottom_k& out) : out_(out) {}

  void push(std::uint64_t unit) {
    units_[0] = units_[1];
    units_[1] = units_[2];
    units_[2] = unit;
    if (++count_ >= size) emit(size);
  }

  // Ends the sequence: one shorter than a shingle is a shingle by itself.
  void flush() {
    if (count_ > 0 && count_ < size) emit(count_);
    count_ = 0;
  }

 private:
  static constexpr std::size_t size = 3;

  void emit(std::size_t last) {
    std::uint64_t hash = fnv_offset;
    for (std::size_t i = size - last; i < size; ++i) hash = fnv1a(hash, units_[i]);
    out_.add(fmix64(hash));
  }

  bottom_k& out_;
  std::array<std::uint64_t, size> units_{};
  std::size_t count_ = 0;
};

constexpr std::uint64_t hash_bytes(std::uint64_t hash, std::string_view bytes) {
  for (char c : bytes) hash = fnv1a(hash, static_cast<unsigned char>(c));
  return hash;
}

constexpr std::uint64_t placeholder = hash_bytes(fnv_offset, "#");

// A word, built a character at a time, with what tells whether it is noise.
class word {
 public:
  // A letter, digit or mark outside ASCII.
  void add(std::string_view character, char_kind kind) {
    hash_ = hash_bytes(hash_, character);
    ++chars_;
    digits_ += kind == char_kind::digit;
  }

  // The ASCII letters and digits from `i` on, at once (most words are all ASCII); returns
  // where they end.
  std::size_t add_ascii(std::string_view text, std::size_t i) {
    const std::size_t begin = i;
    std::uint64_t hash = hash_;
    std::size_t digits = 0;
    std::size_t hex = 0;
    std::size_t vowels = 0;
    for (; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c >= 0x80) break;
      const ascii_char& a = ascii_chars[c];
      if (a.kind == char_kind::separator) break;
      hash = fnv1a(hash, c);
      digits += a.kind == char_kind::digit;
      hex += a.hex;
      vowels += a.vowel;
    }
    hash_ = hash;
    chars_ += i - begin;
    ascii_ += i - begin;
    digits_ += digits;
    hex_ += hex;
    vowels_ += vowels;
    return i;
  }

  bool empty() const { return chars_ == 0; }
  std::uint64_t hash() const { return hash_; }

  bool is_noise() const {
    // Random letters are a fifth vowels at most (5 in 26); long words of languages written
    // in ASCII have a quarter or more ("weltwirtschaftskrise", "strafprozessordnung").
    // Random tokens with digits in them are caught by those.
    constexpr std::size_t random_token_chars = 16;
    const bool random_looking = chars_ >= random_token_chars && ascii_ == chars_ &&
                                (hex_ == chars_ || vowels_ * 5 < chars_);
    return digits_ != 0 || random_looking;
  }

 private:
  std::uint64_t hash_ = fnv_offset;
  std::size_t chars_ = 0;
  std::size_t ascii_ = 0;
  std::size_t hex_ = 0;
  std::size_t vowels_ = 0;
  std::size_t digits_ = 0;
};

// The page's words, in order, into shingles; noise words become placeholders.
class word_sequence {
 public:
  explicit word_sequence(bottom_k& out) : window_(out) {}

  void add(std::string_view character, char_kind kind) { word_.add(character, kind); }
  std::size_t add_ascii(std::string_view text, std::size_t i) { return word_.add_ascii(text, i); }

  void end_word() {
    if (word_.empty()) return;
    if (!word_.is_noise()) {
      window_.push(word_.hash());
      after_placeholder_ = false;
    } else if (!after_placeholder_) {
      window_.push(placeholder);
      after_placeholder_ = true;
    }
    word_ = {};
  }

  void finish() {
    end_word();
    window_.flush();
  }

 private:
  shingle_window window_;
  word word_;
  bool after_placeholder_ = false;
};

}  // namespace

text_fingerprint fingerprint_text(std::string_view utf8_visible_text, std::size_t max_shingles) {
  if (max_shingles == 0) throw std::invalid_argument("fingerprint_text: max_shingles is 0");
  const std::string text = normalize_text(utf8_visible_text);
  bottom_k sample(max_shingles);
  word_sequence words(sample);
  shingle_window run(sample);
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    UChar32 c = lead;
    std::size_t length = 1;
    if (lead >= 0x80) {
      const auto available =
          static_cast<std::int32_t>(std::min<std::size_t>(text.size() - i, U8_MAX_LENGTH));
      std::int32_t next = 0;
      U8_NEXT(text.data() + i, next, available, c);
      length = static_cast<std::size_t>(next);
    }
    const std::string_view character(text.data() + i, length);
    switch (const char_kind kind = classify(c)) {
      case char_kind::letter:
      case char_kind::digit:
        run.flush();
        if (lead < 0x80) {
          i = words.add_ascii(text, i);
          continue;
        }
        words.add(character, kind);
        break;
      case char_kind::cjk:
        words.end_word();
        run.push(hash_bytes(fnv_offset, character));
        break;
      case char_kind::separator:
        words.end_word();
        run.flush();
        break;
    }
    i += length;
  }
  run.flush();
  words.finish();
  return sample.finish(text.size());
}

// Every hash up to the smaller of the two samples' largest is known for both sets (an
// unsampled fingerprint holds all its set), so the ratio of shared to all hashes is taken
// over that range: at least k hashes of the union, chosen by a hash independent of the
// texts, which makes it an estimate of the Jaccard index — and the index itself when neither
// is sampled.
double similarity(const text_fingerprint& a, const text_fingerprint& b) {
  if (a.shingles.empty() || b.shingles.empty()) {
    return a.shingles.empty() && b.shingles.empty() ? 1.0 : 0.0;
  }
  const auto known_up_to = [](const text_fingerprint& f) {
    return f.sampled ? f.shingles.back() : std::numeric_limits<std::uint64_t>::max();
  };
  const std::uint64_t limit = std::min(known_up_to(a), known_up_to(b));
  std::size_t shared = 0;
  std::size_t either = 0;
  auto i = a.shingles.begin();
  auto j = b.shingles.begin();
  while (i != a.shingles.end() && j != b.shingles.end() && std::min(*i, *j) <= limit) {
    ++either;
    if (*i == *j) {
      ++shared;
      ++i;
      ++j;
    } else if (*i < *j) {
      ++i;
    } else {
      ++j;
    }
  }
  // Past the loop, one side at most has hashes left up to the limit: they are in the union
  // only.
  const auto rest = [limit](auto from, auto to) {
    return static_cast<std::size_t>(std::upper_bound(from, to, limit) - from);
  };
  either += rest(i, a.shingles.end()) + rest(j, b.shingles.end());
  return static_cast<double>(shared) / static_cast<double>(either);
}

double length_ratio(const text_fingerprint& a, const text_fingerprint& b) {
  const std::size_t longer = std::max(a.text_bytes, b.text_bytes);
  if (longer == 0) return 1.0;
  return static_cast<double>(std::min(a.text_bytes, b.text_bytes)) / static_cast<double>(longer);
}

}  // namespace geocrawl
