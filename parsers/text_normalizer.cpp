#include "parsers/text_normalizer.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace geocrawl {
namespace {

const icu::Normalizer2& nfkc_casefold() {
  // ICU returns a process-wide singleton that is safe to use from any thread; failure means
  // ICU's data library is missing, which no page can fix.
  static const icu::Normalizer2* const instance = [] {
    UErrorCode error = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(error);
    if (U_FAILURE(error)) {
      throw std::runtime_error(std::string("ICU NFKC_Casefold unavailable: ") + u_errorName(error));
    }
    return n;
  }();
  return *instance;
}

bool is_ascii(char c) { return static_cast<unsigned char>(c) < 0x80; }

constexpr std::uint64_t high_bits = 0x8080808080808080;

// The first non-ASCII byte at or after `i`, or the end; eight bytes at a time.
std::size_t skip_ascii(std::string_view text, std::size_t i) {
  while (i + 8 <= text.size()) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if ((word & high_bits) != 0) break;
    i += 8;
  }
  while (i < text.size() && is_ascii(text[i])) ++i;
  return i;
}

// The first ASCII byte at or after `i`, or the end; eight bytes at a time.
std::size_t skip_non_ascii(std::string_view text, std::size_t i) {
  while (i + 8 <= text.size()) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if ((~word & high_bits) != 0) break;
    i += 8;
  }
  while (i < text.size() && !is_ascii(text[i])) ++i;
  return i;
}

// ASCII runs shorter than this ("100mg" amid Japanese) go to ICU with their neighbours:
// switching between the two paths costs more than the fast path saves.
constexpr std::size_t min_ascii_run = 16;

// What the writer does with each byte. NFKC_Casefold of an ASCII character is the character
// itself, lower-cased for A–Z, which is all the fast path has to do; ASCII white space all
// becomes ' ' here, so one load tells both. ICU's output is copied in runs up to the next
// byte that needs a look: ASCII white space, and the lead bytes of the non-ASCII white space
// (U+0085: C2, U+1680: E1, U+2028/9: E2) and of U+0307 (CC).
struct byte_table {
  std::array<char, 256> fold{};
  std::array<bool, 256> look_closer{};
};

