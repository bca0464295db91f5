#pragma once
// The bounds the nesting guard holds a document to before gumbo sees it (html_nesting.hpp
// says why gumbo needs them). Its own header so the tree model and the guard share it.
#include <cstddef>

namespace geocrawl {

struct nesting_limits {
  std::size_t max_depth = 1024;             // elements open at once
  std::size_t max_reconstructed = 1 << 16;  // formatting elements re-created, in total
};

}  // namespace geocrawl
