#pragma once
// A gumbo parse that hostile HTML cannot crash or run away with.
//
// Gumbo 0.10.1, measured on this machine:
//  - gumbo_destroy_output() frees the tree recursively, one C stack frame per level: it
//    overflows a 1 MiB thread stack on a 40,000-deep page. (Parsing itself does not
//    recurse.)
//  - Parsing takes time quadratic in the nesting depth: 100,000 nested <div>s take a
//    minute, because every start tag scans the stack of open elements.
//  - Each parse error record copies the stack of open elements: 20,000 unclosed <div>s
//    allocate 3 GB.
//  - Misnested formatting elements are re-created at every text run: 325 KB of
//    "<p><b id=N>..." markup takes 12 s and 7.5 GB.
//  - A numeric character reference above U+10FFFF wraps an int and can come out as bytes
//    that are not UTF-8.
// So: the input is cut where a pre-pass (html_nesting) predicts the nesting or the
// re-creation would exceed their bounds; such references are clamped first
// (numeric_references); errors are not recorded; and every allocation comes from an arena
// that is released in one go (gumbo_destroy_output() is never called) and caps the memory
// a parse may take.
#include <csetjmp>
#include <cstddef>
#include <string>
#include <string_view>

#include <gumbo.h>

namespace geocrawl {

struct gumbo_limits {
  std::size_t max_depth;          // for the pre-pass's estimate of open elements
  std::size_t max_reconstructed;  // formatting elements gumbo may re-create
  std::size_t max_memory;         // bytes gumbo may allocate
};

// Depth as asked, re-creation and memory scaled to the input: a typical page costs gumbo
// about 10 bytes of allocation per input byte, dense markup up to about 60.
gumbo_limits default_gumbo_limits(std::size_t input_size, std::size_t max_depth);

class gumbo_document {
 public:
  // `utf8_html` must outlive the document: gumbo points into it (or into its clamped copy).
  gumbo_document(std::string_view utf8_html, const gumbo_limits& limits);
  ~gumbo_document();
  gumbo_document(const gumbo_document&) = delete;
  gumbo_document& operator=(const gumbo_document&) = delete;

  // The tree, or nullptr when gumbo needed more memory than allowed.
  const GumboOutput* output() const { return output_; }
  // The input was cut, or the parse abandoned.
  bool truncated() const { return truncated_; }
  std::size_t parsed_bytes() const { return parsed_bytes_; }

 private:
  struct block;

  static void* allocate(void* self, std::size_t size);
  static void deallocate(void* self, void* pointer);
  void* take(std::size_t size);
  void grow(std::size_t size);
  const GumboOutput* parse(std::string_view html);

  std::string clamped_html_;  // the input, when its references had to be clamped
  std::size_t budget_;
  std::size_t used_ = 0;
  std::size_t next_block_;
  block* blocks_ = nullptr;
  char* next_ = nullptr;
  char* end_ = nullptr;
  std::jmp_buf over_budget_;
  const GumboOutput* output_ = nullptr;
  bool truncated_ = false;
  std::size_t parsed_bytes_ = 0;
};

}  // namespace geocrawl
