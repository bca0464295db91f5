// For tests/parsers/favicon_hash_check.py: for each file named, one line
// "<murmur3_x86_32 of its bytes, seed 0, unsigned> <favicon_hash of its bytes>", so a second,
// independent implementation can check geocrawl's over inputs it chooses.
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "parsers/favicon_hash.hpp"
#include "parsers/murmur3.hpp"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << "cannot read " << argv[i] << "\n";
      return 2;
    }
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::cout << geocrawl::murmur3_x86_32(bytes) << " " << geocrawl::favicon_hash(bytes) << "\n";
  }
  return 0;
}
