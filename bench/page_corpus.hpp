#pragma once
// A deterministic corpus of rogue-pharmacy-like pages for benchmarks: mixed languages and
// encodings, 5-300 KB, median about 45 KB, generated rather than committed.
#include <cstddef>
#include <string>
#include <vector>

namespace geocrawl::bench {

struct corpus_page {
  std::string body;          // as served: possibly Shift_JIS, EUC-JP, GB18030, windows-1251
  std::string content_type;  // sometimes with a charset, sometimes without
  std::string utf8;          // the same page in UTF-8, what gumbo alone is given
};

std::vector<corpus_page> make_corpus(std::size_t pages, unsigned seed = 20261127);

}  // namespace geocrawl::bench