constexpr byte_table bytes = [] {
  byte_table table;
  for (int c = 0; c < 256; ++c) {
    table.fold[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  for (unsigned char c : {'\t', '\n', '\v', '\f', '\r'}) table.fold[c] = ' ';
  for (unsigned char c : {' ', '\t', '\n', '\v', '\f', '\r'}) table.look_closer[c] = true;
  for (unsigned char c : {0xC2, 0xCC, 0xE1, 0xE2}) table.look_closer[c] = true;
  return table;
}();

// Appends to `out` while collapsing white space. A run is written only when a non-space
// follows, which trims both ends, and it carries across calls, so "a \u3000b" (one space from
// the fast path, one from ICU) still gives "a b". Writes through a raw pointer into space
// reserved per piece: appending to the string byte by byte ran at half the speed.
class collapsing_writer {
 public:
  explicit collapsing_writer(std::string& out) : out_(out) {}

  // ASCII text as found on the page.
  void ascii(std::string_view text) {
    cursor at = start(text.size());
    for (char c : text) at.put(static_cast<unsigned char>(c));
    stop(at);
  }

  // ICU's NFKC_Casefold output.
  void normalized(std::string_view text) {
    cursor at = start(text.size());
    const std::size_t length = text.size();
    std::size_t i = 0;
    while (i < length) {
      std::size_t run_end = i;
      while (run_end < length && !bytes.look_closer[static_cast<unsigned char>(text[run_end])]) {
        ++run_end;
      }
      at.copy(text.substr(i, run_end - i));
      if (run_end == length) break;
      const std::string_view rest = text.substr(run_end);
      if (rest.starts_with("\xC2\x85")) {
        at.pending_space = true;
        i = run_end + 2;
      } else if (rest.starts_with("\xE1\x9A\x80") || rest.starts_with("\xE2\x80\xA8") ||
                 rest.starts_with("\xE2\x80\xA9")) {
        at.pending_space = true;
        i = run_end + 3;
      } else if (rest.starts_with("\xCC\x87") && !at.pending_space && at.size != 0 &&
                 at.buffer[at.size - 1] == 'i') {
        i = run_end + 2;  // "i" U+0307 is the fold of "İ" (see the header); the dot goes
      } else {
        at.put(static_cast<unsigned char>(text[run_end]));  // ASCII space, or nothing special
        i = run_end + 1;
      }
    }
    stop(at);
  }

  void finish() { out_.resize(size_); }

 private:
  // The writing state in locals: stores through a char* may alias any member, so keeping
  // the state in members would reload it after every byte.
  struct cursor {
    char* buffer;
    std::size_t size;
    bool pending_space;

    void put(unsigned char c) {
      const char folded = bytes.fold[c];
      if (folded == ' ') {
        pending_space = true;
        return;
      }
      if (pending_space) {
        if (size != 0) buffer[size++] = ' ';
        pending_space = false;
      }
      buffer[size++] = folded;
    }

    // Bytes without white space in them, as they are.
    void copy(std::string_view run) {
      if (run.empty()) return;
      if (pending_space) {
        if (size != 0) buffer[size++] = ' ';
        pending_space = false;
      }
      std::memcpy(buffer + size, run.data(), run.size());
      size += run.size();
    }
  };

  // Room for `count` more bytes plus one carried-over space.
  cursor start(std::size_t count) {
    if (out_.size() - size_ < count + 1) out_.resize(std::max(out_.size() * 2, size_ + count + 1));
    return {out_.data(), size_, pending_space_};
  }

  void stop(const cursor& at) {
    size_ = at.size;
    pending_space_ = at.pending_space;
  }

  std::string& out_;
  std::size_t size_ = 0;  // bytes written; out_ beyond that is scratch space
  bool pending_space_ = false;
};

}  // namespace

std::string normalize_text(std::string_view utf8) {
  if (utf8.size() > static_cast<std::size_t>(INT32_MAX)) {
    throw std::length_error("normalize_text: input over 2 GiB");
  }
  std::string out;
  collapsing_writer writer(out);
  std::string scratch;
  const std::size_t n = utf8.size();
  std::size_t i = 0;
  while (i < n) {
    const std::size_t j = skip_ascii(utf8, i);
    if (j == n) {
      writer.ascii(utf8.substr(i));
      break;
    }
    // ICU takes the non-ASCII run plus the ASCII character just before it, which a following
    // combining mark may compose with ("e" U+0301 → "é"). The piece ends where a run of
    // min_ascii_run ASCII characters (or the rest of the text, if all ASCII) begins: nothing
    // composes across that point, so the pieces normalise independently.
    const std::size_t start = j > i ? j - 1 : j;
    writer.ascii(utf8.substr(i, start - i));
    std::size_t end = j;
    for (;;) {
      end = skip_non_ascii(utf8, end);
      const std::size_t run_end = skip_ascii(utf8, end);
      if (run_end == n || run_end - end >= min_ascii_run) break;
      end = run_end;
    }
    scratch.clear();
    icu::StringByteSink<std::string> sink(&scratch);
    UErrorCode error = U_ZERO_ERROR;
    nfkc_casefold().normalizeUTF8(
        0, icu::StringPiece(utf8.data() + start, static_cast<int32_t>(end - start)), sink, nullptr,
        error);
    if (U_FAILURE(error)) {
      // Only allocation failure gets here (ill-formed input is copied through).
      throw std::runtime_error(std::string("normalize_text: ICU failed: ") + u_errorName(error));
    }
    writer.normalized(scratch);
    i = end;
  }
  writer.finish();
  return out;
}

}  // namespace geocrawl
