// Scores an answer of `geocrawl networks --json` against the corpus's ground truth, pair by
// pair (network_scoring.hpp), and prints the line the closing note quotes:
//
//   score_networks TRUTH.tsv ANSWER.json
//
// Exit status 0 when scored, 1 when a file is unreadable or not of its shape.
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "tests/support/network_scoring.hpp"

namespace {

std::string contents(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string("cannot read ") + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: score_networks TRUTH.tsv ANSWER.json\n";
    return 2;
  }
  try {
    using namespace geocrawl::testing;
    const auto truth = read_truth_tsv(contents(argv[1]));
    const auto counts = score_partition(truth, read_networks_json(contents(argv[2])));
    std::cout << truth.size() << " sites: " << describe(counts) << "\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "score_networks: " << error.what() << "\n";
    return 1;
  }
}
